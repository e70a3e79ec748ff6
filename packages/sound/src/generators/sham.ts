/**
 * "Matched bed" (id `sham`): steady noise whose long-term 1/3-octave spectrum follows a profile
 * of 25 band levels, so it can stand in for another sound's colour and loudness without any of
 * its transients, rhythm or modulation (the control condition of a blinded experiment, issue 15;
 * `shamLayerFor` in sham-layer.ts builds one from a layer).
 *
 * Synthesis is spectral, a bank of 1/3-octave band filters with brick-wall edges: every
 * ≈ 85 ms frame (4096 points at 48 kHz, hop half a frame) gets fresh random values in every
 * frequency bin, scaled to the band's level (the band's energy spread evenly over its bins, the
 * spill of the window between neighbouring bands solved away: sham-leakage.ts), one inverse FFT, a sine window and 50 % overlap-add (the
 * window's squares sum to one, so the variance is constant: no frame-rate pulsing). The real and
 * imaginary parts of that one transform are two independent noises with the same spectrum, the
 * stereo pair. Random values per bin and frame mean no bin keeps a phase long enough to ring as
 * a tone. The frame's gains are normalised so its K-weighted power (BS.1770 filters evaluated
 * per bin, with the binaural placement's colour in front) is constant: any profile plays at the same loudness, the −27 LUFS reference at
 * calibrationDb. "variation" only lets the tilt drift ±2 dB over minutes (0: perfectly steady).
 */
import { BAND_COUNT, bandEdgesHz } from "../analysis/long-term-spectrum-bands";
import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { Wander } from "../dsp/wander";
import type { GeneratorDef, ParamSpec } from "../generator";
import { type BiquadCoefs, preFilter, rlbFilter } from "../loudness/k-weighting";
import { Rng } from "../rng";
import { InverseFft } from "./sham-fft";
import { leakageMatrix, solveBandPowers } from "./sham-leakage";
import { BANDS_PER_PARAM, DEFAULT_PACKED, PACKED_MAX, PROFILE_PARAMS, unpackInto } from "./sham-profile";

/** K-weighted power (per channel) every frame is normalised to, before calibrationDb. */
const REFERENCE_POWER = 0.01;
/**
 * What the engine's placement does to each band's loudness for a source in front at 1 m (dB,
 * relative to the plain BS.1770 K-weighting): the binaural head model darkens the top octaves
 * by several dB. Measured by rendering a single-band profile (+20 dB, the rest at −40) through
 * the engine at spread 0, 10 s, seed 1; folded into the per-bin weights so a bright profile
 * and a dark one reach the listener equally loud.
 */
const PLACEMENT_DB: readonly number[] = [
  3.1, 3.14, 3.4, 3.47, 3.31, 3.26, 3.35, 3.26, 3.14, 3.41, 3.09, 2.87, 2.36, 1.97, 1.42, 0.91, 0.42, -0.15,
  -0.57, -0.98, -1.49, -1.82, -2.42, -3.24, -6.64,
];

function placementPower(band: number): number {
  return 10 ** ((PLACEMENT_DB[band] ?? 0) / 10);
}

/** Multiplicative updates per frame of the band-spill solve (sham-leakage.ts). */
const SOLVE_ITERATIONS = 12;

/** Seconds of the glide of band levels towards new targets. */
const LEVEL_GLIDE = 0.12;

const PARAMS: readonly ParamSpec[] = [
  ...PROFILE_PARAMS.map(
    (p): ParamSpec => ({
      name: p.name,
      label: p.label,
      min: 0,
      max: PACKED_MAX,
      default: DEFAULT_PACKED[p.name] ?? 0,
      description: "Five packed 1/3-octave band levels (set by a profile, not by hand).",
    }),
  ),
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0,
    description: "How far the tilt may drift over minutes (0 keeps it perfectly steady).",
  },
];

/** |H(e^{jω})|² of a biquad. */
function biquadPower(c: BiquadCoefs, w: number): number {
  const c1 = Math.cos(w);
  const s1 = Math.sin(w);
  const c2 = Math.cos(2 * w);
  const s2 = Math.sin(2 * w);
  const nr = c.b0 + c.b1 * c1 + c.b2 * c2;
  const ni = -(c.b1 * s1 + c.b2 * s2);
  const dr = 1 + c.a1 * c1 + c.a2 * c2;
  const di = -(c.a1 * s1 + c.a2 * s2);
  return (nr * nr + ni * ni) / (dr * dr + di * di);
}

