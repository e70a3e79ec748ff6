/**
 * The beds' subsonic filter: a 2nd-order Butterworth high-pass (RBJ, Q = 1/√2) at 20 Hz, run in
 * place after a voice's own kernel. Below 20 Hz nothing is heard, but noise beds and surf bodies
 * put a third to three quarters of their energy there, which costs headroom and pumps headphone
 * drivers. 0.1 dB down at 50 Hz, so the audible rumble is kept. Transposed direct form II,
 * state per channel; `flush` (call it from `control`, on the fixed grid) zeroes denormal states.
 */
const CUTOFF = 20;

export class Subsonic {
  private readonly c = new Float64Array(5);
  /** z1, z2 of channel a, then of channel b. */
  private readonly z = new Float64Array(4);

  constructor(sampleRate: number) {
    const w = (2 * Math.PI * CUTOFF) / sampleRate;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
    const a0 = 1 + alpha;
    const c = this.c;
    c[0] = (1 + cos) / 2 / a0;
    c[1] = -(1 + cos) / a0;
    c[2] = c[0] as number;
    c[3] = (-2 * cos) / a0;
    c[4] = (1 - alpha) / a0;
  }

  flush(): void {
    const z = this.z;
    for (let k = 0; k < 4; k++) if (Math.abs(z[k] as number) < 1e-30) z[k] = 0;
  }

  /** Filter `a[start..start+n)` and, for a stereo voice, `b` the same way (in place). */
  run(a: Float32Array, b: Float32Array | null, start: number, n: number): void {
    const c = this.c;
    const b0 = c[0] as number;
    const b1 = c[1] as number;
    const b2 = c[2] as number;
    const a1 = c[3] as number;
    const a2 = c[4] as number;
    const z = this.z;
    let p1 = z[0] as number;
    let p2 = z[1] as number;
    const end = start + n;
    if (b === null) {
      for (let i = start; i < end; i++) {
        const x = a[i] as number;
        const y = b0 * x + p1;
        p1 = b1 * x - a1 * y + p2;
        p2 = b2 * x - a2 * y;
        a[i] = y;
      }
      z[0] = p1;
      z[1] = p2;
      return;
    }
    let q1 = z[2] as number;
    let q2 = z[3] as number;
    for (let i = start; i < end; i++) {
      const x = a[i] as number;
      const y = b0 * x + p1;
      p1 = b1 * x - a1 * y + p2;
      p2 = b2 * x - a2 * y;
      a[i] = y;
      const u = b[i] as number;
      const v = b0 * u + q1;
      q1 = b1 * u - a1 * v + q2;
      q2 = b2 * u - a2 * v;
      b[i] = v;
    }
    z[0] = p1;
    z[1] = p2;
    z[2] = q1;
    z[3] = q2;
  }
}
