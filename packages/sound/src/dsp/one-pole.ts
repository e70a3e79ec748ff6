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

  reset(value = 0): void {
    this.y = value;
  }
}
