/**
 * Master look-ahead peak limiter. The detector sees each sample and, between samples, the three
 * points of the true-peak meter's own 4× interpolator (loudness/true-peak.ts: 16-tap windowed
 * sinc), so inter-sample peaks are caught as the meter sees them; the ceiling sits a little
 * below −1 dBTP. (A 4-tap half-sample estimate missed up to 0.6 dB on bright transients.) Gain = moving average (length W) of a
 * W-sample minimum hold with slow release, which is guaranteed to reach the required gain
 * before the peak leaves the W−1 sample delay line, so no overshoot and no hard clipping.
 * Transparent (gain exactly 1) when the mix stays under the ceiling: then a block takes the
 * delay-only path (a peak scan and two copies). The delay line is linear, [history | block],
 * shifted once per block, so the per-sample loops have no wrap-around branches.
 */
import { TRUE_PEAK_OVERSHOOT, TRUE_PEAK_TABLE, TRUE_PEAK_TAPS } from "../loudness/true-peak";
import { dbToGain } from "./constants";

// Module-local copies (see spatial.ts: imports read through getters can box doubles).
const TAPS = TRUE_PEAK_TAPS;
const H = TRUE_PEAK_TABLE;
const OVERSHOOT = TRUE_PEAK_OVERSHOOT;
/** A requirement from the interpolator concerns samples up to this many steps back. */
const LAG = TAPS / 2;

const CEILING_DB = -1.4;

export class Limiter {
  readonly latency: number;
  private readonly w: number;
  private readonly ceiling = dbToGain(CEILING_DB);
  private readonly relCoef: number;
  /** Delay (frames) of the audio: w + LAG − 1 (the interpolator's points lag by LAG). */
  private readonly back: number;
  /** Largest block per pass. */
  private readonly cap: number;
  // Linear delay lines: back frames of history, then the current block.
  private readonly dl: Float32Array;
  private readonly dr: Float32Array;
  // Monotonic deque (indices + values) for the running minimum of the required gain.
  private readonly qVal: Float64Array;
  private readonly qIdx: Float64Array;
  private qHead = 0;
  private qTail = 0;
  private readonly qMask: number;
  // Moving average of the held gain.
  private readonly ma: Float64Array;
  private maPos = 0;
  private maSum = 0;
  private held = 1;
  private n = 0;
  /** Samples in a row with the held gain exactly 1. */
  private calm = 0;
  /** Samples in a row under ceiling / OVERSHOOT (no interpolated point can then pass the ceiling). */
  private quiet = 0;
  /** Gain is exactly 1 and nothing in the hold window asks for less: delay-only fast path. */
  private resting = true;

  constructor(sampleRate: number, maxBlock = 4096) {
    this.w = Math.max(8, Math.round(sampleRate * 0.0015));
    this.latency = this.w + LAG - 1;
    this.back = this.w + LAG - 1;
    this.cap = maxBlock;
    this.dl = new Float32Array(this.back + maxBlock);
    this.dr = new Float32Array(this.back + maxBlock);
    let size = 1;
    while (size < this.w + LAG + 4) size <<= 1;
    this.qVal = new Float64Array(size);
    this.qIdx = new Float64Array(size);
    this.qMask = size - 1;
    this.ma = new Float64Array(this.w).fill(1);
    this.maSum = this.w;
    this.relCoef = Math.exp(-1 / (0.12 * sampleRate));
  }

  /** Limit in place. */
  process(l: Float32Array, r: Float32Array, start: number, n: number): void {
    this.run(l, r, start, n, l, r, start);
  }

  /** Limit `inL/inR[start..start+n)` into `outL/outR[offset..offset+n)` (may be the same arrays). */
  run(
    inL: Float32Array,
    inR: Float32Array,
    start: number,
    n: number,
    outL: Float32Array,
    outR: Float32Array,
    offset: number,
  ): void {
    let done = 0;
    while (done < n) {
      const m = Math.min(n - done, this.cap);
      this.pass(inL, inR, start + done, m, outL, outR, offset + done);
      done += m;
    }
  }

  private pass(
    inL: Float32Array,
    inR: Float32Array,
    start: number,
    n: number,
    outL: Float32Array,
    outR: Float32Array,
    offset: number,
  ): void {
    const dl = this.dl;
    const dr = this.dr;
    const back = this.back;
    const end = start + n;
    if (this.resting && (inL !== outL || inR !== outR)) {
      // Peak of the block (read only). Interpolated points exceed the samples around them by at
      // most OVERSHOOT, so under ceiling / OVERSHOOT the gain stays 1 and the audio is only delayed.
      let peak = 0;
      for (let i = start; i < end; i++) {
        const a = Math.abs(inL[i] as number);
        const b = Math.abs(inR[i] as number);
        // biome-ignore lint/complexity/useMathMinMax: a compare is cheaper than Math.max in this loop
        peak = a > peak ? a : peak;
        // biome-ignore lint/complexity/useMathMinMax: as above
        peak = b > peak ? b : peak;
      }
      if (peak * OVERSHOOT < this.ceiling) {
        this.delayOnly(inL, inR, start, n, outL, outR, offset);
        return;
      }
    }
    // Append the block to the delay lines (after `back` frames of history).
    const shift = back - start;
    let hi = 0;
    let lo = 0;
    for (let i = start; i < end; i++) {
      const xl = inL[i] as number;
      const xr = inR[i] as number;
      dl[shift + i] = xl;
      dr[shift + i] = xr;
      if (xl > hi) hi = xl;
      if (xl < lo) lo = xl;
      if (xr > hi) hi = xr;
      if (xr < lo) lo = xr;
    }
    if (this.resting) {
      const peak = Math.max(hi, -lo);
      if (peak * OVERSHOOT < this.ceiling) {
        // In place: the block is in the delay lines already.
        const o = offset;
        for (let i = 0; i < n; i++) {
          outL[o + i] = dl[i] as number;
          outR[o + i] = dr[i] as number;
        }
        this.n += n;
        dl.copyWithin(0, n, n + back);
        dr.copyWithin(0, n, n + back);
        return;
      }
      this.resting = false;
      this.qHead = this.qTail = 0;
    }
    this.limit(n, outL, outR, offset);
    dl.copyWithin(0, n, n + back);
    dr.copyWithin(0, n, n + back);
  }

