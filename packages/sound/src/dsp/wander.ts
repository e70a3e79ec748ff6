/**
 * Slow bounded randomness for "variation": glides between random targets in [−1, 1] with a
 * smoothstep curve, each glide taking a random time in [minSeconds, maxSeconds]. Never repeats
 * (targets and durations come from the seeded stream). Advance it at control rate with `step()`
 * (by the `stepSeconds` given at construction) and read `value`: no double crosses the call,
 * so nothing is boxed even where V8 does not inline it.
 */
import type { Rng } from "../rng";

export class Wander {
  value = 0;
  private from = 0;
  private to = 0;
  private t = 0;
  private dur = 0;

  constructor(
    private readonly rng: Rng,
    private readonly minSeconds: number,
    private readonly maxSeconds: number,
    private readonly stepSeconds: number,
  ) {
    this.from = rng.signed();
    this.to = rng.signed();
    this.dur = rng.range(minSeconds, maxSeconds);
    // Start part-way through the first glide so voices with different seeds are out of phase.
    this.t = rng.float() * this.dur;
    this.update();
  }

  /** Advance by one step; `value` is the new value in [−1, 1]. */
  step(): void {
    this.t += this.stepSeconds;
    this.update();
  }

  private update(): void {
    while (this.t >= this.dur) {
      this.t -= this.dur;
      this.from = this.to;
      this.to = this.rng.signed();
      this.dur = this.rng.range(this.minSeconds, this.maxSeconds);
    }
    const x = this.t / this.dur;
    this.value = this.from + (this.to - this.from) * x * x * (3 - 2 * x);
  }
}
