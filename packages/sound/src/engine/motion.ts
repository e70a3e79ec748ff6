/**
 * Layer movement, evaluated once per control tick from the absolute stream time, so it is the
 * same whatever the caller's block size. Drift uses the layer's own seeded random stream.
 */
import { Rng } from "../rng";
import type { MotionKind } from "../scene";
import { clamp } from "./constants";

const TAU = Math.PI * 2;

function smoothstep(x: number): number {
  return x * x * (3 - 2 * x);
}

export class MotionState {
  kind: MotionKind = "static";
  period = 20;
  depth = Number.NaN;
  private readonly rng: Rng;
  // Drift segment: from → to over [t0, t1].
  private fromAz = 0;
  private fromEl = 0;
  private fromDist = 1;
  private toAz = 0;
  private toEl = 0;
  private toDist = 1;
  private t0 = 0;
  private t1 = 0;
  private curAz = 0;
  private curEl = 0;
  private curDist = 1;

  constructor(seed: number) {
    this.rng = new Rng(seed);
  }

  /**
   * Position at time t seconds. `io` holds [azimuth, elevation, distance, t] on entry (the
   * base position) and the moved [azimuth, elevation, distance] on return.
   */
  evaluate(io: Float64Array): void {
    const az = io[0] as number;
    const el = io[1] as number;
    const dist = io[2] as number;
    const t = io[3] as number;
    const p = Math.max(0.5, Math.abs(this.period));
    const depth = this.depth;
    switch (this.kind) {
      case "sweep": {
        const d = Number.isNaN(depth) ? 90 : depth;
        io[0] = az + d * Math.sin((TAU * t) / p);
        return;
      }
      case "orbit": {
        const turns = (t / p) % 1;
        io[0] = az + (this.period < 0 ? -360 : 360) * turns;
        return;
      }
      case "approach": {
        const near = Number.isNaN(depth) ? 0.15 : depth;
        const k = (1 - Math.cos((TAU * t) / p)) * 0.5;
        io[2] = dist + (near - dist) * k;
        return;
      }
      case "drift": {
        const d = Number.isNaN(depth) ? 30 : depth;
        if (t >= this.t1) this.nextSegment(t, p, d, dist);
        const k = smoothstep(clamp((t - this.t0) / Math.max(this.t1 - this.t0, 1e-3), 0, 1));
        this.curAz = this.fromAz + (this.toAz - this.fromAz) * k;
        this.curEl = this.fromEl + (this.toEl - this.fromEl) * k;
        this.curDist = this.fromDist + (this.toDist - this.fromDist) * k;
        io[0] = az + this.curAz;
        io[1] = el + this.curEl;
        io[2] = dist * this.curDist;
        return;
      }
      default:
    }
  }

  private nextSegment(t: number, period: number, depth: number, dist: number): void {
    const rng = this.rng;
    this.fromAz = this.curAz;
    this.fromEl = this.curEl;
    this.fromDist = this.curDist;
    this.toAz = rng.range(-depth, depth);
    this.toEl = rng.range(-depth, depth) * 0.3;
    // Keep drifting sources outside the head: never closer than 0.1 m.
    this.toDist = Math.max(0.1 / Math.max(dist, 0.1), rng.range(0.75, 1.3));
    this.t0 = t;
    this.t1 = t + period * rng.range(0.5, 1.5);
  }
}
