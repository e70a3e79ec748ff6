/**
 * The one tag normaliser, used by the API schema, the server's store on write and read, import
 * and export, and the web editor: "Work Stress", "work-stress", "work  stress" and
 * "@Work - Stress!" are all `work-stress` (an underscore stays). Lowercase; letters, digits, dash
 * and underscore; spaces and dashes become one dash; at most 40 characters; starts with a letter
 * or digit and does not end with a dash or underscore. Markdown front matter and Obsidian take
 * the same text, so what is stored is what is exported.
 */

export const MAX_TAG_CHARS = 40;

/** The canonical form of a tag, or null when nothing of it is left. */
export function canonicalTag(raw: string): string | null {
  const tag = raw
    .normalize("NFC")
    .trim()
    .toLowerCase()
    .replace(/^[@#]+/u, "")
    .replace(/[^\p{L}\p{N} _-]+/gu, " ")
    .replace(/[\s-]+/gu, "-")
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .slice(0, MAX_TAG_CHARS)
    .replace(/[-_]+$/u, "");
  return tag === "" ? null : tag;
}

/** Canonical, distinct and sorted; tags with nothing left are dropped. */
export function canonicalTags(raw: readonly string[]): string[] {
  const out = new Set<string>();
  for (const r of raw) {
    const t = canonicalTag(r);
    if (t !== null) out.add(t);
  }
  return [...out].sort();
}
