import { type DictionaryMatch, type MatchExtended, ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary } from "@zxcvbn-ts/language-common";

/**
 * Refuses passwords an attacker would guess early: the most common passwords, small changes to
 * them, repeats, runs, keyboard rows, dates and the account's own name. zxcvbn-ts (MIT, its
 * dictionaries bundled in the npm packages, nothing fetched) estimates how many guesses a
 * password takes; fewer than 10^8 (its score 3, "safely unguessable" against a slow hash like
 * argon2id) is refused with a reason. The messages are ours.
 */
export const MIN_SCORE = 3;
/** Passwords ranked this common or more are named as such. */
export const COMMON_RANK = 10_000;

let estimator: ZxcvbnFactory | undefined;

function estimate(password: string, userInputs: string[]) {
  // Built on first use: the dictionaries take a few tens of milliseconds to load.
  estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return estimator.check(password, userInputs);
}

function asDictionary(match: MatchExtended | undefined): DictionaryMatch | null {
  return match?.pattern === "dictionary" && "dictionaryName" in match ? (match as DictionaryMatch) : null;
}

/** The whole password is one of the most common ones (as typed, or with capitals). */
function isCommon(password: string, sequence: MatchExtended[]): boolean {
  const only = sequence.length === 1 ? asDictionary(sequence[0]) : null;
  return (
    only !== null &&
    only.dictionaryName === "passwords-common" &&
    only.rank <= COMMON_RANK &&
    !only.l33t &&
    !only.reversed &&
    only.token === password
  );
}

const ADVICE = "Try a few unrelated words, or a longer phrase.";

function reasonOf(password: string, sequence: MatchExtended[]): string {
  if (isCommon(password, sequence)) {
    return `This is one of the ${COMMON_RANK.toLocaleString("en")} most common passwords. ${ADVICE}`;
  }
  // The longest pattern that is not random typing says why.
  const telling = sequence
    .filter((m) => m.pattern !== "bruteforce")
    .sort((a, b) => b.token.length - a.token.length)[0];
  switch (telling?.pattern) {
    case "dictionary":
      if (asDictionary(telling)?.dictionaryName === "userInputs") {
        return `A password built from your username is easy to guess. ${ADVICE}`;
      }
      return `This is a common password with small changes, which guessers try early. ${ADVICE}`;
    case "repeat":
      return `Repeated characters or words like "aaaa" or "abcabc" are easy to guess. ${ADVICE}`;
    case "sequence":
      return `Runs like "1234" or "abcd" are easy to guess. ${ADVICE}`;
    case "spatial":
      return `Rows of neighbouring keys like "qwerty" are easy to guess. ${ADVICE}`;
    case "date":
    case "regex":
      return `Dates and years are easy to guess. ${ADVICE}`;
    default:
      return `This password is too easy to guess. ${ADVICE}`;
  }
}

/** The estimate's cost grows fast with length (~0.4 s at 256 characters): it reads pieces this long. */
export const PIECE = 64;

/**
 * Why `password` is too easy to guess, or null when it is fine. `userInputs`: the username.
 * A password longer than PIECE is judged by its first piece, or failing that by its second:
 * either one strong alone makes the whole strong, and the work per request stays bounded.
 */
export function passwordWeakness(password: string, userInputs: string[] = []): string | null {
  const weakness = pieceWeakness(password.slice(0, PIECE), userInputs);
  if (weakness === null || password.length <= PIECE) return weakness;
  return pieceWeakness(password.slice(PIECE, 2 * PIECE), userInputs) === null ? null : weakness;
}

function pieceWeakness(password: string, userInputs: string[]): string | null {
  const result = estimate(password, userInputs);
  // A whole common password is refused however the estimator scores it.
  if (result.score >= MIN_SCORE && !isCommon(password, result.sequence)) return null;
  return reasonOf(password, result.sequence);
}
