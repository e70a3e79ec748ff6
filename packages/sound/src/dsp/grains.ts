/**
 * A pool of short resonant noise grains: each grain is an exponentially decaying noise burst
 * through its own two-pole resonator (peak gain ≈ 1) plus a little of the dry burst. Used for
 * crinkle clicks, page-flutter ticks and other "many small events" textures. The noise sample
 * is supplied by the caller (one shared source), so the pool itself draws no random numbers.
 */
export class GrainPool {
  readonly size: number;
  private readonly env: Float64Array;
  private readonly decay: Float64Array;
  private readonly b: Float64Array;
  private readonly a1: Float64Array;
  private readonly a2: Float64Array;
  private readonly y1: Float64Array;
  private readonly y2: Float64Array;
  private readonly dry: Float64Array;
  private readonly nyquistGuard: number;
  private active = 0;

  constructor(
    private readonly sampleRate: number,
    size: number,
  ) {
    this.size = size;
    this.env = new Float64Array(size);
    this.decay = new Float64Array(size);
    this.b = new Float64Array(size);
    this.a1 = new Float64Array(size);
    this.a2 = new Float64Array(size);
    this.y1 = new Float64Array(size);
    this.y2 = new Float64Array(size);
    this.dry = new Float64Array(size);
    this.nyquistGuard = sampleRate * 0.45;
  }

  /**
   * Start a grain on the quietest slot: `amp` peak, resonance at `freq` with −3 dB
   * `bandwidth` (Hz), the burst decaying with time constant `decaySeconds`, `dryMix` 0–1.
   */
  spawn(amp: number, freq: number, bandwidth: number, decaySeconds: number, dryMix = 0.1): void {
    let slot = 0;
    let lowest = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.size; i++) {
      const e = (this.env[i] as number) + Math.abs(this.y1[i] as number);
      if (e < lowest) {
        lowest = e;
        slot = i;
      }
    }
    const f = Math.min(Math.max(freq, 20), this.nyquistGuard);
    const w = (2 * Math.PI * f) / this.sampleRate;
    const r = Math.exp((-Math.PI * Math.max(bandwidth, 1)) / this.sampleRate);
    this.a1[slot] = -2 * r * Math.cos(w);
    this.a2[slot] = r * r;
    this.b[slot] = 2 * (1 - r) * Math.max(Math.sin(w), 0.05);
    this.env[slot] = amp;
    this.decay[slot] = Math.exp(-1 / Math.max(1, decaySeconds * this.sampleRate));
    this.dry[slot] = dryMix;
    if (this.active < this.size) this.active = this.size;
  }

  /** True when no grain is sounding. */
  get idle(): boolean {
    return this.active === 0;
  }

  /** One output sample driven by the shared noise sample `noise` (≈ uniform in [−1, 1]). */
  tick(noise: number): number {
    if (this.active === 0) return 0;
    let out = 0;
    let live = 0;
    for (let i = 0; i < this.size; i++) {
      const e = this.env[i] as number;
      const p1 = this.y1[i] as number;
      if (e < 1e-7 && Math.abs(p1) < 1e-9) continue;
      live++;
      const x = e * noise;
      const y =
        (this.b[i] as number) * x -
        (this.a1[i] as number) * p1 -
        (this.a2[i] as number) * (this.y2[i] as number);
      this.y2[i] = p1;
      this.y1[i] = y;
      this.env[i] = e * (this.decay[i] as number);
      out += y + (this.dry[i] as number) * x;
    }
    if (live === 0) {
      this.active = 0;
      this.y1.fill(0);
      this.y2.fill(0);
      this.env.fill(0);
    }
    return out;
  }
}
