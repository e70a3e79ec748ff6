/**
 * Base class for generator voices with control-rate logic. `process` splits the request on
 * a fixed grid of CONTROL_STEP samples counted from the voice's first sample and calls
 * `control()` at each grid point, so output never depends on how the caller blocks the
 * stream (the engine's block-size invariance). Subclasses implement `control` (smoothing,
 * event scheduling at control rate) and `render` (the per-sample kernel, allocation-free).
 */
import type { GeneratorVoice } from "../generator";

export const CONTROL_STEP = 32;

export abstract class ControlRateVoice implements GeneratorVoice {
  protected readonly sampleRate: number;
  /** Seconds per control step. */
  protected readonly dt: number;
  private ctr = 0;

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
    this.dt = CONTROL_STEP / sampleRate;
  }

  abstract setParam(name: string, value: number): void;
  protected abstract control(): void;
  protected abstract render(a: Float32Array, b: Float32Array, start: number, n: number): void;

  process(a: Float32Array, b: Float32Array, offset: number, frames: number): void {
    let i = offset;
    const end = offset + frames;
    while (i < end) {
      if (this.ctr === 0) {
        this.control();
        this.ctr = CONTROL_STEP;
      }
      const m = Math.min(end - i, this.ctr);
      this.render(a, b, i, m);
      i += m;
      this.ctr -= m;
    }
  }
}

/**
 * One smoothing step of a control value towards its target (k = 1 − exp(−dt/τ)). Kept this
 * small on purpose: V8 always inlines functions under 27 bytes of bytecode, and a double
 * returned from a call it does not inline is boxed (allocated) on every control tick.
 */
export function glide(value: number, target: number, k: number): number {
  return value + (target - value) * k;
}

/** Smoothing coefficient for a time constant in seconds at control rate. */
export function glideCoef(sampleRate: number, seconds: number): number {
  return 1 - Math.exp(-CONTROL_STEP / (seconds * sampleRate));
}

/** Clamp `value` to a ParamSpec-like range (small enough to be always inlined, like `glide`). */
export function clampTo(value: number, lo: number, hi: number): number {
  // biome-ignore lint/complexity/useMathMinMax: the two Math calls make it too large to be always inlined
  return value < lo ? lo : value > hi ? hi : value;
}
