import type { ParamSpec } from "../generator";

/**
 * A generator's parameters as smoothed values. `set` clamps the target; `tick` glides every
 * value one control step (call it on a fixed sample grid so output is block-size invariant).
 * Values live in a Float64Array indexed in the order of the specs.
 */
export class SmoothedParams {
  readonly value: Float64Array;
  readonly target: Float64Array;
  private readonly coeff: number;

  constructor(
    private readonly specs: readonly ParamSpec[],
    sampleRate: number,
    controlInterval: number,
    timeSeconds = 0.05,
  ) {
    this.value = new Float64Array(specs.length);
    this.target = new Float64Array(specs.length);
    for (let i = 0; i < specs.length; i++) {
      const d = (specs[i] as ParamSpec).default;
      this.value[i] = d;
      this.target[i] = d;
    }
    this.coeff = Math.exp(-controlInterval / Math.max(1, timeSeconds * sampleRate));
  }

  /** Set a target by name (clamped); returns false for unknown names. */
  set(name: string, v: number): boolean {
    for (let i = 0; i < this.specs.length; i++) {
      const s = this.specs[i] as ParamSpec;
      if (s.name !== name) continue;
      if (!Number.isFinite(v)) return true;
      this.target[i] = Math.min(s.max, Math.max(s.min, v));
      return true;
    }
    return false;
  }

  tick(): void {
    const c = this.coeff;
    for (let i = 0; i < this.value.length; i++) {
      const t = this.target[i] as number;
      this.value[i] = t + ((this.value[i] as number) - t) * c;
    }
  }

  get(i: number): number {
    return this.value[i] as number;
  }
}
