/**
 * Contact transient: the broadband "tick" of two hard surfaces meeting, which a modal body
 * (driven by a smooth force pulse) cannot make by itself. Each contact is a sub-millisecond
 * burst of white noise (instant onset, exponential decay) through a broad band-pass shaped by
 * the material (centre 2–10 kHz; low Q = dry and broadband, higher Q = a plasticky edge), plus
 * optional rattle (the same burst repeated a few times, quieter each time: a keycap settling,
 * a loose stabiliser) and up to two short ringing buzz modes (a spring ping, a rattling part),
 * which the bursts excite. Every strike jitters its tone and bounce gaps a little (seeded).
 *
 * Use: write the shape into `contact.shape[CT_…]` (at event time; a typed array so nothing is
 * boxed in a hot path), call `strike()`, and every block `addTo(out, offset, n)`, which ADDS
 * the transient. Allocation-free, per-sample state, so block-size invariant. Unset fields keep
 * their last value; `CT_BOUNCES` and the buzz levels default to 0 (no rattle, no buzz).
 */

import type { Rng } from "../rng";

/** Peak amplitude of the first burst. */
export const CT_LEVEL = 0;
/** Burst decay time constant in ms (sub-millisecond: 0.08 nail … 0.6 soft plastic). */
export const CT_DECAY_MS = 1;
/** Centre of the band-pass in Hz (2–10 kHz; harder, smaller objects higher). */
export const CT_TONE_HZ = 2;
/** Q of the band-pass (0.5 broad and dry … 3 narrow and pitched). */
export const CT_Q = 3;
/** Rattle: how many re-contacts follow the first (0 = none). */
export const CT_BOUNCES = 4;
/** Rattle: mean gap between re-contacts in ms (jittered ±30 % per bounce). */
export const CT_BOUNCE_MS = 5;
/** Rattle: level of each re-contact relative to the previous one (0…1). */
export const CT_BOUNCE_RATIO = 6;
/** Buzz mode 1: frequency (Hz), decay time constant (ms), level (≈ ring amplitude per unit burst). */
export const CT_BUZZ1_HZ = 7;
export const CT_BUZZ1_MS = 8;
export const CT_BUZZ1_LEVEL = 9;
/** Buzz mode 2: frequency (Hz), decay time constant (ms), level. */
export const CT_BUZZ2_HZ = 10;
export const CT_BUZZ2_MS = 11;
export const CT_BUZZ2_LEVEL = 12;
/** Per-strike random detune of the tone (fraction, e.g. 0.1 = ±10 %). */
export const CT_JITTER = 13;
/** Length of `shape`. */
export const CT_LENGTH = 14;

export class ContactTransient {
  /** The shape of the next strike; see the CT_ indices. */
  readonly shape = new Float64Array(CT_LENGTH);
  private env = 0;
  private decay = 0;
  private nextLevel = 0;
  private untilBounce = -1;
  private bouncesLeft = 0;
  // band-pass (TPT state-variable filter)
  private a1 = 0;
  private a2 = 0;
  private a3 = 0;
  private k = 1;
  private ic1 = 0;
  private ic2 = 0;
  // buzz modes: two-pole resonators
  private b1 = 0;
  private c1 = 0;
  private d1 = 0;
  private p1 = 0;
  private q1 = 0;
  private b2 = 0;
  private c2 = 0;
  private d2 = 0;
  private p2 = 0;
  private q2 = 0;
  /** Samples until every part has died away (lets addTo skip idle blocks). */
  private live = 0;

  constructor(
    private readonly sampleRate: number,
    private readonly rng: Rng,
  ) {
    const s = this.shape;
    s[CT_LEVEL] = 0.1;
    s[CT_DECAY_MS] = 0.25;
    s[CT_TONE_HZ] = 4500;
    s[CT_Q] = 0.8;
    s[CT_BOUNCE_MS] = 2;
    s[CT_BOUNCE_RATIO] = 0.5;
    s[CT_BUZZ1_HZ] = 3000;
    s[CT_BUZZ1_MS] = 5;
    s[CT_BUZZ2_HZ] = 5000;
    s[CT_BUZZ2_MS] = 5;
    s[CT_JITTER] = 0.08;
  }

  /** True while the transient (or its buzz) is still sounding. */
  get active(): boolean {
    return this.live > 0;
  }

