import { canonicalTag, type Entry } from "@meridian/core";

/** What the writer edits. promptText is for display only; the server derives it from promptId. */
export interface EntryContent {
  title: string;
  body: string;
  tags: string[];
  promptId: string | null;
  promptText: string | null;
}

export const EMPTY_CONTENT: EntryContent = {
  title: "",
  body: "",
  tags: [],
  promptId: null,
  promptText: null,
};

export function contentFromEntry(entry: Entry): EntryContent {
  return {
    title: entry.title ?? "",
    body: entry.body,
    tags: [...entry.tags],
    promptId: entry.promptId,
    promptText: entry.promptText,
  };
}

/** The tag in its one form (core canonicalTag), "" when nothing is left of it. */
export function normalizeTag(tag: string): string {
  return canonicalTag(tag) ?? "";
}

function tagKey(tags: readonly string[]): string {
  return [...new Set(tags.map(normalizeTag))].sort().join("\u0000");
}

/** True when saving `a` over `b` would change nothing the server stores. */
export function sameContent(a: EntryContent, b: EntryContent): boolean {
  return (
    a.body === b.body &&
    a.title.trim() === b.title.trim() &&
    (a.promptId ?? null) === (b.promptId ?? null) &&
    tagKey(a.tags) === tagKey(b.tags)
  );
}

/** Nothing worth creating an entry for. */
export function isBlank(c: EntryContent): boolean {
  return c.body.trim() === "" && c.title.trim() === "" && c.tags.length === 0;
}
