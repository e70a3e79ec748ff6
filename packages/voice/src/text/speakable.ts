/**
 * What the English Flite voice can read out of a sentence: Latin letters (accents folded),
 * digits and punctuation. Other scripts are left out of the audio (they stay in the sentence
 * text the caller sees). Long run-on sentences are cut at commas or spaces into pieces.
 */

export const MAX_PIECE_CHARS = 300;

export function speakableText(sentence: string): string {
  return sentence
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, ", ")
    .replace(/…/g, "...")
    .replace(/ß/g, "ss")
    .replace(/[æÆ]/g, "ae")
    .replace(/[øØ]/g, "o")
    .replace(/[^\x20-\x7e]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function hasWords(text: string): boolean {
  return /[A-Za-z0-9]/.test(text);
}

/** Words as a listener counts them: runs containing a letter or digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Cuts text longer than `max` at the last comma (else space) before the limit. */
export function cutLong(text: string, max = MAX_PIECE_CHARS): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let at = window.lastIndexOf(", ");
    if (at < max / 3) at = window.lastIndexOf(" ");
    if (at < 1) at = max;
    out.push(rest.slice(0, at + 1).trim());
    rest = rest.slice(at + 1).trim();
  }
  if (rest !== "") out.push(rest);
  return out;
}
