/**
 * RBJ "Audio EQ Cookbook" biquad, transposed direct form II. Coefficients are recomputed
 * only when a setter is called; `tick` is allocation-free.
 */
export class Biquad {
  private b0 = 1;
  private b1 = 0;
  private b2 = 0;
  private a1 = 0;
  private a2 = 0;
  private z1 = 0;
  private z2 = 0;

  constructor(private readonly sampleRate: number) {}

  lowpass(freq: number, q: number): this {
    const { cos, alpha } = this.prep(freq, q);
    return this.set((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
  }

  highpass(freq: number, q: number): this {
    const { cos, alpha } = this.prep(freq, q);
    return this.set((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
  }

  /** Band-pass with 0 dB peak gain. */
  bandpass(freq: number, q: number): this {
    const { cos, alpha } = this.prep(freq, q);
    return this.set(alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha);
  }

  peaking(freq: number, q: number, gainDb: number): this {
    const { cos, alpha } = this.prep(freq, q);
    const a = 10 ** (gainDb / 40);
    return this.set(1 + alpha * a, -2 * cos, 1 - alpha * a, 1 + alpha / a, -2 * cos, 1 - alpha / a);
  }

  lowshelf(freq: number, q: number, gainDb: number): this {
    const { cos, alpha } = this.prep(freq, q);
    const a = 10 ** (gainDb / 40);
    const s = 2 * Math.sqrt(a) * alpha;
    return this.set(
      a * (a + 1 - (a - 1) * cos + s),
      2 * a * (a - 1 - (a + 1) * cos),
      a * (a + 1 - (a - 1) * cos - s),
      a + 1 + (a - 1) * cos + s,
      -2 * (a - 1 + (a + 1) * cos),
      a + 1 + (a - 1) * cos - s,
    );
  }

  highshelf(freq: number, q: number, gainDb: number): this {
    const { cos, alpha } = this.prep(freq, q);
    const a = 10 ** (gainDb / 40);
    const s = 2 * Math.sqrt(a) * alpha;
    return this.set(
      a * (a + 1 + (a - 1) * cos + s),
      -2 * a * (a - 1 + (a + 1) * cos),
      a * (a + 1 + (a - 1) * cos - s),
      a + 1 - (a - 1) * cos + s,
      2 * (a - 1 - (a + 1) * cos),
      a + 1 - (a - 1) * cos - s,
    );
  }

  /** Set raw normalised-by-a0 coefficients (used by filters designed elsewhere, e.g. K-weighting). */
  setRaw(b0: number, b1: number, b2: number, a1: number, a2: number): this {
    this.b0 = b0;
    this.b1 = b1;
    this.b2 = b2;
    this.a1 = a1;
    this.a2 = a2;
    return this;
  }

  reset(): void {
    this.z1 = 0;
    this.z2 = 0;
  }

  tick(x: number): number {
    const y = this.b0 * x + this.z1;
    this.z1 = this.b1 * x - this.a1 * y + this.z2;
    this.z2 = this.b2 * x - this.a2 * y;
    return y;
  }

  private prep(freq: number, q: number): { cos: number; alpha: number } {
    const f = Math.min(Math.max(freq, 1), this.sampleRate * 0.49);
    const w = (2 * Math.PI * f) / this.sampleRate;
    return { cos: Math.cos(w), alpha: Math.sin(w) / (2 * Math.max(q, 1e-3)) };
  }

  private set(b0: number, b1: number, b2: number, a0: number, a1: number, a2: number): this {
    return this.setRaw(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
  }
}
