/**
 * Modal resonator bank: a parallel set of two-pole resonators,
 * y[n] = g·sin(ω)·x[n] − a1·y[n−1] − a2·y[n−2], with a1 = −2r·cos ω, a2 = r², r = e^(−πB/fs).
 * The input is scaled by sin ω so a unit impulse rings each mode with amplitude `gain`.
 *
 * Material damping (Wildes & Richards): the decay time constant of a mode is
 * τ = 1/(π·f·tanφ), i.e. the bandwidth is B = f·tanφ, so glass (small tanφ) rings far
 * longer than wood or plastic at the same frequency.
 */
export class ModalBank {
  readonly size: number;
  private readonly b: Float64Array;
  private readonly sinW: Float64Array;
  private readonly a1: Float64Array;
  private readonly a2: Float64Array;
  private readonly y1: Float64Array;
  private readonly y2: Float64Array;
  private readonly nyquistGuard: number;
  /** True once every mode has decayed to nothing (lets `run` skip idle work). */
  private silent = true;

  constructor(
    private readonly sampleRate: number,
    size: number,
  ) {
    this.size = size;
    this.b = new Float64Array(size);
    this.sinW = new Float64Array(size);
    this.a1 = new Float64Array(size);
    this.a2 = new Float64Array(size);
    this.y1 = new Float64Array(size);
    this.y2 = new Float64Array(size);
    this.nyquistGuard = sampleRate * 0.45;
  }

  /** Set mode i by centre frequency (Hz), −3 dB bandwidth (Hz) and impulse amplitude. */
  setMode(i: number, freq: number, bandwidth: number, gain: number): void {
    if (i < 0 || i >= this.size) return;
    if (freq >= this.nyquistGuard || freq <= 0) {
      this.b[i] = 0;
      this.sinW[i] = 0;
      return;
    }
    const w = (2 * Math.PI * freq) / this.sampleRate;
    const r = Math.exp((-Math.PI * Math.max(bandwidth, 0.01)) / this.sampleRate);
    this.a1[i] = -2 * r * Math.cos(w);
    this.a2[i] = r * r;
    this.sinW[i] = Math.sin(w);
    this.b[i] = gain * Math.sin(w);
  }

  /**
   * Change only how strongly mode i is excited (e.g. the strike position of the next tap).
   * Ringing modes are unaffected, so this never clicks.
   */
  setInputGain(i: number, gain: number): void {
    if (i >= 0 && i < this.size) this.b[i] = gain * (this.sinW[i] as number);
  }

  /** Set mode i from a material loss factor tanφ: bandwidth = f·tanφ (plus a floor). */
  setMaterialMode(i: number, freq: number, tanPhi: number, gain: number, minBandwidth = 1): void {
    this.setMode(i, freq, Math.max(freq * tanPhi, minBandwidth), gain);
  }

  /** One sample: excite every mode with x and return the summed output. */
  tick(x: number): number {
    if (x !== 0) this.silent = false;
    const { b, a1, a2, y1, y2 } = this;
    let out = 0;
    for (let i = 0; i < this.size; i++) {
      const p1 = y1[i] as number;
      const y = (b[i] as number) * x - (a1[i] as number) * p1 - (a2[i] as number) * (y2[i] as number);
      y2[i] = p1;
      y1[i] = y;
      out += y;
    }
    return out;
  }

  /**
   * Mode-major block kernel: run every mode over input[0..n) and ADD the result to
   * output[0..n). Far faster than per-sample `tick` (the mode state stays in registers).
   */
  run(input: Float64Array, output: Float64Array, n: number, inputIsZero = false): void {
    if (inputIsZero && this.silent) return;
    if (!inputIsZero) this.silent = false;
    // Two modes per pass: their recursions are independent, so the CPU overlaps them
    // (a single two-pole recursion is latency-bound).
    const { b, a1, a2, y1, y2 } = this;
    let i = 0;
    for (; i + 1 < this.size; i += 2) {
      const bA = b[i] as number;
      const a1A = a1[i] as number;
      const a2A = a2[i] as number;
      const bB = b[i + 1] as number;
      const a1B = a1[i + 1] as number;
      const a2B = a2[i + 1] as number;
      let pA = y1[i] as number;
      let qA = y2[i] as number;
      let pB = y1[i + 1] as number;
      let qB = y2[i + 1] as number;
      for (let k = 0; k < n; k++) {
        const x = input[k] as number;
        const yA = bA * x - a1A * pA - a2A * qA;
        const yB = bB * x - a1B * pB - a2B * qB;
        qA = pA;
        pA = yA;
        qB = pB;
        pB = yB;
        output[k] = (output[k] as number) + yA + yB;
      }
      y1[i] = pA;
      y2[i] = qA;
      y1[i + 1] = pB;
      y2[i + 1] = qB;
    }
    if (i < this.size) {
      const bA = b[i] as number;
      const a1A = a1[i] as number;
      const a2A = a2[i] as number;
      let pA = y1[i] as number;
      let qA = y2[i] as number;
      for (let k = 0; k < n; k++) {
        const yA = bA * (input[k] as number) - a1A * pA - a2A * qA;
        qA = pA;
        pA = yA;
        output[k] = (output[k] as number) + yA;
      }
      y1[i] = pA;
      y2[i] = qA;
    }
  }

  /**
   * Flush modes that have died away to exact zero (no denormals) and note when the whole
   * bank is silent so `run` can skip it. Call it on a fixed sample grid (e.g. every control
   * tick), never at block ends, so output stays identical whatever the block size.
   */
  settle(): void {
    let silent = true;
    for (let i = 0; i < this.size; i++) {
      if (Math.abs(this.y1[i] as number) + Math.abs(this.y2[i] as number) < 1e-15) {
        this.y1[i] = 0;
        this.y2[i] = 0;
      } else silent = false;
    }
    this.silent = silent;
  }

  /** True once `settle` found every mode decayed to nothing (and nothing excited it since). */
  get isSilent(): boolean {
    return this.silent;
  }

  /** Sum of |state| across modes: a cheap "still ringing?" measure. */
  activity(): number {
    let s = 0;
    for (let i = 0; i < this.size; i++) s += Math.abs(this.y1[i] as number) + Math.abs(this.y2[i] as number);
    return s;
  }

  reset(): void {
    this.silent = true;
    this.y1.fill(0);
    this.y2.fill(0);
  }
}

/** Decay time (s) to −60 dB of a mode at `freq` for a material with loss factor tanφ. */
export function materialT60(freq: number, tanPhi: number): number {
  return 6.907755 / (Math.PI * freq * tanPhi);
}
