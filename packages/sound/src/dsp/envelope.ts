import type { Rng } from "../rng";

/**
 * Slow bounded random walk in [−1, 1] for "variation": glides (raised-cosine, so C1-smooth)
 * between random targets held for a random 'minSeconds'–'maxSeconds'. Advance it at control
 * rate with the number of samples elapsed; no allocation.
 */
export class Drift {
  value = 0;
  private from = 0;
  private to = 0;
  private pos = 0;
  private len = 1;

  constructor(
    private readonly rng: Rng,
    private readonly sampleRate: number,
    private readonly minSeconds: number,
    private readonly maxSeconds: number,
  ) {
    this.from = rng.signed();
    this.value = this.from;
    this.pickNext();
  }

  /** Advance by `samples` and update `value` (no return value: a returned double would be boxed). */
  advance(samples: number): void {
    this.pos += samples;
    if (this.pos >= this.len) {
      this.from = this.to;
      this.pos -= this.len;
      this.pickNext();
    }
    const p = this.pos / this.len;
    this.value = this.from + (this.to - this.from) * 0.5 * (1 - Math.cos(Math.PI * p));
  }

  private pickNext(): void {
    this.to = this.rng.signed();
    this.len = Math.max(1, this.rng.range(this.minSeconds, this.maxSeconds) * this.sampleRate);
    if (this.pos >= this.len) this.pos = 0;
  }
}

/** Raised-cosine ramp 0→1 for p in [0, 1] (clamped). */
export function smoothStep(p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  return 0.5 - 0.5 * Math.cos(Math.PI * p);
}

/**
 * Soft safety limiter: linear below `knee`, then a tanh knee that approaches `ceiling`.
 * Transparent for normal levels; only rare loud events are rounded off.
 */
export function softClip(x: number, knee = 0.5, ceiling = 0.8): number {
  const ax = x < 0 ? -x : x;
  if (ax <= knee) return x;
  const room = ceiling - knee;
  const y = knee + room * Math.tanh((ax - knee) / room);
  return x < 0 ? -y : y;
}

/**
 * `softClip(buf[i] · gain)` in place over `buf[from, from + n)` with the default knee and ceiling:
 * the block form for hot loops (a per-sample call V8 does not inline boxes its double result).
 */
export function softClipBlock(buf: Float32Array, from: number, n: number, gain: number): void {
  const knee = 0.5;
  const room = 0.8 - knee;
  for (let i = from; i < from + n; i++) {
    const x = (buf[i] as number) * gain;
    const ax = x < 0 ? -x : x;
    if (ax <= knee) buf[i] = x;
    else {
      const y = knee + room * Math.tanh((ax - knee) / room);
      buf[i] = x < 0 ? -y : y;
    }
  }
}

/**
 * Asymmetric attack/decay envelope: rises with a raised cosine over `attack` seconds, then
 * decays exponentially with time constant `decay`. `level` is the current value.
 */
export class AttackDecay {
  level = 0;
  private peak = 0;
  private attackLeft = 0;
  private attackLen = 1;
  private start = 0;
  private decayMul = 0;

  constructor(private readonly sampleRate: number) {}

  trigger(peak: number, attackSeconds: number, decaySeconds: number): void {
    this.start = this.level;
    this.peak = Math.max(peak, this.level);
    this.attackLen = Math.max(1, Math.round(attackSeconds * this.sampleRate));
    this.attackLeft = this.attackLen;
    this.decayMul = Math.exp(-1 / Math.max(1, decaySeconds * this.sampleRate));
  }

  tick(): number {
    if (this.attackLeft > 0) {
      this.attackLeft--;
      const p = 1 - this.attackLeft / this.attackLen;
      this.level = this.start + (this.peak - this.start) * smoothStep(p);
    } else {
      this.level *= this.decayMul;
    }
    return this.level;
  }
}
