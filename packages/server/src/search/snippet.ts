import { fold, wordSpans } from "./tokenize";

export const SNIPPET_LENGTH = 160;
const LEAD = 50;

export interface Snippet {
  text: string;
  /** [start, end) ranges into text, one per occurrence of a matched term. */
  highlights: [number, number][];
}

const NON_ASCII = /[\u0080-\uffff]/;

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
}

/**
 * Calls visit(start, end) for each word of text whose folded form (see tokenize.ts) is one
 * of the terms, in order, until visit returns false.
 */
function scanMatches(
  text: string,
  terms: ReadonlySet<string>,
  visit: (start: number, end: number) => boolean,
) {
  if (terms.size === 0) return;
  if (NON_ASCII.test(text)) {
    for (const w of wordSpans(text)) {
      if (w.tokens.some((t) => terms.has(t)) && !visit(w.start, w.end)) return;
    }
    return;
  }
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && isAsciiWordChar(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      if (terms.has(text.slice(start, i).toLowerCase()) && !visit(start, i)) return;
      start = -1;
    }
  }
}

/**
 * A window of about SNIPPET_LENGTH characters of plain text around the first occurrence of
 * any matched term (or the start of the text), cut at word boundaries, with "…" marking
 * elided ends and highlight ranges for every matched term inside the window.
 */
export function makeSnippet(plain: string, matchedTerms: Iterable<string>): Snippet {
  const terms = new Set([...matchedTerms].map(fold));
  // Only the words up to the end of the window are looked at.
  let first: [number, number] | undefined;
  scanMatches(plain, terms, (s, e) => {
    first = [s, e];
    return false;
  });
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
  const highlights: [number, number][] = [];
  if (first) {
    scanMatches(plain, terms, (s, e) => {
      if (s >= end) return false;
      if (s >= start && e <= end) highlights.push([s + shift, e + shift]);
      return true;
    });
  }
  return { text: prefix + plain.slice(start, end) + suffix, highlights };
}
