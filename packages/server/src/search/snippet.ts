/** The same token boundaries MiniSearch's default tokenizer uses. */
const TOKEN = /[^\n\r\p{Z}\p{P}]+/gu;

export const SNIPPET_LENGTH = 160;
const LEAD = 50;

export interface Snippet {
  text: string;
  /** [start, end) ranges into text, one per occurrence of a matched term. */
  highlights: [number, number][];
}

function tokenRanges(text: string, terms: ReadonlySet<string>): [number, number][] {
  const ranges: [number, number][] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (terms.has(m[0].toLowerCase())) ranges.push([m.index, m.index + m[0].length]);
  }
  return ranges;
}

/**
 * A window of about SNIPPET_LENGTH characters of plain text around the first occurrence of
 * any matched term (or the start of the text), cut at word boundaries, with "…" marking
 * elided ends and highlight ranges for every matched term inside the window.
 */
export function makeSnippet(plain: string, matchedTerms: Iterable<string>): Snippet {
  const terms = new Set([...matchedTerms].map((t) => t.toLowerCase()));
  const ranges = tokenRanges(plain, terms);
  const first = ranges[0];
  let start = 0;
  if (first && first[1] > SNIPPET_LENGTH - 10) {
    start = Math.max(0, first[0] - LEAD);
    const space = plain.indexOf(" ", start);
    if (space !== -1 && space < first[0]) start = space + 1;
  }
  let end = Math.min(plain.length, start + SNIPPET_LENGTH);
  if (end < plain.length) {
    const space = plain.lastIndexOf(" ", end);
    if (space > start && (!first || space >= first[1])) end = space;
  }
  const prefix = start > 0 ? "…" : "";
  const suffix = end < plain.length ? "…" : "";
  const shift = prefix.length - start;
  const highlights = ranges
    .filter(([s, e]) => s >= start && e <= end)
    .map(([s, e]): [number, number] => [s + shift, e + shift]);
  return { text: prefix + plain.slice(start, end) + suffix, highlights };
}