/** Frame size: the power of two nearest 85 ms (4096 at 44.1 and 48 kHz). */
function frameSize(sampleRate: number): number {
  return Math.max(256, 2 ** Math.round(Math.log2(sampleRate * 0.085)));
}

class ShamVoice extends ControlRateVoice {
  private readonly n: number;
  private readonly hop: number;
  private readonly fft: InverseFft;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly win: Float64Array;
  private readonly outA: Float64Array;
  private readonly outB: Float64Array;
  private readonly tailA: Float64Array;
  private readonly tailB: Float64Array;
  /** Per bin 0 … n/2: its band (−1 below the bank, BAND_COUNT above it). */
  private readonly binBand: Int16Array;
  /** Per bin: shape factor on the band's per-bin power (roll-offs outside the bank). */
  private readonly binShape: Float64Array;
  /** Per bin: K-weighting power gain times the placement's (PLACEMENT_DB). */
  private readonly binK: Float64Array;
  /** Band-to-band spill of the synthesis (sham-leakage.ts). */
  private readonly leak: Float64Array;
  /** Band energies wanted this frame, and A·bp (scratch of the solve). */
  private readonly target = new Float64Array(BAND_COUNT);
  private readonly landed = new Float64Array(BAND_COUNT);
  private readonly levelT = new Float64Array(BAND_COUNT);
  private readonly level = new Float64Array(BAND_COUNT);
  /** Per-bin power of each band this frame (scratch). */
  private readonly bandPow = new Float64Array(BAND_COUNT + 2);
  private readonly tilt: Wander;
  private variation = 0;
  private variationT = 0;
  private readonly k: number;
  private pos = 0;
  private s1 = 1;
  private s2 = 1;

  constructor(sampleRate: number, seed: number) {
    super(sampleRate);
    const n = frameSize(sampleRate);
    this.n = n;
    this.hop = n / 2;
    this.fft = new InverseFft(n);
    this.re = new Float64Array(n);
    this.im = new Float64Array(n);
    this.win = new Float64Array(n);
    for (let i = 0; i < n; i++) this.win[i] = Math.sin((Math.PI * (i + 0.5)) / n);
    this.outA = new Float64Array(this.hop);
    this.outB = new Float64Array(this.hop);
    this.tailA = new Float64Array(this.hop);
    this.tailB = new Float64Array(this.hop);
    const half = n / 2;
    this.binBand = new Int16Array(half + 1);
    this.binShape = new Float64Array(half + 1);
    this.binK = new Float64Array(half + 1);
    const lowest = bandEdgesHz(0)[0];
    const highest = bandEdgesHz(BAND_COUNT - 1)[1];
    const pre = preFilter(sampleRate);
    const rlb = rlbFilter(sampleRate);
    for (let j = 1; j < half; j++) {
      const f = (j * sampleRate) / n;
      const w = (2 * Math.PI * j) / n;
      this.binK[j] = biquadPower(pre, w) * biquadPower(rlb, w);
      if (f < lowest) {
        // Below the bank: band 0's level, falling 24 dB/octave (no rumble, no DC).
        this.binBand[j] = 0;
        this.binShape[j] = (f / lowest) ** 4;
        this.binK[j] = (this.binK[j] as number) * placementPower(0);
      } else if (f >= highest) {
        // Above it: the top band's level, falling 12 dB/octave.
        this.binBand[j] = BAND_COUNT - 1;
        this.binShape[j] = (highest / f) ** 2;
        this.binK[j] = (this.binK[j] as number) * placementPower(BAND_COUNT - 1);
      } else {
        const b = Math.min(BAND_COUNT - 1, Math.max(0, Math.floor(3 * Math.log2(f / lowest))));
        this.binBand[j] = b;
        this.binShape[j] = 1;
        this.binK[j] = (this.binK[j] as number) * placementPower(b);
      }
    }
    this.binShape[0] = 0;
    this.binShape[half] = 0;
    this.leak = leakageMatrix(this.binBand, this.binShape, sampleRate / n);
    const rng = new Rng(seed);
    this.s1 = rng.nextU32() | 1;
    this.s2 = rng.nextU32() | 1;
    this.tilt = new Wander(new Rng(rng.fork(1)), 40, 120, this.dt);
    this.k = glideCoef(sampleRate, LEVEL_GLIDE);
    for (const p of PROFILE_PARAMS) this.setParam(p.name, DEFAULT_PACKED[p.name] ?? 0);
    this.level.set(this.levelT);
    // Prime the overlap-add so the first hop already has full variance.
    this.synth();
    this.pos = this.hop;
  }