  /**
   * The resting path into separate output arrays: the output is the `back` frames of history
   * followed by the block, and the block's last `back` frames become the history. One copy
   * of each sample instead of two.
   */
  private delayOnly(
    inL: Float32Array,
    inR: Float32Array,
    start: number,
    n: number,
    outL: Float32Array,
    outR: Float32Array,
    offset: number,
  ): void {
    const dl = this.dl;
    const dr = this.dr;
    const back = this.back;
    this.n += n;
    if (n >= back) {
      for (let i = 0; i < back; i++) {
        outL[offset + i] = dl[i] as number;
        outR[offset + i] = dr[i] as number;
      }
      const d = offset + back - start;
      for (let i = start; i < start + n - back; i++) {
        outL[d + i] = inL[i] as number;
        outR[d + i] = inR[i] as number;
      }
      const t = start + n - back;
      for (let i = 0; i < back; i++) {
        dl[i] = inL[t + i] as number;
        dr[i] = inR[t + i] as number;
      }
      return;
    }
    for (let i = 0; i < n; i++) {
      outL[offset + i] = dl[i] as number;
      outR[offset + i] = dr[i] as number;
    }
    dl.copyWithin(0, n, back);
    dr.copyWithin(0, n, back);
    const h = back - n - start;
    for (let i = start; i < start + n; i++) {
      dl[h + i] = inL[i] as number;
      dr[h + i] = inR[i] as number;
    }
  }

  /** The limiting path over the `n` frames just appended to the delay lines. */
  private limit(n: number, outL: Float32Array, outR: Float32Array, offset: number): void {
    const w = this.w;
    const ceiling = this.ceiling;
    const dl = this.dl;
    const dr = this.dr;
    const back = this.back;
    const qVal = this.qVal;
    const qIdx = this.qIdx;
    const qMask = this.qMask;
    const ma = this.ma;
    const rel = this.relCoef;
    let qHead = this.qHead;
    let qTail = this.qTail;
    let maPos = this.maPos;
    let maSum = this.maSum;
    let held = this.held;
    const quietBelow = ceiling / OVERSHOOT;
    let quiet = this.quiet;
    let count = this.n;
    let calm = this.calm;
    for (let i = 0; i < n; i++) {
      const xl = dl[back + i] as number;
      const xr = dr[back + i] as number;
      let p = Math.abs(xl);
      const ar = Math.abs(xr);
      if (ar > p) p = ar;
      quiet = p < quietBelow ? quiet + 1 : 0;
      if (quiet < TAPS) {
        // Some sample in the interpolator's window is loud: the three points between
        // x[count − 8] and x[count − 7], from x[count − 15 .. count] (history included).
        const base = back + i - (TAPS - 1);
        // One pass over the window: each sample loaded once, six accumulators.
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let k1 = 0;
        let k2 = 0;
        let k3 = 0;
        for (let q = 0; q < TAPS; q++) {
          const x = dl[base + q] as number;
          const y = dr[base + q] as number;
          const c1 = H[TAPS + q] as number;
          const c2 = H[2 * TAPS + q] as number;
          const c3 = H[3 * TAPS + q] as number;
          a1 += c1 * x;
          a2 += c2 * x;
          a3 += c3 * x;
          k1 += c1 * y;
          k2 += c2 * y;
          k3 += c3 * y;
        }
        const m = Math.max(
          Math.abs(a1),
          Math.abs(a2),
          Math.abs(a3),
          Math.abs(k1),
          Math.abs(k2),
          Math.abs(k3),
        );
        if (m > p) p = m;
      }
      const req = p > ceiling ? ceiling / p : 1;
      // Running minimum over the last w requirements.
      while (qTail !== qHead && (qVal[(qTail - 1) & qMask] as number) >= req) qTail--;
      qVal[qTail & qMask] = req;
      qIdx[qTail & qMask] = count;
      qTail++;
      // Hold over w + LAG requirements: a sample's own (this step) and those of the interpolated
      // points beside it (LAG − 1 and LAG steps later).
      while ((qIdx[qHead & qMask] as number) <= count - w - LAG) qHead++;
      const hold = qVal[qHead & qMask] as number;
      held = hold < held ? hold : hold - (hold - held) * rel;
      if (held > 0.9999995) held = 1;
      calm = held === 1 ? calm + 1 : 0;
      maSum += held - (ma[maPos] as number);
      ma[maPos] = held;
      maPos = maPos + 1 === w ? 0 : maPos + 1;
      let g = maSum / w;
      if (g > 0.9999999) g = 1;
      // Delay the audio by w + LAG − 1, so every requirement of the output sample is met.
      outL[offset + i] = (dl[i] as number) * g;
      outR[offset + i] = (dr[i] as number) * g;
      count++;
    }
    this.qHead = qHead;
    this.qTail = qTail;
    this.maPos = maPos;
    this.maSum = maSum;
    this.held = held;
    this.n = count;
    this.calm = calm;
    this.quiet = quiet;
    if (calm > w + LAG && quiet >= TAPS) {
      // The whole averaging window holds exactly 1: reset the sum and rest.
      ma.fill(1);
      this.maSum = w;
      this.resting = true;
    }
  }
}
