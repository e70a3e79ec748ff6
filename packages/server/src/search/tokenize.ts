/**
 * Search tokenisation, shared by the index, queries and snippet highlighting so all three
 * agree on what a "word" is: lowercase, NFKD with diacritics (nonspacing marks) removed,
 * split on anything that is not a Unicode letter, number or (spacing) combining mark.
 */

const NON_ASCII = /[\u0080-\uffff]/;
const NONSPACING_MARKS = /\p{Mn}+/gu;
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Lowercase, decompose compatibility characters, drop diacritics: "Crème Brûlée" → "creme brulee". */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize("NFKD").replace(NONSPACING_MARKS, "");
}

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

/**
 * Calls visit(folded, start, end) for each token of `text`, where folded.slice(start, end) is
 * the token: lets the index look tokens up without allocating a string per token.
 */
export function forEachToken(
  text: string,
  visit: (folded: string, start: number, end: number) => void,
): void {
  const folded = fold(text);
  if (NON_ASCII.test(folded)) {
    for (const m of folded.matchAll(WORD)) visit(folded, m.index, m.index + m[0].length);
    return;
  }
  // ASCII fast path: the same rule without the regex engine (after lowercasing, the only
  // ASCII letters left are a–z).
  let start = -1;
  for (let i = 0; i < folded.length; i++) {
    if (isAsciiWordChar(folded.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(folded, start, i);
      start = -1;
    }
  }
  if (start >= 0) visit(folded, start, folded.length);
}

/** Appends the folded tokens of `text` to `out` (duplicates kept, in order) and returns `out`. */
export function tokenizeInto(text: string, out: string[]): string[] {
  forEachToken(text, (folded, start, end) => out.push(folded.slice(start, end)));
  return out;
}

export function tokenize(text: string): string[] {
  return tokenizeInto(text, []);
}

/** A word as written in the original text: [start, end) in code units, and its folded tokens. */
export interface WordSpan {
  start: number;
  end: number;
  tokens: string[];
}

/**
 * The words of unfolded `text` with their positions, for highlighting. A written word almost
 * always folds to one token; a few compatibility characters fold to several ("½" → "1", "2").
 */
export function* wordSpans(text: string): Generator<WordSpan> {
  for (const m of text.matchAll(WORD)) {
    const tokens = tokenize(m[0]);
    if (tokens.length > 0) yield { start: m.index, end: m.index + m[0].length, tokens };
  }
}
