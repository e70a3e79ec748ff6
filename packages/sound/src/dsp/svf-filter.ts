/**
 * Topology-preserving (trapezoidal) state-variable filter (Zavalishin / Simper). Stable and
 * click-free under fast modulation, so it is the filter to sweep (formants, whooshes).
 * `set` costs one tan(); call it at control rate. `tick` updates low/band/high outputs;
 * `runBand` is the allocation-free block form for hot paths.
 */
export class Svf {
  low = 0;
  band = 0;
  high = 0;
  private ic1 = 0;
  private ic2 = 0;
  private g = 0;
  private k = 1;
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  private readonly maxFreq: number;

  constructor(private readonly sampleRate: number) {
    this.maxFreq = sampleRate * 0.45;
    this.set(1000, Math.SQRT1_2);
  }

  set(freq: number, q: number): this {
    const f = Math.min(Math.max(freq, 5), this.maxFreq);
    this.g = Math.tan((Math.PI * f) / this.sampleRate);
    this.k = 1 / Math.max(q, 0.05);
    this.a1 = 1 / (1 + this.g * (this.g + this.k));
    this.a2 = this.g * this.a1;
    this.a3 = this.g * this.a2;
    return this;
  }

  /** Process one sample; returns the band-pass output (peak gain 1/k·…; use `bandNorm` for 0 dB). */
  tick(x: number): number {
    const v3 = x - this.ic2;
    const v1 = this.a1 * this.ic1 + this.a2 * v3;
    const v2 = this.ic2 + this.a2 * this.ic1 + this.a3 * v3;
    this.ic1 = 2 * v1 - this.ic1;
    this.ic2 = 2 * v2 - this.ic2;
    this.low = v2;
    this.band = v1;
    this.high = x - this.k * v1 - v2;
    return v1;
  }

  /** Band-pass normalised to 0 dB at the centre (k·band). */
  bandNorm(x: number): number {
    return this.k * this.tick(x);
  }

  /**
   * Block kernel: band-pass (0 dB at the centre) `input[0..n)` and ADD `gain ×` the result to
   * `output[0..n)`. State stays in locals and nothing is returned per sample, so it neither
   * allocates nor depends on being inlined. Call `set` only between blocks.
   */
  runBand(input: Float64Array, output: Float64Array, n: number, gain: number): void {
    const a1 = this.a1;
    const a2 = this.a2;
    const a3 = this.a3;
    const g = gain * this.k;
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