  setParam(name: string, value: number): void {
    if (name === "variation") {
      this.variationT = clampTo(value, 0, 1);
      return;
    }
    for (let g = 0; g < PROFILE_PARAMS.length; g++) {
      if ((PROFILE_PARAMS[g] as { name: string }).name === name) {
        unpackInto(value, this.levelT, g * BANDS_PER_PARAM);
        return;
      }
    }
  }

  protected control(): void {
    const k = this.k;
    for (let b = 0; b < BAND_COUNT; b++)
      this.level[b] = glide(this.level[b] as number, this.levelT[b] as number, k);
    this.variation = glide(this.variation, this.variationT, k);
    this.tilt.step();
    if (this.pos >= this.hop) {
      this.synth();
      this.pos = 0;
    }
  }

  /** One frame: random bins at the band levels, inverse FFT, window, overlap-add into outA/outB. */
  private synth(): void {
    const n = this.n;
    const half = n / 2;
    const re = this.re;
    const im = this.im;
    const bp = this.bandPow;
    const drift = 2 * this.variation * this.tilt.value;
    const target = this.target;
    for (let b = 0; b < BAND_COUNT; b++) {
      const db = (this.level[b] as number) + (drift * (b - 12)) / 12;
      target[b] = 10 ** (db / 10);
    }
    solveBandPowers(this.leak, target, bp, this.landed, SOLVE_ITERATIONS);
    // K-weighted power of this frame's spectrum (both halves; uniform values have variance 1/3).
    let pk = 0;
    const band = this.binBand;
    const shape = this.binShape;
    const kw = this.binK;
    for (let j = 1; j < half; j++)
      pk += (bp[band[j] as number] as number) * (shape[j] as number) * (kw[j] as number);
    const scale = Math.sqrt((REFERENCE_POWER * 3) / (2 * Math.max(pk, 1e-30)));
    let s1 = this.s1;
    let s2 = this.s2;
    re[0] = 0;
    im[0] = 0;
    re[half] = 0;
    im[half] = 0;
    const u = 4.656612873077393e-10; // 2^-31: uniform in [−1, 1)
    for (let j = 1; j < half; j++) {
      const g = scale * Math.sqrt((bp[band[j] as number] as number) * (shape[j] as number));
      s1 ^= s1 << 13;
      s1 ^= s1 >>> 17;
      s1 ^= s1 << 5;
      s2 ^= s2 << 13;
      s2 ^= s2 >>> 17;
      s2 ^= s2 << 5;
      re[j] = g * s1 * u;
      im[j] = g * s2 * u;
      s1 ^= s1 << 13;
      s1 ^= s1 >>> 17;
      s1 ^= s1 << 5;
      s2 ^= s2 << 13;
      s2 ^= s2 >>> 17;
      s2 ^= s2 << 5;
      re[n - j] = g * s1 * u;
      im[n - j] = g * s2 * u;
    }
    this.s1 = s1;
    this.s2 = s2;
    this.fft.run(re, im);
    const w = this.win;
    const oa = this.outA;
    const ob = this.outB;
    const ta = this.tailA;
    const tb = this.tailB;
    const hop = this.hop;
    for (let i = 0; i < hop; i++) {
      oa[i] = (ta[i] as number) + (re[i] as number) * (w[i] as number);
      ob[i] = (tb[i] as number) + (im[i] as number) * (w[i] as number);
      ta[i] = (re[i + hop] as number) * (w[i + hop] as number);
      tb[i] = (im[i + hop] as number) * (w[i + hop] as number);
    }
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const oa = this.outA;
    const ob = this.outB;
    let p = this.pos;
    for (let i = start; i < start + n; i++) {
      a[i] = oa[p] as number;
      b[i] = ob[p] as number;
      p++;
    }
    this.pos = p;
  }
}

export const sham: GeneratorDef = {
  id: "sham",
  label: "Matched bed",
  description: "A soft, perfectly even hush whose colour follows a chosen tonal balance, band by band.",
  category: "bed",
  params: PARAMS,
  channels: 2,
  calibrationDb: -8.2,
  create: (sampleRate, seed) => new ShamVoice(sampleRate, seed),
};
