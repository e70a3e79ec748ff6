/**
 * Master look-ahead peak limiter. The detector sees each sample and a half-sample
 * interpolated estimate between samples (4-tap, ≈2× oversampled), so inter-sample peaks are
 * caught too; the ceiling sits a little below −1 dBTP. Gain = moving average (length W) of a
 * W-sample minimum hold with slow release, which is guaranteed to reach the required gain
 * before the peak leaves the W−1 sample delay line, so no overshoot and no hard clipping.
 * Transparent (gain exactly 1) when the mix stays under the ceiling.
 */
import { dbToGain } from "./constants";

const CEILING_DB = -1.4;

export class Limiter {
  readonly latency: number;
  private readonly w: number;
  private readonly ceiling = dbToGain(CEILING_DB);
  private readonly relCoef: number;
  // Delay lines (length w) for the audio.
  private readonly dl: Float32Array;
  private readonly dr: Float32Array;
  private dpos = 0;
  // Monotonic deque (indices + values) for the running minimum of the required gain.
  private readonly qVal: Float64Array;
  private readonly qIdx: Float64Array;
  private qHead = 0;
  private qTail = 0;
  private readonly qMask: number;
  // Moving average of the held gain.
  private readonly ma: Float64Array;
  private maPos = 0;
  private maSum: number;
  private held = 1;
  private n = 0;
  /** Samples in a row with the held gain exactly 1. */
  private calm = 0;
  /** Gain is exactly 1 and nothing in the hold window asks for less: delay-only fast path. */
  private resting = true;
  // Last input samples for the inter-sample estimate.
  private l1 = 0;
  private l2 = 0;
  private l3 = 0;
  private r1 = 0;
  private r2 = 0;
  private r3 = 0;

  constructor(sampleRate: number) {
    this.w = Math.max(8, Math.round(sampleRate * 0.0015));
    this.latency = this.w + 1;
    this.dl = new Float32Array(this.w + 2);
    this.dr = new Float32Array(this.w + 2);
    let size = 1;
    while (size < this.w + 4) size <<= 1;
    this.qVal = new Float64Array(size);
    this.qIdx = new Float64Array(size);
    this.qMask = size - 1;
    this.ma = new Float64Array(this.w).fill(1);
    this.maSum = this.w;
    this.relCoef = Math.exp(-1 / (0.12 * sampleRate));
  }

  /** Limit in place. */
  process(l: Float32Array, r: Float32Array, start: number, n: number): void {
    if (this.resting) {
      // Half-sample estimates can exceed the samples by < 25 %, so this bound is safe.
      let peak = 0;
      for (let i = start; i < start + n; i++) {
        const a = Math.abs(l[i] as number);
        const b = Math.abs(r[i] as number);
        if (a > peak) peak = a;
        if (b > peak) peak = b;
      }
      if (peak * 1.25 < this.ceiling) {
        this.delayOnly(l, r, start, n);
        return;
      }
      this.resting = false;
      this.qHead = this.qTail = 0;
    }
    this.limit(l, r, start, n);
  }

  private delayOnly(l: Float32Array, r: Float32Array, start: number, n: number): void {
    const dl = this.dl;
    const dr = this.dr;
    const dlen = dl.length;
    const back = this.w + 1;
    let dpos = this.dpos;
    for (let i = start; i < start + n; i++) {
      const xl = l[i] as number;
      const xr = r[i] as number;
      dl[dpos] = xl;
      dr[dpos] = xr;
      let rp = dpos - back;
      if (rp < 0) rp += dlen;
      l[i] = dl[rp] as number;
      r[i] = dr[rp] as number;
      dpos = dpos + 1 === dlen ? 0 : dpos + 1;
    }
    this.dpos = dpos;
    // Keep the inter-sample history (the last three inputs, still in the ring) current.
    const i1 = (dpos - 1 + dlen) % dlen;
    const i2 = (dpos - 2 + dlen) % dlen;
    const i3 = (dpos - 3 + dlen) % dlen;
    this.l1 = dl[i1] as number;
    this.l2 = dl[i2] as number;
    this.l3 = dl[i3] as number;
    this.r1 = dr[i1] as number;
    this.r2 = dr[i2] as number;
    this.r3 = dr[i3] as number;
    this.n += n;
  }

  private limit(l: Float32Array, r: Float32Array, start: number, n: number): void {
    const w = this.w;
    const ceiling = this.ceiling;
    const dl = this.dl;
    const dr = this.dr;
    const dlen = dl.length;
    const qVal = this.qVal;
    const qIdx = this.qIdx;
    const qMask = this.qMask;
    const ma = this.ma;
    const rel = this.relCoef;
    let dpos = this.dpos;
    let qHead = this.qHead;
    let qTail = this.qTail;
    let maPos = this.maPos;
    let maSum = this.maSum;
    let held = this.held;
    let l1 = this.l1;
    let l2 = this.l2;
    let l3 = this.l3;
    let r1 = this.r1;
    let r2 = this.r2;
    let r3 = this.r3;
    let count = this.n;
    let calm = this.calm;
    const end = start + n;
    for (let i = start; i < end; i++) {
      const xl = l[i] as number;
      const xr = r[i] as number;
      // Peak estimate: current sample and the half-sample point between the previous two.
      let p = Math.abs(xl);
      const ar = Math.abs(xr);
      if (ar > p) p = ar;
      const ml = Math.abs(0.5625 * (l1 + l2) - 0.0625 * (xl + l3));
      const mr = Math.abs(0.5625 * (r1 + r2) - 0.0625 * (xr + r3));
      if (ml > p) p = ml;
      if (mr > p) p = mr;
      l3 = l2;
      l2 = l1;
      l1 = xl;
      r3 = r2;
      r2 = r1;
      r1 = xr;
      const req = p > ceiling ? ceiling / p : 1;
      // Running minimum over the last w requirements.
      while (qTail !== qHead && (qVal[(qTail - 1) & qMask] as number) >= req) qTail--;
      qVal[qTail & qMask] = req;
      qIdx[qTail & qMask] = count;
      qTail++;
      // Hold over w+2 requirements: a sample's own and its two neighbouring mid-points.
      while ((qIdx[qHead & qMask] as number) <= count - w - 2) qHead++;
      const hold = qVal[qHead & qMask] as number;
      held = hold < held ? hold : hold - (hold - held) * rel;
      if (held > 0.9999995) held = 1;
      calm = held === 1 ? calm + 1 : 0;
      maSum += held - (ma[maPos] as number);
      ma[maPos] = held;
      maPos = maPos + 1 === w ? 0 : maPos + 1;
      let g = maSum / w;
      if (g > 0.9999999) g = 1;
      // Delay the audio by w+1, so every requirement of the output sample is met.
      dl[dpos] = xl;
      dr[dpos] = xr;
      let rp = dpos - (w + 1);
      if (rp < 0) rp += dlen;
      l[i] = (dl[rp] as number) * g;
      r[i] = (dr[rp] as number) * g;
      dpos = dpos + 1 === dlen ? 0 : dpos + 1;
      count++;
    }
    this.dpos = dpos;
    this.qHead = qHead;
    this.qTail = qTail;
    this.maPos = maPos;
    this.maSum = maSum;
    this.held = held;
    this.l1 = l1;
    this.l2 = l2;
    this.l3 = l3;
    this.r1 = r1;
    this.r2 = r2;
    this.r3 = r3;
    this.n = count;
    this.calm = calm;
    if (calm > w + 2) {
      // The whole averaging window holds exactly 1: reset the sum and rest.
      ma.fill(1);
      this.maSum = w;
      this.resting = true;
    }
  }
}