  /** Start a contact with the current `shape` (a new strike cuts off pending bounces). */
  strike(): void {
    const s = this.shape;
    const sr = this.sampleRate;
    const rng = this.rng;
    const decayS = Math.max(0.02, s[CT_DECAY_MS] as number) * 1e-3;
    this.decay = Math.exp(-1 / (decayS * sr));
    this.env += s[CT_LEVEL] as number;
    const jitter = 1 + (s[CT_JITTER] as number) * rng.signed();
    const tone = Math.min(Math.max((s[CT_TONE_HZ] as number) * jitter, 200), 0.45 * sr);
    const g = Math.tan((Math.PI * tone) / sr);
    const k = 1 / Math.max(s[CT_Q] as number, 0.1);
    this.k = k;
    this.a1 = 1 / (1 + g * (g + k));
    this.a2 = g * this.a1;
    this.a3 = g * this.a2;
    this.bouncesLeft = Math.max(0, Math.round(s[CT_BOUNCES] as number));
    this.nextLevel = (s[CT_LEVEL] as number) * (s[CT_BOUNCE_RATIO] as number);
    this.untilBounce = this.bouncesLeft > 0 ? this.bounceGap() : -1;
    // buzz excitation: a burst of N effective samples rings a mode at ≈ √(N/2) × an impulse
    const norm = 1 / Math.sqrt(Math.max(1, (decayS * sr) / 2));
    this.b1 = this.buzz(
      s[CT_BUZZ1_HZ] as number,
      s[CT_BUZZ1_MS] as number,
      s[CT_BUZZ1_LEVEL] as number,
      norm,
      1,
    );
    this.b2 = this.buzz(
      s[CT_BUZZ2_HZ] as number,
      s[CT_BUZZ2_MS] as number,
      s[CT_BUZZ2_LEVEL] as number,
      norm,
      2,
    );
    const ring = Math.max(
      (s[CT_BUZZ1_LEVEL] as number) > 0 ? (s[CT_BUZZ1_MS] as number) : 0,
      (s[CT_BUZZ2_LEVEL] as number) > 0 ? (s[CT_BUZZ2_MS] as number) : 0,
    );
    const bounceMs = this.bouncesLeft * 1.3 * (s[CT_BOUNCE_MS] as number);
    // bursts to −140 dB (≈ 16 τ), buzz to −90 dB (≈ 10 τ), plus the rattle
    this.live = Math.ceil((16 * decayS + 10 * ring * 1e-3 + bounceMs * 1e-3) * sr) + 64;
  }

  /** ADD the transient to out[offset … offset+n). */
  addTo(out: Float32Array | Float64Array, offset: number, n: number): void {
    if (this.live <= 0) return;
    const rng = this.rng;
    const { a1, a2, a3, k, decay, b1, c1, d1, b2, c2, d2 } = this;
    let env = this.env;
    let ic1 = this.ic1;
    let ic2 = this.ic2;
    let p1 = this.p1;
    let q1 = this.q1;
    let p2 = this.p2;
    let q2 = this.q2;
    let until = this.untilBounce;
    // run exactly `live` samples, whatever the block size (block-size invariant)
    const m = Math.min(n, this.live);
    for (let i = 0; i < m; i++) {
      if (until === 0) {
        env += this.nextLevel;
        this.nextLevel *= this.shape[CT_BOUNCE_RATIO] as number;
        this.bouncesLeft--;
        until = this.bouncesLeft > 0 ? this.bounceGap() : -1;
      }
      if (until > 0) until--;
      const x = env * rng.signed();
      env *= decay;
      const v3 = x - ic2;
      const v1 = a1 * ic1 + a2 * v3;
      const v2 = ic2 + a2 * ic1 + a3 * v3;
      ic1 = 2 * v1 - ic1;
      ic2 = 2 * v2 - ic2;
      const y1 = b1 * x - c1 * p1 - d1 * q1;
      q1 = p1;
      p1 = y1;
      const y2 = b2 * x - c2 * p2 - d2 * q2;
      q2 = p2;
      p2 = y2;
      out[offset + i] = (out[offset + i] as number) + k * v1 + y1 + y2;
    }
    this.env = env;
    this.ic1 = ic1;
    this.ic2 = ic2;
    this.p1 = p1;
    this.q1 = q1;
    this.p2 = p2;
    this.q2 = q2;
    this.untilBounce = until;
    this.live -= m;
    if (this.live <= 0) {
      this.env = 0;
      this.ic1 = 0;
      this.ic2 = 0;
      this.p1 = 0;
      this.q1 = 0;
      this.p2 = 0;
      this.q2 = 0;
    }
  }

  private bounceGap(): number {
    const ms = (this.shape[CT_BOUNCE_MS] as number) * (1 + 0.3 * this.rng.signed());
    return Math.max(1, Math.round(ms * 1e-3 * this.sampleRate));
  }

  /** Set buzz mode `m` (1 or 2) and return its input gain (0 = off). */
  private buzz(freq: number, ms: number, level: number, norm: number, m: number): number {
    const sr = this.sampleRate;
    if (!(level > 0) || !(freq > 0) || freq >= 0.45 * sr) return 0;
    const w = (2 * Math.PI * freq * (1 + 0.5 * (this.shape[CT_JITTER] as number) * this.rng.signed())) / sr;
    const r = Math.exp(-1 / (Math.max(0.1, ms) * 1e-3 * sr));
    if (m === 1) {
      this.c1 = -2 * r * Math.cos(w);
      this.d1 = r * r;
    } else {
      this.c2 = -2 * r * Math.cos(w);
      this.d2 = r * r;
    }
    return level * Math.sin(w) * norm;
  }
}
