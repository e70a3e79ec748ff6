/**
 * A pool of short resonant "grains" for event-based textures (raindrops, bubbles, crackles,
 * leaf ticks, pebbles). Each grain is a damped complex oscillator z ← ρ·e^{iθ}·z + x: it can
 * start with a kick (an impulse of given amplitude, so it rings immediately) and/or be fed a
 * decaying noise burst (a band-limited splash around its frequency). The frequency can glide
 * exponentially (rising Minnaert bubbles). Grains are panned into two channels. State lives in
 * typed arrays; spawning steals the quietest grain when full. No allocation after construction.
 * Active grains are kept packed in slots [0, count) (a retired grain's slot takes the last one),
 * so control and render touch only live grains.
 */
import type { Rng } from "../rng";

const TWO_PI = Math.PI * 2;

// Slots of `ResonatorPool.next`, the parameters of the grain `start()` begins.
export const FREQ = 0;
export const DECAY = 1;
export const KICK = 2;
export const BURST = 3;
export const BURST_TIME = 4;
export const GLIDE = 5;
export const PAN = 6;

export class ResonatorPool {
  readonly capacity: number;
  private readonly fs: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly rho: Float64Array;
  private readonly theta: Float64Array;
  private readonly chirp: Float64Array;
  private readonly cr: Float64Array;
  private readonly ci: Float64Array;
  private readonly exLeft: Int32Array;
  private readonly exAmp: Float64Array;
  private readonly exDecay: Float64Array;
  private readonly panA: Float64Array;
  private readonly panB: Float64Array;
  private readonly level: Float64Array;
  private readonly noise: Int32Array;
  private seed = 0;
  /** Number of active grains (for cost accounting and tests). */
  count = 0;
  /**
   * Parameters of the next grain (FREQ, DECAY, … PAN): fill, then call `start()`. Seven doubles
   * passed as arguments would each be boxed (allocated) where V8 does not inline the call.
   */
  readonly next = new Float64Array(7);

  constructor(sampleRate: number, capacity: number, rng: Rng) {
    this.fs = sampleRate;
    this.capacity = capacity;
    this.re = new Float64Array(capacity);
    this.im = new Float64Array(capacity);
    this.rho = new Float64Array(capacity);
    this.theta = new Float64Array(capacity);
    this.chirp = new Float64Array(capacity);
    this.cr = new Float64Array(capacity);
    this.ci = new Float64Array(capacity);
    this.exLeft = new Int32Array(capacity);
    this.exAmp = new Float64Array(capacity);
    this.exDecay = new Float64Array(capacity);
    this.panA = new Float64Array(capacity);
    this.panB = new Float64Array(capacity);
    this.level = new Float64Array(capacity);
    this.noise = new Int32Array(capacity);
    this.seed = rng.nextU32() | 1;
  }

  /**
   * Start a grain. freq Hz; decay = seconds to fall 60 dB; kick = initial ring amplitude;
   * burst = noise feed amplitude, burstTime seconds (exponential fade); glide = frequency
   * ratio per second (1 = steady, 4 = two octaves up per second); pan 0 (a) … 1 (b).
   */
  spawn(
    freq: number,
    decay: number,
    kick: number,
    burst: number,
    burstTime: number,
    glide: number,
    pan: number,
  ): void {
    const a = this.next;
    a[FREQ] = freq;
    a[DECAY] = decay;
    a[KICK] = kick;
    a[BURST] = burst;
    a[BURST_TIME] = burstTime;
    a[GLIDE] = glide;
    a[PAN] = pan;
    this.start();
  }

