import { Rng } from "@meridian/sound";

/**
 * Seeded pseudo-words for the wordless whisper: soft syllables (CV and CVC) with a loose vowel
 * harmony inside each word, so an English text-to-speech voice reads them as plausible, foreign-
 * sounding babble that belongs to no language. Deterministic per seed.
 */

/** Onsets: mostly breathy and soft consonants, which whisper well. */
const ONSETS = ["h", "s", "sh", "f", "th", "l", "m", "n", "w", "p", "t", "k", "v", "r"] as const;
/** Weights for ONSETS (same order): fricatives and liquids more often than stops. */
const ONSET_WEIGHTS = [5, 6, 4, 4, 2, 5, 4, 4, 2, 2, 2, 2, 1, 2] as const;
/** Codas that close a syllable now and then. */
const CODAS = ["n", "s", "l", "m", "sh", "th"] as const;
const INNER_CODAS = ["n", "l", "m"] as const;
/** Front and back vowel families: a word keeps to one, with "a" shared by both. */
const FRONT_VOWELS = ["e", "i", "a", "ee"] as const;
const BACK_VOWELS = ["o", "u", "a", "oo"] as const;

/**
 * Words the generator must never produce: common English words its syllables can spell, and
 * words that would be unpleasant to hear whispered. Compared in lower case.
 */
export const PSEUDO_WORD_STOP_LIST: ReadonlySet<string> = new Set(
  [
    "a as at he her his him is it me my no not now of oh on so to too two we who hi ha la lo ma pa",
    "mama papa nana nun sun son sea see she shoo shoe shush hush home moon soon noon loom room tool",
    "pool fool feel heel keel peel reel seen teen keen been fee tee kee wee pee poo poop moo woo loo",
    "shin thin tin pin fin kin sin win rim sim kim tim tom mom pom ram ham jam sam pam mum hum rum",
    "sum tum fun run pun ton non man fan pan tan van ran can ken pen hen men ten fen wen sen hell",
    "sell fell tell well kill hill mill pill fill till will sill full pull hull null mass pass lass",
    "kiss miss hiss piss ass mess less fuss muss mush push rush hash sash lash mash rash wash fish",
    "wish dish kith math moth sloth path bath teeth faith nope yes hope rope pope mope tome some",
    "same name fame tame lame shame came time lime mime fine line mine nine pine wine vine tile mile",
    "pile file rule mule mole hole pole role sole tole fuse muse ruse rose nose hose pose lose woman",
    "human lemon melon salon sofa tuna puma luna lama hula moose loose noose fetish penis semen anus",
    "feces pussy tit tits shit fuck cunt cock whore slut nazi rape kike homo paki hoe ho nig porn",
    "sex sexy satan hitler murder knife tumor toxic vomit pus lesion sick this with was won wool",
    "tooth them then theme thus than thee thou sane sake safe sale male life hike nile seem sees",
    "sheen sham shale shim shun shes sushi sumo soma solo sooth sari sis sine seme mesa mesh meth",
    "mane mate mall molo mon mosh nosh nom pal posh pith rosa ruth lush lee lees lima lisa lola lol",
    "loon loos lana hale halo has hath hem hola kale vale vane vee vim von wan ween wham tam tel til",
    "tosh tush tun tonal final venal fennel salsa samosa kimono tofu lulu haiku sonata manila",
    "vanilla salami tomato potato mamma nanny honey money hoof whoosh fees hon sol pas nil nan nee",
    "tees teem peen poon rem res roo roos lam lin mil pol pos fol ful hes hel hal sal sel tis mus",
    "wis kan hos thum nos",
  ]
    .join(" ")
    .split(" "),
);

/** Syllables per word: mostly two, sometimes one or three. */
const SYLLABLE_WEIGHTS = [3, 6, 2] as const;

function weighted(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = rng.float() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i] ?? 0;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng.float() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/** One candidate word, before the stop-list check. */
function candidateWord(rng: Rng): string {
  const vowels = rng.float() < 0.5 ? FRONT_VOWELS : BACK_VOWELS;
  const syllables = weighted(rng, SYLLABLE_WEIGHTS) + 1;
  let word = "";
  let previousOnset = "";
  for (let s = 0; s < syllables; s++) {
    let onset = ONSETS[weighted(rng, ONSET_WEIGHTS)] ?? "h";
    // No doubled consonant sounds ("lal", "shash") inside a word: they read as stammering.
    if (onset === previousOnset) onset = onset === "h" ? "s" : "h";
    previousOnset = onset;
    word += onset;
    const vowel = pick(rng, vowels);
    word += vowel;
    const last = s === syllables - 1;
    // Closed syllables mostly at the end of a word, where English readers expect them; a
    // one-syllable word is always closed or long, so no reader takes it for a spelled letter.
    // Inside a word only a nasal or "l" closes, so no "thsh" clusters form.
    if (last ? (syllables === 1 && vowel.length === 1 ? true : rng.float() < 0.4) : rng.float() < 0.15) {
      word += last ? pick(rng, CODAS) : pick(rng, INNER_CODAS);
    }
  }
  return word;
}

/** True when `word` is one of the stop-listed English words (case-insensitive). */
export function isStopListed(word: string): boolean {
  return PSEUDO_WORD_STOP_LIST.has(word.toLowerCase());
}

/** Next pseudo-word from `rng`, redrawing any stop-listed word. */
export function nextPseudoWord(rng: Rng): string {
  for (;;) {
    const word = candidateWord(rng);
    if (!isStopListed(word)) return word;
  }
}

/** `count` pseudo-words, the same list for the same seed. */
export function pseudoWords(seed: number, count: number): string[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number ≥ 0, got ${count}`);
  const rng = new Rng(seed);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(nextPseudoWord(rng));
  return words;
}

export interface PseudoPhraseOptions {
  /** Speaking rate the phrase is sized for, words per minute (default 150). */
  readonly wpm?: number;
  /** Shortest and longest phrase, seconds at `wpm` (defaults 1 and 6). */
  readonly minSeconds?: number;
  readonly maxSeconds?: number;
}

/**
 * One whispered phrase of pseudo-words whose length, spoken at `wpm`, lies between `minSeconds`
 * and `maxSeconds`; lengths lean towards the short end, as real murmured phrases do. Pass a seed
 * for a single phrase, or an `Rng` to draw a run of varied phrases from one stream.
 */
export function pseudoPhrase(source: number | Rng, options: PseudoPhraseOptions = {}): string[] {
  const wpm = options.wpm ?? 150;
  const minSeconds = options.minSeconds ?? 1;
  const maxSeconds = options.maxSeconds ?? 6;
  if (!(wpm > 0) || !(minSeconds > 0) || !(maxSeconds >= minSeconds)) {
    throw new RangeError("pseudoPhrase needs wpm > 0 and 0 < minSeconds ≤ maxSeconds");
  }
  const rng = typeof source === "number" ? new Rng(source) : source;
  const minWords = Math.max(1, Math.ceil((minSeconds * wpm) / 60));
  const maxWords = Math.max(minWords, Math.floor((maxSeconds * wpm) / 60));
  // Squaring a uniform favours short phrases while still reaching the longest now and then.
  const u = rng.float();
  const count = minWords + Math.floor(u * u * (maxWords - minWords + 1));
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(nextPseudoWord(rng));
  return words;
}

/** Seconds a list of words takes at `wpm` words per minute. */
export function phraseSeconds(words: readonly string[], wpm = 150): number {
  return (words.length * 60) / wpm;
}
