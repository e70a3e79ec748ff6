/**
 * Streaming sample-rate converter for PCM layers: band-limited (windowed-sinc) interpolation,
 * fed chunk by chunk with its history carried over, so a stream converts the same however it is
 * chunked. Kaiser window (β = 9), 32 zero crossings each side, cut-off at 0.94 of the lower
 * Nyquist: a sine comes out with distortion and aliasing under −85 dB. Rates with a small
 * integer ratio (16, 22.05, 44.1 → 48 kHz) use precomputed polyphase branches; others read the
 * kernel from a table (1024 points per zero crossing, linear in between). It runs in `pushPcm`, outside
 * `process`; the output is written by a callback-free `sink` (the layer's ring).
 */

const ZEROS = 32;
const RES = 1024;
const BETA = 9;
const CUTOFF = 0.94;

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

const I0_BETA = besselI0(BETA);

/** The interpolation kernel: sinc(x)·kaiser(x/ZEROS), 0 from ZEROS on. */
function kernel(x: number): number {
  const r = Math.abs(x) / ZEROS;
  if (r >= 1) return 0;
  const w = besselI0(BETA * Math.sqrt(1 - r * r)) / I0_BETA;
  return (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x)) * w;
}

/** The kernel at x = i/RES, i = 0 … ZEROS·RES (+1 guard), for rates without a small ratio. */
const KERNEL: Float64Array = (() => {
  const n = ZEROS * RES + 2;
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = kernel(i / RES);
  return t;
})();

/** Most polyphase branches precomputed (e.g. 22.05 → 48 kHz needs 320, 44.1 → 48 kHz 160). */
const MAX_PHASES = 2048;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export interface PcmSink {
  /** Frames the sink can still take. */
  space(): number;
  /** Append one frame. */
  write(l: number, r: number): void;
}

export class StreamResampler {
  readonly inRate: number;
  readonly outRate: number;
  private readonly step: number;
  /** Kernel scale: 1 when upsampling, outRate/inRate when downsampling (wider kernel). */
  private readonly scale: number;
  private readonly half: number;
  /** Input history (planar), from absolute input frame `base`. */
  private histL = new Float64Array(0);
  private histR = new Float64Array(0);
  private base = 0;
  /** Absolute input frames received. */
  private received = 0;
  /** Output frames produced: the next one sits at input time produced·step. */
  private produced = 0;

  /** Input time (absolute frames) of the next output frame. */
  private get t(): number {
    return this.produced * this.step;
  }

  /**
   * Integer rates with a small ratio in:out = inQ:outQ: output k sits at input frame
   * ⌊k·inQ/outQ⌋ plus phase (k·inQ mod outQ)/outQ, and each phase's 2·half taps are precomputed
   * (`phases`, one row per phase): a multiply-add per tap instead of a table interpolation.
   */
  private readonly inQ: number = 0;
  private readonly outQ: number = 0;
  private readonly phases: Float64Array | null = null;

  constructor(inRate: number, outRate: number) {
    this.inRate = inRate;
    this.outRate = outRate;
    this.step = inRate / outRate;
    this.scale = Math.min(1, outRate / inRate) * CUTOFF;
    this.half = Math.ceil(ZEROS / this.scale);
    if (Number.isInteger(inRate) && Number.isInteger(outRate)) {
      const g = gcd(inRate, outRate);
      if (outRate / g <= MAX_PHASES) {
        this.inQ = inRate / g;
        this.outQ = outRate / g;
        const width = 2 * this.half;
        const ph = new Float64Array(this.outQ * width);
        for (let p = 0; p < this.outQ; p++) {
          const frac = p / this.outQ;
          // Tap i reads input frame c − half + 1 + i, at distance t − j = half − 1 − i + frac.
          for (let i = 0; i < width; i++)
            ph[p * width + i] = kernel((this.half - 1 - i + frac) * this.scale) * this.scale;
        }
        this.phases = ph;
      }
    }
  }

  /** Output frames that `frames` more input frames would let out now (plus a flush if `end`). */
  outputsFor(frames: number, end: boolean): number {
    const avail = end ? this.received + frames : this.received + frames - this.half;
    if (avail <= this.t) return 0;
    return Math.ceil((avail - this.t) / this.step);
  }

  /** Most input frames (≤ frames) whose output fits in `space` frames. */
  acceptable(frames: number, space: number, end: boolean): number {
    if (this.outputsFor(frames, end) <= space) return frames;
    let lo = 0;
    let hi = frames;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.outputsFor(mid, false) <= space) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /**
   * Feed `frames` input frames (planar l/r from `offset`; r = l for mono) and write every output
   * frame they complete into `sink`. With `end`, the stream is flushed (zeros past its end).
   */
  push(
    l: ArrayLike<number>,
    r: ArrayLike<number>,
    offset: number,
    frames: number,
    end: boolean,
    sink: PcmSink,
  ): void {
    // Keep the history the kernel still needs: from t − half.
    const keepFrom = Math.max(this.base, Math.floor(this.t) - this.half - 1);
    const kept = this.base + this.histL.length - keepFrom;
    const nl = new Float64Array(kept + frames);
    const nr = new Float64Array(kept + frames);
    nl.set(this.histL.subarray(keepFrom - this.base));
    nr.set(this.histR.subarray(keepFrom - this.base));
    for (let i = 0; i < frames; i++) {
      nl[kept + i] = l[offset + i] as number;
      nr[kept + i] = r[offset + i] as number;
    }
    this.histL = nl;
    this.histR = nr;
    this.base = keepFrom;
    this.received += frames;
    const avail = end ? this.received : this.received - this.half;
    const scale = this.scale;
    const half = this.half;
    const hl = this.histL;
    const hr = this.histR;
    const end0 = this.base + hl.length;
    const ph = this.phases;
    // Mono input (the same array for both sides) is converted once.
    const mono = l === r;
    if (ph !== null) {
      const width = 2 * half;
      const inQ = this.inQ;
      const outQ = this.outQ;
      const base = this.base;
      while (this.t < avail && sink.space() > 0) {
        const num = this.produced * inQ;
        const c = Math.floor(num / outQ);
        const row = (num - c * outQ) * width;
        const j0 = c - half + 1;
        const from = Math.max(j0, base);
        const to = Math.min(c + half, end0 - 1);
        let accL = 0;
        let accR = 0;
        if (mono) {
          for (let j = from; j <= to; j++) accL += (hl[j - base] as number) * (ph[row + j - j0] as number);
          accR = accL;
        } else {
          for (let j = from; j <= to; j++) {
            const k = ph[row + j - j0] as number;
            accL += (hl[j - base] as number) * k;
            accR += (hr[j - base] as number) * k;
          }
        }
        sink.write(accL, accR);
        this.produced++;
      }
      return;
    }
    while (this.t < avail && sink.space() > 0) {
      const t = this.t;
      const c = Math.floor(t);
      let accL = 0;
      let accR = 0;
      const from = Math.max(c - half + 1, this.base);
      const to = Math.min(c + half, end0 - 1);
      for (let j = from; j <= to; j++) {
        const x = Math.abs(t - j) * scale * RES;
        const xi = Math.floor(x);
        if (xi >= ZEROS * RES) continue;
        const f = x - xi;
        const k = (KERNEL[xi] as number) * (1 - f) + (KERNEL[xi + 1] as number) * f;
        accL += (hl[j - this.base] as number) * k;
        accR += (hr[j - this.base] as number) * k;
      }
      sink.write(accL * scale, accR * scale);
      this.produced++;
    }
  }
}
