/** One journal entry as a Markdown file with YAML front matter, for Obsidian and any other
 * Markdown editor. Every string is written as a double-quoted YAML scalar (JSON string syntax
 * is valid YAML), so no title, tag or prompt can break the front matter. */

import { canonicalTag } from "../tags/tag";

export interface MarkdownMood {
  pleasantness: number;
  energy: number;
  anxiety: number;
  stress?: number | null | undefined;
}

export interface MarkdownEntry {
  title: string | null;
  body: string;
  tags: readonly string[];
  promptText: string | null;
  createdAt: string;
  updatedAt: string;
  localDate: string;
  timeZone: string;
  /** From the session this entry was written in, when there was one. */
  moodBefore?: MarkdownMood | null | undefined;
  moodAfter?: MarkdownMood | null | undefined;
  scene?: string | null | undefined;
}

const q = (text: string) => JSON.stringify(text);

/** Obsidian tags: the canonical tag (no spaces), not only digits. "Good meal" → "good-meal",
 * "2024" → "_2024". */
export function obsidianTag(tag: string): string {
  const t = canonicalTag(tag) ?? tag.trim().replace(/\s+/g, "-");
  return /^\d+$/.test(t) ? `_${t}` : t;
}

function moodLines(key: string, mood: MarkdownMood | null | undefined): string[] {
  if (!mood) return [];
  const lines = [
    `${key}:`,
    `  pleasantness: ${mood.pleasantness}`,
    `  energy: ${mood.energy}`,
    `  anxiety: ${mood.anxiety}`,
  ];
  if (mood.stress !== undefined && mood.stress !== null) lines.push(`  stress: ${mood.stress}`);
  return lines;
}

export function entryToMarkdown(entry: MarkdownEntry): string {
  const lines = ["---"];
  if (entry.title) lines.push(`title: ${q(entry.title)}`);
  lines.push(`date: ${entry.localDate}`);
  lines.push(`created: ${q(entry.createdAt)}`);
  lines.push(`updated: ${q(entry.updatedAt)}`);
  lines.push(`time_zone: ${q(entry.timeZone)}`);
  if (entry.tags.length > 0) {
    lines.push("tags:");
    // Distinct after normalising: an old "work stress" and "work-stress" are written once.
    for (const tag of new Set(entry.tags.map(obsidianTag))) lines.push(`  - ${q(tag)}`);
  }
  if (entry.promptText) lines.push(`prompt: ${q(entry.promptText)}`);
  lines.push(...moodLines("mood_before", entry.moodBefore), ...moodLines("mood_after", entry.moodAfter));
  if (entry.scene) lines.push(`scene: ${q(entry.scene)}`);
  lines.push("---", "");
  const body = entry.body.replace(/\r\n?/g, "\n").replace(/\s+$/u, "");
  return `${lines.join("\n")}\n${body}${body === "" ? "" : "\n"}`;
}

const UNSAFE = /[\\/:*?"<>|#^[\]\p{Cc}]/gu;

/** A file name safe on Windows, macOS and Linux and in Obsidian links ("2024-03-05 Rain at
 * night.md"), unique among `taken` (which it updates; compared case-insensitively). */
export function markdownFileName(
  entry: Pick<MarkdownEntry, "title" | "localDate">,
  taken: Set<string>,
): string {
  const title = (entry.title ?? "")
    .replace(UNSAFE, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80)
    .replace(/[.\s]+$/u, "");
  const base = title === "" ? entry.localDate : `${entry.localDate} ${title}`;
  let name = `${base}.md`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}.md`;
  taken.add(name.toLowerCase());
  return name;
}
