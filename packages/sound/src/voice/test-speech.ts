/**
 * A formant speech synthesiser for the voice-style tests (real TTS is not a dependency of the
 * sound package): a Rosenberg glottal pulse train with jitter and shimmer, a falling pitch contour
 * with an accent per syllable, four cascaded formant resonators gliding between vowels, a little
 * aspiration, and consonants made of shaped noise (s, sh, f) and plosive bursts (t, k) between a
 * short closure. Seeded and deterministic.
 */
import { Biquad } from "../dsp/biquad";
import { Rng } from "../rng";

type Vowel = "a" | "e" | "i" | "o" | "u";
type Consonant = "s" | "sh" | "f" | "t" | "k" | "m" | "l" | "";

const FORMANTS: Record<Vowel, readonly [number, number, number, number]> = {
  a: [730, 1090, 2440, 3400],
  e: [530, 1840, 2480, 3500],
  i: [300, 2250, 3000, 3600],
  o: [570, 840, 2410, 3300],
  u: [320, 870, 2240, 3300],
};
const BANDWIDTHS = [70, 90, 130, 170] as const;

export interface SyntheticSpeechOptions {
  readonly sampleRate: number;
  readonly seed?: number;
  /** Syllables as consonant+vowel, e.g. "sa", "shi", "to", "mu", "e" (default: a 10-syllable phrase). */
  readonly syllables?: readonly string[];
  /** Mean fundamental (Hz) at the start of the phrase (default 150). */
  readonly f0?: number;
  /** Vowel amplitude scale (default 0.1: peaks near −12 dBFS). */
  readonly level?: number;
}

export const DEFAULT_SYLLABLES = ["sa", "li", "to", "me", "shu", "na", "fi", "ko", "se", "la"];

function parse(s: string): [Consonant, Vowel] {
  const v = s.slice(-1) as Vowel;
  const c = s.slice(0, -1);
  return [(c === "n" ? "m" : c) as Consonant, v];
}

/** Two-pole resonator with unity gain at DC. */
class Resonator {
  private y1 = 0;
  private y2 = 0;
  private a1 = 0;
  private a2 = 0;
  private g = 1;
  constructor(private readonly fs: number) {}
  set(f: number, bw: number): void {
    const r = Math.exp((-Math.PI * bw) / this.fs);
    this.a1 = 2 * r * Math.cos((2 * Math.PI * f) / this.fs);
    this.a2 = -r * r;
    this.g = 1 - this.a1 - this.a2;
  }
  tick(x: number): number {
    const y = this.g * x + this.a1 * this.y1 + this.a2 * this.y2;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/** Mono speech-like PCM: ~0.25 s per syllable, with 0.2 s of silence at each end. */
export function syntheticSpeech(opts: SyntheticSpeechOptions): Float32Array {
  const fs = opts.sampleRate;
  const rng = new Rng(opts.seed ?? 1);
  const syl = (opts.syllables ?? DEFAULT_SYLLABLES).map(parse);
  const level = opts.level ?? 0.1;
  // Plan: per syllable a consonant segment then a vowel segment.
  interface Seg {
    kind: "gap" | "cons" | "vowel";
    c: Consonant;
    v: Vowel;
    len: number;
  }
  const segs: Seg[] = [{ kind: "gap", c: "", v: "a", len: Math.round(0.2 * fs) }];
  for (const [c, v] of syl) {
    if (c !== "")
      segs.push({ kind: "cons", c, v, len: Math.round((c === "t" || c === "k" ? 0.07 : 0.11) * fs) });
    segs.push({ kind: "vowel", c, v, len: Math.round(rng.range(0.16, 0.24) * fs) });
  }
  segs.push({ kind: "gap", c: "", v: "a", len: Math.round(0.2 * fs) });
  const total = segs.reduce((a, s) => a + s.len, 0);
  const out = new Float32Array(total);
  const res = [0, 1, 2, 3].map(() => new Resonator(fs));
  const fric = new Biquad(fs);
  const fric2 = new Biquad(fs);
  const cur = [...FORMANTS.a];
  const formantGlide = 1 - Math.exp(-1 / (0.03 * fs));
  const f0Start = opts.f0 ?? 150;
  let phase = 0;
  let period = fs / f0Start;
  let amp = 0;
  let shimmer = 1;
  let prevFlow = 0;
  let n = 0;
  let sylIndex = 0;
  for (const seg of segs) {
    const target = FORMANTS[seg.v];
    if (seg.kind === "cons") {
      const [f, q] =
        seg.c === "s"
          ? [6000, 1.2]
          : seg.c === "sh"
            ? [3200, 1.5]
            : seg.c === "f"
              ? [4500, 0.5]
              : [2500, 0.8];
      fric.bandpass(Math.min(f, fs * 0.42), q);
      fric2.highpass(seg.c === "sh" ? 1800 : 2500, 0.7);
    }
    if (seg.kind === "vowel") sylIndex++;
    for (let i = 0; i < seg.len; i++, n++) {
      const t = i / seg.len;
      const tAll = n / total;
      for (let j = 0; j < 4; j++) {
        cur[j] = (cur[j] as number) + ((target[j] as number) - (cur[j] as number)) * formantGlide;
        (res[j] as Resonator).set(cur[j] as number, BANDWIDTHS[j] as number);
      }
      let src = 0;
      let noise = 0;
      const voiced = seg.kind === "vowel" || (seg.kind === "cons" && (seg.c === "m" || seg.c === "l"));
      const ampTarget = voiced
        ? level * (seg.kind === "cons" ? 0.4 : 1) * Math.min(1, t * 8, (1 - t) * 6 + 0.3)
        : 0;
      amp += (ampTarget - amp) * (1 - Math.exp(-1 / (0.008 * fs)));
      // Rosenberg flow, differentiated (lip radiation).
      phase += 1 / period;
      if (phase >= 1) {
        phase -= 1;
        // Pitch contour: declination plus an accent on every other syllable, 1 % jitter.
        const accent =
          sylIndex % 2 === 1 ? 1 + 0.12 * Math.sin(Math.PI * t) : 1 - 0.04 * Math.sin(Math.PI * t);
        const f0 = f0Start * (1 - 0.3 * tAll) * accent * (1 + 0.01 * rng.gauss());
        period = fs / f0;
        shimmer = 1 + 0.04 * rng.gauss();
      }
      const flow =
        phase < 0.4
          ? 0.5 - 0.5 * Math.cos((Math.PI * phase) / 0.4)
          : phase < 0.56
            ? Math.cos((Math.PI * (phase - 0.4)) / 0.32)
            : 0;
      src = (flow - prevFlow) * period * 0.25 * amp * shimmer;
      prevFlow = flow;
      src += amp * 0.02 * rng.signed() * flow; // aspiration during the open phase
      let y = src;
      for (const r of res) y = r.tick(y);
      if (seg.kind === "cons" && seg.c !== "m" && seg.c !== "l") {
        const plosive = seg.c === "t" || seg.c === "k";
        let env: number;
        if (plosive) env = t < 0.6 ? 0 : Math.exp((-(t - 0.6) * seg.len) / (0.008 * fs)) * 0.5;
        else env = Math.sin(Math.PI * t) ** 2 * (seg.c === "f" ? 0.15 : 0.35);
        noise = fric2.tick(fric.tick(rng.signed())) * env * level;
      }
      out[n] = y * 0.5 + noise;
    }
  }
  return out;
}
