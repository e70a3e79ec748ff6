/**
 * Seeded pseudo-random numbers (mulberry32). Integer arithmetic only, so the browser's
 * AudioWorklet and Node produce identical sequences for the same seed.
 */
export class Rng {
  private state = 0;

  constructor(seed: number) {
    // Signed 32 bits (a small integer to V8 whatever the seed), so every Rng has the same
    // field layout: a seed ≥ 2³¹ stored unsigned would be a double, and Rngs of two layouts make
    // optimised code that meets both deoptimise, even minutes in.
    this.state = seed | 0;
  }

  /**
   * Next 32 random bits as a signed 32-bit integer. V8 keeps such values unboxed even across a
   * call it does not inline (an unsigned value ≥ 2³¹ would be boxed, i.e. allocated), and the
   * helpers below are small enough that V8 always inlines them.
   */
  nextI32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return t ^ (t >>> 14);
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    return this.nextI32() >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return (this.nextI32() >>> 0) / 4294967296;
  }

  /** Uniform in [-1, 1). */
  signed(): number {
    return (this.nextI32() >>> 0) / 2147483648 - 1;
  }

  /**
   * `n` uniforms in [0, 1) into `out` (the same values as `n` calls of `float`). For code that
   * runs rarely inside a hot function (an event branch in `control`): V8 does not inline calls
   * there, so each `float()` would return a boxed (allocated) double; this call returns nothing.
   */
  draw(out: Float64Array, n: number): void {
    for (let i = 0; i < n; i++) out[i] = (this.nextI32() >>> 0) / 4294967296;
  }

  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Approximately normal (mean 0, sd 1): Irwin–Hall sum of four uniforms, cheap and bounded. */
  gauss(): number {
    return (this.float() + this.float() + this.float() + this.float() - 2) * 1.7320508075688772;
  }

  /** Exponentially distributed with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.float()) / rate;
  }

  /** A new independent seed derived from this stream and a salt (for child voices). */
  fork(salt: number): number {
    return (this.nextU32() ^ Math.imul(salt + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  }
}

/** Hash a string to a 32-bit seed salt (FNV-1a), e.g. a layer id. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
