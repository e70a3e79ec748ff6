/**
 * Parameter smoother: a one-pole glide towards a target, with a time constant in seconds.
 * Use `next()` per sample (or per few samples) so parameter changes never step.
 */
export class Smoother {
  private coeff = 0;
  value = 0;
  target = 0;

  constructor(sampleRate: number, timeSeconds: number, initial: number) {
    this.coeff = Math.exp(-1 / Math.max(1, timeSeconds * sampleRate));
    this.value = initial;
    this.target = initial;
  }

  setTime(sampleRate: number, timeSeconds: number): void {
    this.coeff = Math.exp(-1 / Math.max(1, timeSeconds * sampleRate));
  }

  /** Jump straight to a value (only before sound has started). */
  snap(value: number): void {
    this.value = value;
    this.target = value;
  }

  next(): number {
    this.value = this.target + (this.value - this.target) * this.coeff;
    return this.value;
  }

  /** Advance n samples at once (for control-rate updates); returns the new value. */
  advance(n: number): number {
    this.value = this.target + (this.value - this.target) * this.coeff ** n;
    return this.value;
  }
}