  /** `spawn` with the parameters taken from `next` (allocation-free in the audio thread). */
  start(): void {
    const a = this.next;
    const freq = a[FREQ] as number;
    const decay = a[DECAY] as number;
    const kick = a[KICK] as number;
    const burst = a[BURST] as number;
    const burstTime = a[BURST_TIME] as number;
    const glide = a[GLIDE] as number;
    const pan = a[PAN] as number;
    let slot: number;
    if (this.count < this.capacity) {
      slot = this.count++;
    } else {
      slot = 0;
      let quietest = Number.POSITIVE_INFINITY;
      for (let i = 0; i < this.capacity; i++) {
        const lv = this.level[i] as number;
        if (lv < quietest) {
          quietest = lv;
          slot = i;
        }
      }
    }
    const fs = this.fs;
    const th = (TWO_PI * Math.min(freq, fs * 0.45)) / fs;
    const rho = Math.exp(-6.907755 / (Math.max(decay, 1e-4) * fs));
    this.rho[slot] = rho;
    this.theta[slot] = th;
    this.cr[slot] = rho * Math.cos(th);
    this.ci[slot] = rho * Math.sin(th);
    this.chirp[slot] = glide === 1 ? 1 : glide ** (32 / fs);
    // Kick: the output is the imaginary part, so it starts at zero on a sine phase (no step).
    this.re[slot] = kick;
    this.im[slot] = 0;
    const n = Math.max(0, Math.round(burstTime * fs));
    this.exLeft[slot] = n;
    this.exAmp[slot] = burst * (1 - rho);
    this.exDecay[slot] = n > 0 ? Math.exp(-4.6 / n) : 0;
    const p = Math.min(Math.max(pan, 0), 1);
    this.panA[slot] = Math.cos(p * Math.PI * 0.5);
    this.panB[slot] = Math.sin(p * Math.PI * 0.5);
    this.level[slot] = kick + burst;
    // Each grain has its own noise stream, so output does not depend on how render is chunked.
    this.seed = (Math.imul(this.seed, 1664525) + 1013904223) | 0;
    this.noise[slot] = this.seed | 1;
  }

  /** Control-rate update: frequency glides, level estimates, retire silent grains. Call every 32 samples. */
  control(): void {
    let g = 0;
    while (g < this.count) {
      const re = this.re[g] as number;
      const im = this.im[g] as number;
      const lv = Math.sqrt(re * re + im * im) + (this.exLeft[g] as number) * 1e-9 + (this.exAmp[g] as number);
      this.level[g] = lv;
      if (lv < 1e-5 && (this.exLeft[g] as number) === 0) {
        this.retire(g);
        continue;
      }
      const ch = this.chirp[g] as number;
      if (ch !== 1) {
        const th = Math.min((this.theta[g] as number) * ch, 2.8);
        const rho = this.rho[g] as number;
        this.theta[g] = th;
        this.cr[g] = rho * Math.cos(th);
        this.ci[g] = rho * Math.sin(th);
      }
      g++;
    }
  }

  /** Free slot g: the last active grain moves into it. */
  private retire(g: number): void {
    const last = --this.count;
    if (g === last) return;
    this.re[g] = this.re[last] as number;
    this.im[g] = this.im[last] as number;
    this.rho[g] = this.rho[last] as number;
    this.theta[g] = this.theta[last] as number;
    this.chirp[g] = this.chirp[last] as number;
    this.cr[g] = this.cr[last] as number;
    this.ci[g] = this.ci[last] as number;
    this.exLeft[g] = this.exLeft[last] as number;
    this.exAmp[g] = this.exAmp[last] as number;
    this.exDecay[g] = this.exDecay[last] as number;
    this.panA[g] = this.panA[last] as number;
    this.panB[g] = this.panB[last] as number;
    this.level[g] = this.level[last] as number;
    this.noise[g] = this.noise[last] as number;
  }

  /** Add all active grains into a/b over [start, start+n). */
  render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const end = start + n;
    const count = this.count;
    for (let g = 0; g < count; g++) {
      let s = this.noise[g] as number;
      let re = this.re[g] as number;
      let im = this.im[g] as number;
      const cr = this.cr[g] as number;
      const ci = this.ci[g] as number;
      const pa = this.panA[g] as number;
      const pb = this.panB[g] as number;
      let left = this.exLeft[g] as number;
      let ex = this.exAmp[g] as number;
      const exd = this.exDecay[g] as number;
      if (left > 0) {
        for (let i = start; i < end; i++) {
          let x = 0;
          if (left > 0) {
            s ^= s << 13;
            s ^= s >>> 17;
            s ^= s << 5;
            x = s * 4.656612873077393e-10 * ex;
            ex *= exd;
            left--;
          }
          const nr = cr * re - ci * im + x;
          im = ci * re + cr * im;
          re = nr;
          a[i] = (a[i] as number) + im * pa;
          b[i] = (b[i] as number) + im * pb;
        }
        if (left === 0) ex = 0;
        this.noise[g] = s;
      } else {
        for (let i = start; i < end; i++) {
          const nr = cr * re - ci * im;
          im = ci * re + cr * im;
          re = nr;
          a[i] = (a[i] as number) + im * pa;
          b[i] = (b[i] as number) + im * pb;
        }
      }
      this.re[g] = re;
      this.im[g] = im;
      this.exLeft[g] = left;
      this.exAmp[g] = ex;
    }
  }
}
