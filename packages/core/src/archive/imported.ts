import { MAX_BODY_CHARS } from "../api/entry";
import { tzOffsetMinutes } from "../sleep/time-zone";
import { canonicalTag } from "../tags/tag";

/** What the jrnl, Day One and Daylio readers produce: plain entries ready to be written, each
 * with a stable import key (used as the entry's clientId, so importing the same file twice
 * finds the entries it wrote the first time). */

export type ForeignFormat = "jrnl" | "dayone" | "daylio";
export type ImportFormat = "meridian" | ForeignFormat;

export const FORMAT_LABELS: Readonly<Record<ImportFormat, string>> = {
  meridian: "Meridian archive",
  jrnl: "jrnl JSON export",
  dayone: "Day One JSON export",
  daylio: "Daylio CSV export",
};

export interface ImportedEntry {
  /** `<format>:<source id or content hash>`, at most 64 characters. */
  key: string;
  title: string | null;
  body: string;
  /** Normalised to Meridian's tag rules, sorted, distinct, at most 30. */
  tags: string[];
  /** ISO 8601 UTC. */
  createdAt: string;
  /** ISO 8601 UTC of the last change, where the source records one (Day One's modifiedDate);
   * else the entry's last change is its creation. */
  updatedAt?: string;
  timeZone: string;
  /** YYYY-MM-DD in timeZone. */
  localDate: string;
}

export interface ForeignImport {
  format: ForeignFormat;
  entries: ImportedEntry[];
  /** Things the reader skipped or changed, in words a person can act on. */
  warnings: string[];
}

/** The file can't be read as the format it claims; nothing from it is imported. */
export class ImportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportFormatError";
  }
}

/** The file passes one of the import's caps (unpacked size, files in a zip, records): it is
 * refused as too large (HTTP 413), not as malformed. */
export class ImportLimitError extends ImportFormatError {
  constructor(
    readonly limit: "size" | "files" | "records",
    message: string,
  ) {
    super(message);
    this.name = "ImportLimitError";
  }
}

export const MAX_TITLE_CHARS = 200;
export const MAX_TAGS = 30;

/** A tag in Meridian's one form (tags/tag.ts), or null when nothing is left of it.
 * `@Work` → `work`, `Good meal!` → `good-meal`. */
export function normaliseTag(raw: string): string | null {
  return canonicalTag(raw);
}

/** Normalised, distinct, sorted tags; reports what was dropped through `warn`. */
export function normaliseTags(
  raw: readonly string[],
  warn: (message: string) => void,
  where: string,
): string[] {
  const tags = new Set<string>();
  for (const r of raw) {
    const tag = normaliseTag(r);
    if (tag === null) warn(`${where}: the tag "${r}" has no letters or digits and was left out`);
    else tags.add(tag);
  }
  const sorted = [...tags].sort();
  if (sorted.length > MAX_TAGS) {
    warn(`${where}: only the first ${MAX_TAGS} of ${sorted.length} tags were kept`);
    return sorted.slice(0, MAX_TAGS);
  }
  return sorted;
}

/** Shortens a title to the limit, marking the cut with an ellipsis. */
export function fitTitle(title: string | null): string | null {
  if (title === null) return null;
  const t = title.trim();
  if (t === "") return null;
  return t.length > MAX_TITLE_CHARS ? `${t.slice(0, MAX_TITLE_CHARS - 1).trimEnd()}…` : t;
}

export function checkBody(body: string, where: string): string {
  if (body.length > MAX_BODY_CHARS) {
    throw new ImportFormatError(
      `${where} is ${body.length.toLocaleString("en")} characters long; entries can hold up to ${MAX_BODY_CHARS.toLocaleString("en")}`,
    );
  }
  if (body.includes("\u0000")) throw new ImportFormatError(`${where} contains a NUL character`);
  return body;
}

/** YYYY-MM-DD of an instant in a zone. */
export function localDateOf(instantMs: number, timeZone: string): string {
  return new Date(instantMs + tzOffsetMinutes(instantMs, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** Tells identical source records apart: the nth repeat of a key gets `#n` appended. */
export function keyCounter(): (base: string) => string {
  const seen = new Map<string, number>();
  return (base) => {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}#${n}`;
  };
}
