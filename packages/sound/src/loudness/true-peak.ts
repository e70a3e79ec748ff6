/**
 * True-peak estimate (BS.1770-4 Annex 2 style): 4× oversampling with a polyphase windowed-sinc
 * interpolator (3 fractional phases × 16 taps, Blackman–Harris window), maximum absolute value
 * of the interpolated signal and the original samples, in dBTP.
 */
const PHASES = 4;
const TAPS = 16;
/** Taps per phase of the interpolator (the master limiter's detector uses the same table). */
export const TRUE_PEAK_TAPS = TAPS;

function buildTable(): Float64Array {
  // Phase p interpolates at t = p/4 between x[m−8] and x[m−7] from the window x[m−15..m]:
  // tap q multiplies x[m−15+q], which sits at offset j = q − 7 from x[m−8].
  const h = new Float64Array(PHASES * TAPS);
  for (let p = 1; p < PHASES; p++) {
    let sum = 0;
    for (let q = 0; q < TAPS; q++) {
      const t = p / PHASES - (q - 7);
      const sinc = t === 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
      const x = Math.min(Math.max((t / 8.5 + 1) / 2, 0), 1) * Math.PI * 2;
      const win = 0.35875 - 0.48829 * Math.cos(x) + 0.14128 * Math.cos(2 * x) - 0.01168 * Math.cos(3 * x);
      h[p * TAPS + q] = sinc * win;
      sum += sinc * win;
    }
    for (let q = 0; q < TAPS; q++) h[p * TAPS + q] = (h[p * TAPS + q] as number) / sum;
  }
  return h;
}

const TABLE = buildTable();

/**
 * The interpolator's coefficients: phase p (1–3) at [p × TAPS, (p + 1) × TAPS), tap q applied to
 * x[m − 15 + q], giving the point p/4 of the way from x[m − 8] to x[m − 7].
 */
export const TRUE_PEAK_TABLE: Readonly<Float64Array> = TABLE;

/** The most an interpolated point can exceed the largest |sample| in its window: max over phases of Σ|h|. */
export const TRUE_PEAK_OVERSHOOT = (() => {
  let worst = 1;
  for (let p = 1; p < PHASES; p++) {
    let sum = 0;
    for (let q = 0; q < TAPS; q++) sum += Math.abs(TABLE[p * TAPS + q] as number);
    worst = Math.max(worst, sum);
  }
  return worst;
})();

/** Streaming true-peak meter for any number of channels. */
export class TruePeakMeter {
  private readonly hist: Float64Array[];
  private pos = 0;
  private peak = 0;

  constructor(channels = 2) {
    this.hist = [];
    for (let c = 0; c < channels; c++) this.hist.push(new Float64Array(TAPS * 2));
  }

  push(chans: readonly Float32Array[], start = 0, n = (chans[0] as Float32Array).length - start): void {
    let peak = this.peak;
    for (let c = 0; c < this.hist.length; c++) {
      const h = this.hist[c] as Float64Array;
      const x = chans[c] ?? (chans[0] as Float32Array);
      let pos = this.pos;
      for (let i = start; i < start + n; i++) {
        const v = x[i] as number;
        // Doubled ring so a contiguous window of TAPS past samples is always available.
        h[pos] = v;
        h[pos + TAPS] = v;
        pos = pos + 1 === TAPS ? 0 : pos + 1;
        const av = Math.abs(v);
        if (av > peak) peak = av;
        for (let p = 1; p < PHASES; p++) {
          let acc = 0;
          const o = p * TAPS;
          for (let q = 0; q < TAPS; q++) acc += (TABLE[o + q] as number) * (h[pos + q] as number);
          const a = Math.abs(acc);
          if (a > peak) peak = a;
        }
      }
      if (c === this.hist.length - 1) this.pos = pos;
    }
    this.peak = peak;
  }

  /** Linear true peak so far. */
  get linear(): number {
    return this.peak;
  }

  /** True peak in dBTP. */
  get dbtp(): number {
    return this.peak > 0 ? 20 * Math.log10(this.peak) : Number.NEGATIVE_INFINITY;
  }
}

export function truePeakDb(channels: readonly Float32Array[]): number {
  const m = new TruePeakMeter(channels.length);
  m.push(channels);
  return m.dbtp;
}
