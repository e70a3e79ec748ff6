import { z } from "zod";
import { FORMAT_LABELS, type ImportFormat } from "./imported";

/** The preview shown before an import and the answer after it, shared by server, web and CLI. */

export const IMPORT_KINDS = [
  "entries",
  "prompts",
  "sessions",
  "sleepDiaries",
  "checkups",
  "presets",
  "media",
  "experiments",
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const KIND_LABELS: Readonly<Record<ImportKind, string>> = {
  entries: "entries",
  prompts: "own prompts",
  sessions: "sessions",
  sleepDiaries: "sleep diaries",
  checkups: "check-ups",
  presets: "presets",
  media: "media files and links",
  experiments: "experiments",
};

const CountSchema = z.object({
  total: z.number().int(),
  new: z.number().int(),
  duplicates: z.number().int(),
});

export const ImportPreviewSchema = z.object({
  format: z.enum(["meridian", "jrnl", "dayone", "daylio"]),
  formatLabel: z.string(),
  total: z.number().int(),
  newCount: z.number().int(),
  duplicateCount: z.number().int(),
  counts: z.record(z.enum(IMPORT_KINDS), CountSchema),
  /** Local dates of the entries (and other records) in the file, oldest and newest. */
  dateRange: z.object({ from: z.string(), to: z.string() }).nullable(),
  /** The first few entries (oldest first): their title, or the start of their text. */
  firstTitles: z.array(z.string()),
  warnings: z.array(z.string()),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

export const ImportResultSchema = ImportPreviewSchema.extend({
  /** Records written by this import (equals newCount). */
  imported: z.number().int(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export interface PlanItem {
  kind: ImportKind;
  /** YYYY-MM-DD, when the record has a day. */
  localDate: string | null;
  /** For entries: what the preview lists. */
  label: string | null;
  duplicate: boolean;
}

const PREVIEW_TITLES = 5;

/** One line naming an entry: its title, else the start of its text. */
export function entryLabel(title: string | null, body: string): string {
  if (title?.trim()) return title.trim();
  const line = body.split("\n").find((l) => l.trim() !== "") ?? "";
  const text = line.replace(/^[#>*\-+\s]+/, "").trim();
  if (text === "") return "(empty entry)";
  return text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text;
}

export function summariseImport(
  format: ImportFormat,
  items: readonly PlanItem[],
  warnings: readonly string[],
): ImportPreview {
  const counts = Object.fromEntries(
    IMPORT_KINDS.map((k) => [k, { total: 0, new: 0, duplicates: 0 }]),
  ) as Record<ImportKind, { total: number; new: number; duplicates: number }>;
  let from: string | null = null;
  let to: string | null = null;
  for (const item of items) {
    const c = counts[item.kind];
    c.total++;
    if (item.duplicate) c.duplicates++;
    else c.new++;
    if (item.localDate !== null) {
      if (from === null || item.localDate < from) from = item.localDate;
      if (to === null || item.localDate > to) to = item.localDate;
    }
  }
  // The oldest few entries (in file order among equal dates), without sorting them all.
  const entries: PlanItem[] = [];
  for (const item of items) {
    if (item.kind !== "entries") continue;
    const date = item.localDate ?? "";
    let at = entries.length;
    while (at > 0 && (entries[at - 1]?.localDate ?? "").localeCompare(date) > 0) at--;
    if (at < PREVIEW_TITLES) {
      entries.splice(at, 0, item);
      if (entries.length > PREVIEW_TITLES) entries.pop();
    }
  }
  const newCount = items.filter((i) => !i.duplicate).length;
  return {
    format,
    formatLabel: FORMAT_LABELS[format],
    total: items.length,
    newCount,
    duplicateCount: items.length - newCount,
    counts,
    dateRange: from !== null && to !== null ? { from, to } : null,
    firstTitles: entries.slice(0, PREVIEW_TITLES).map((i) => i.label ?? "(untitled)"),
    warnings: [...warnings],
  };
}
