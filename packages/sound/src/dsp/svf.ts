/**
 * Topology-preserving (trapezoidal) state-variable filter (Zavalishin / Simper): stable and
 * click-free under fast modulation, so it is the filter to sweep (formants, whooshes, wind).
 *   v3 = x − ic2; v1 = a1·ic1 + a2·v3; v2 = ic2 + a2·ic1 + a3·v3; ic1 = 2v1 − ic1; ic2 = 2v2 − ic2
 *   low = v2, band = v1, high = x − k·v1 − v2.
 * Two forms share one coefficient design: `svfCoefs` for kernels that keep the states in locals
 * (noise beds), and the `Svf` object for event voices.
 */

/** Index of the design frequency (Hz) in a coefficient array. */
export const SVF_F = 4;
/** Index of the design Q in a coefficient array. */
export const SVF_Q = 5;
/** Length of a coefficient array: [a1, a2, a3, k], then the design frequency and Q. */
export const SVF_LENGTH = 6;

/**
 * Design from `out[SVF_F]` (Hz) and `out[SVF_Q]` and write [a1, a2, a3, k] into `out[0..4)`.
 * The frequency is kept in 5 Hz … 0.45·fs and Q at least 0.05. Cost: one tan(); call it at
 * control rate. The design values travel in the array because V8 boxes (allocates) doubles
 * passed as arguments to a call it does not inline.
 */
export function svfCoefs(out: Float64Array, sampleRate: number): void {
  const f = Math.min(Math.max(out[SVF_F] as number, 5), sampleRate * 0.45);
  const g = Math.tan((Math.PI * f) / sampleRate);
  const k = 1 / Math.max(out[SVF_Q] as number, 0.05);
  const a1 = 1 / (1 + g * (g + k));
  out[0] = a1;
  out[1] = g * a1;
  out[2] = g * g * a1;
  out[3] = k;
}

/** A state-variable filter with its own state: `tick` per sample, `runBand` per block (hot paths). */
export class Svf {
  low = 0;
  band = 0;
  high = 0;
  private ic1 = 0;
  private ic2 = 0;
  /** [a1, a2, a3, k, frequency, Q]: at control rate, write `design[SVF_F]`/`[SVF_Q]` and call `retune`. */
  readonly design = new Float64Array(SVF_LENGTH);

  constructor(private readonly sampleRate: number) {
    this.set(1000, Math.SQRT1_2);
  }

  /** Set frequency (Hz) and Q (for setup; in `process`, write `design` and call `retune`). */
  set(freq: number, q: number): this {
    this.design[SVF_F] = freq;
    this.design[SVF_Q] = q;
    this.retune();
    return this;
  }

  /** Recompute the coefficients from `design`. */
  retune(): void {
    svfCoefs(this.design, this.sampleRate);
  }

  /** Process one sample; returns the band-pass output (peak gain 1/k·…; use `bandNorm` for 0 dB). */
  tick(x: number): number {
    const c = this.design;
    const a1 = c[0] as number;
    const a2 = c[1] as number;
    const v3 = x - this.ic2;
    const v1 = a1 * this.ic1 + a2 * v3;
    const v2 = this.ic2 + a2 * this.ic1 + (c[2] as number) * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    this.low = v2;
    this.band = v1;
    this.high = x - (c[3] as number) * v1 - v2;
    return v1;
  }

  /** Band-pass normalised to 0 dB at the centre (k·band). */
  bandNorm(x: number): number {
    return (this.design[3] as number) * this.tick(x);
  }

  /**
   * Block kernel: band-pass (0 dB at the centre) `input[0..n)` and ADD `gain ×` the result to
   * `output[0..n)`. State stays in locals and nothing is returned per sample, so it neither
   * allocates nor depends on being inlined. Call `set` only between blocks.
   */
  runBand(input: Float64Array, output: Float64Array, n: number, gain: number): void {
    const c = this.design;
    const a1 = c[0] as number;
    const a2 = c[1] as number;
    const a3 = c[2] as number;
    const g = gain * (c[3] as number);
    let ic1 = this.ic1;
    let ic2 = this.ic2;
    for (let i = 0; i < n; i++) {
      const v3 = (input[i] as number) - ic2;
      const v1 = a1 * ic1 + a2 * v3;
      const v2 = ic2 + a2 * ic1 + a3 * v3;
      ic1 = 2 * v1 - ic1;
      ic2 = 2 * v2 - ic2;
      output[i] = (output[i] as number) + g * v1;
    }
    this.ic1 = ic1;
    this.ic2 = ic2;
  }

  reset(): void {
    this.ic1 = 0;
    this.ic2 = 0;
    this.low = 0;
    this.band = 0;
    this.high = 0;
  }
}
