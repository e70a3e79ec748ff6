/**
 * Splits prose into sentences. A full stop, ?, ! or ellipsis ends a sentence when whitespace
 * and then something other than a lower-case letter follows; closing quotes and brackets stay
 * with the sentence they close. Abbreviations ("Dr.", "e.g.") and initials ("J. R.") do not end one.
 */

const ABBREVIATIONS = new Set([
  "mr",
  "mrs",
  "ms",
  "dr",
  "prof",
  "st",
  "sr",
  "jr",
  "mt",
  "ft",
  "no",
  "vs",
  "e.g",
  "i.e",
  "cf",
  "approx",
  "fig",
  "vol",
  "ch",
  "p",
  "pp",
  "a.m",
  "p.m",
  "inc",
  "ltd",
  "co",
  "jan",
  "feb",
  "mar",
  "apr",
  "jun",
  "jul",
  "aug",
  "sep",
  "sept",
  "oct",
  "nov",
  "dec",
]);

const TERMINAL = /[.!?…。！？؟۔]/;
const CLOSERS = /["'”’»)\]}]/;

function lastWord(text: string, dot: number): string {
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1] ?? "")) i--;
  return text.slice(i, dot).toLowerCase();
}

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i] ?? "";
    if (!TERMINAL.test(ch)) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && TERMINAL.test(text[j] ?? "")) j++;
    const run = text.slice(i, j);
    while (j < n && CLOSERS.test(text[j] ?? "")) j++;
    let k = j;
    while (k < n && /\s/.test(text[k] ?? "")) k++;
    const next = text[k] ?? "";
    let ends = k >= n || (k > j && !/\p{Ll}/u.test(next));
    if (ends && run === ".") {
      const word = lastWord(text, i);
      if (ABBREVIATIONS.has(word) || (/^\p{Lu}$/u.test(text.slice(i - 1, i)) && word.length === 1)) {
        ends = k >= n;
      }
    }
    if (ends) {
      const sentence = text.slice(start, j).trim();
      if (sentence !== "") out.push(sentence);
      start = k;
    }
    i = j;
  }
  const tail = text.slice(start).trim();
  if (tail !== "") out.push(tail);
  return out;
}
