/** One-pole low-pass, y += k·(x − y), with k from a cutoff in Hz. Also gives a high-pass. */
export class OnePole {
  private k = 1;
  private y = 0;

  constructor(private readonly sampleRate: number) {}

  setCutoff(freq: number): this {
    this.k = 1 - Math.exp((-2 * Math.PI * Math.max(freq, 0)) / this.sampleRate);
    return this;
  }

  lowpass(x: number): number {
    this.y += this.k * (x - this.y);
    return this.y;
  }

  /** x minus its low-passed self. */
  highpass(x: number): number {
    this.y += this.k * (x - this.y);
    return x - this.y;
  }

  /**
   * Block forms of `lowpass`/`highpass`, in place on `buf[from, from + n)` (the same values as
   * per-sample calls): nothing is returned per sample, so nothing is boxed whether or not V8
   * inlines the call.
   */
  lowpassBlock(buf: Float32Array, from: number, n: number): void {
    const k = this.k;
    let y = this.y;
    for (let i = from; i < from + n; i++) {
      y += k * ((buf[i] as number) - y);
      buf[i] = y;
    }
    this.y = y;
  }

  highpassBlock(buf: Float32Array, from: number, n: number): void {
    const k = this.k;
    let y = this.y;
    for (let i = from; i < from + n; i++) {
      const x = buf[i] as number;
      y += k * (x - y);
      buf[i] = x - y;
    }
    this.y = y;
  }

  /** `buf[i] += gain · lowpass(buf[i])` in place over `buf[from, from + n)` (a warmth shelf). */
  addLowpassBlock(buf: Float32Array, from: number, n: number, gain: number): void {
    const k = this.k;
    let y = this.y;
    for (let i = from; i < from + n; i++) {
      const x = buf[i] as number;
      y += k * (x - y);
      buf[i] = x + gain * y;
    }
    this.y = y;
  }

  reset(value = 0): void {
    this.y = value;
  }
}
