/**
 * The stereo beds' presence shelf. The binaural stage is diffuse-field equalised to the front
 * (engine/spatial.ts): a source at ±30°, where the beds' two channels sit, no longer gets the
 * near ear's head-model high-frequency lift (5 dB of K-weighted loudness on white noise), so the beds, voiced with it,
 * would turn dull. This first-order high shelf, the head-shadow filter's own form (DC gain 1, a
 * gain of `gain` well above ~600 Hz), puts that lift in the voice instead: the bed keeps its
 * timbre, now the same from any direction. In place, state per channel, allocation-free.
 */
import * as C from "../engine/constants";

/** High-frequency gain that brings a bed at ±30° back to its timbre before the equalisation. */
export const BED_PRESENCE = 2.2;

export class Presence {
  private readonly b0: number;
  private readonly b1: number;
  private readonly a1: number;
  /** x1, y1 of channel a, then of channel b. */
  private readonly z = new Float64Array(4);

  constructor(sampleRate: number, gain = BED_PRESENCE) {
    const w0 = C.SPEED_OF_SOUND / C.HEAD_RADIUS;
    const den = w0 + sampleRate;
    // Numerator: the shadow filter with α = gain; denominator: its α = 1 pole.
    this.b0 = (w0 + gain * sampleRate) / den;
    this.b1 = (w0 - gain * sampleRate) / den;
    this.a1 = (w0 - sampleRate) / den;
  }

  flush(): void {
    const z = this.z;
    for (let k = 0; k < 4; k++) if (Math.abs(z[k] as number) < 1e-30) z[k] = 0;
  }

  /** Filter `a[start..start+n)` and `b` the same way (in place). */
  run(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const b0 = this.b0;
    const b1 = this.b1;
    const a1 = this.a1;
    const z = this.z;
    let xa = z[0] as number;
    let ya = z[1] as number;
    let xb = z[2] as number;
    let yb = z[3] as number;
    for (let i = start; i < start + n; i++) {
      const u = a[i] as number;
      const v = b[i] as number;
      ya = b0 * u + b1 * xa - a1 * ya;
      yb = b0 * v + b1 * xb - a1 * yb;
      xa = u;
      xb = v;
      a[i] = ya;
      b[i] = yb;
    }
    z[0] = xa;
    z[1] = ya;
    z[2] = xb;
    z[3] = yb;
  }
}
