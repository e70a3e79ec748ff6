import { Rng } from "@meridian/sound";

const COMMON =
  "i the and to a of it was my in that me is for but so on with just at like this felt had be not all about today what".split(
    " ",
  );
const THEMES =
  "rain window quiet evening tea pages whisper breath shoulders warm heavy slow light garden walk train work sister friend morning letter candle blanket pillow ocean waves tapping brush paper pen ink notebook moon cloud wind leaves fire stream sleep dream tired calm anxious worried grateful soft gentle tomorrow yesterday kitchen coffee music book chapter story laugh cried remembered noticed wanted hoped tried finished started".split(
    " ",
  );
const SYLLABLES =
  "ka lo mi ne ru sa ti vo be da fe gi ho ju le ma no pi qua re se to un va we xi yo zu".split(" ");

/**
 * Deterministic journal-like text for benchmarks. Word frequencies follow a Zipf-like law
 * over ~4,000 words (a few very common, many rare), as real writing does; every document
 * sharing one tiny vocabulary would make every query match every entry.
 */
export class SyntheticJournal {
  readonly #rng: Rng;
  readonly #vocabulary: string[];
  readonly #cumulative: Float64Array;

  constructor(seed: number, vocabularySize = 4000) {
    this.#rng = new Rng(seed);
    const words = new Set<string>([...COMMON, ...THEMES]);
    while (words.size < vocabularySize) {
      const n = 2 + (this.#rng.nextU32() % 3);
      let w = "";
      for (let i = 0; i < n; i++) w += SYLLABLES[this.#rng.nextU32() % SYLLABLES.length];
      words.add(w);
    }
    this.#vocabulary = [...words];
    this.#cumulative = new Float64Array(this.#vocabulary.length);
    let sum = 0;
    for (let i = 0; i < this.#vocabulary.length; i++) {
      sum += 1 / (i + 1) ** 1.05;
      this.#cumulative[i] = sum;
    }
    for (let i = 0; i < this.#cumulative.length; i++)
      this.#cumulative[i] = (this.#cumulative[i] as number) / sum;
  }

  word(): string {
    const u = this.#rng.float();
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#cumulative[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return this.#vocabulary[lo] as string;
  }

  entry(words: number): { title: string; body: string; tags: string[] } {
    const parts: string[] = [];
    for (let i = 0; i < words; i++) parts.push(i % 12 === 11 ? `${this.word()}.` : this.word());
    const theme = () => THEMES[this.#rng.nextU32() % THEMES.length] as string;
    const a = theme();
    const b = theme();
    return { title: `${a} and ${b}`, body: parts.join(" "), tags: a === b ? [a] : [a, b] };
  }
}
