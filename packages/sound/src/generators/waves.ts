/**
 * Ocean waves on a beach. Each wave rises for 1.5–3 s (a low-pass on brown noise opening up as
 * it grows), breaks (a burst of foam: band-passed noise with fast random flutter) and washes
 * back for 4–8 s (the filter closing, pebbles rattling in the backwash). A new wave starts every
 * 6–15 s, so they overlap irregularly; now and then a set of 3–5 larger waves rolls in. Each
 * wave lands at its own place across the stereo pair. A quiet distant surf never stops.
 */

import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { MacroLevel } from "../dsp/macro-level";
import { BURST, BURST_TIME, DECAY, FREQ, GLIDE, KICK, PAN, ResonatorPool } from "../dsp/resonator-pool";
import { StereoNoise } from "../dsp/stereo-noise";
import { Subsonic } from "../dsp/subsonic";
import { SVF_F, SVF_LENGTH, SVF_Q, svfCoefs } from "../dsp/svf";
import { Wander } from "../dsp/wander";
import type { GeneratorDef } from "../generator";
import { Rng } from "../rng";

const SLOTS = 3;
/** The wash between waves: body gain and low-pass floor, foam floor (troughs were 19 dB down). */
/**
 * The surf body's brown noise levels off below BROWN_LEAK and is high-passed at BODY_HIGHPASS
 * (one pole) before the subsonic filter: with 8 Hz and 15 Hz, 30 % of the sea's energy sat
 * under 30 Hz, heard as nothing but pumping the driver.
 */
const BROWN_LEAK = 40;
const BODY_HIGHPASS = 80;
const WASH_GAIN = 0.42;
const WASH_CUT = 450;
const WASH_FOAM = 0.08;
/** The level normaliser's window: longer than a wave cycle, so each wave still swells. */
const WASH_SECONDS = 25;
/** Long-term mean of (wash + wave envelopes)², the normaliser's seed-independent reference. */
const MEAN_POWER = 1;

class WavesVoice extends ControlRateVoice {
  private readonly rng: Rng;
  private readonly pool: ResonatorPool;
  private readonly tide: Wander;
  /** Keeps a seed's minute from being a loud or a quiet one (dsp/macro-level.ts). */
  private readonly level: MacroLevel;
  private size = 0.5;
  private sizeT = 0.5;
  private foam = 0.5;
  private foamT = 0.5;
  private pebbles = 0.3;
  private pebblesT = 0.3;
  private variation = 0.5;
  private variationT = 0.5;
  /** Uniforms of one event (Rng.draw). */
  private readonly u = new Float64Array(5);
  private readonly k: number;
  // Wave slots.
  private readonly t = new Float64Array(SLOTS).fill(-1);
  private readonly rise = new Float64Array(SLOTS);
  private readonly decay = new Float64Array(SLOTS);
  private readonly amp = new Float64Array(SLOTS);
  private readonly pan = new Float64Array(SLOTS);
  private nextWave = 0.5;
  private nextSet = 0;
  private setLeft = 0;
  private nextPebble = 0;
  private readonly noise: StereoNoise;
  private readonly cA = new Float64Array(SVF_LENGTH);
  private readonly cB = new Float64Array(SVF_LENGTH);
  private readonly cF = new Float64Array(SVF_LENGTH);
  private readonly z = new Float64Array(14);
  private gA = 0;
  private gB = 0;
  private fA = 0;
  private fB = 0;
  private dgA = 0;
  private dgB = 0;
  private dfA = 0;
  private dfB = 0;
  private readonly leak: number;
  private readonly flutterK: number;
  private readonly dcK: number;

  /** Under 20 Hz out (dsp/subsonic.ts). */
  private readonly subsonic: Subsonic;

  constructor(sampleRate: number, seed: number) {
    super(sampleRate);
    this.subsonic = new Subsonic(sampleRate);
    this.rng = new Rng(seed);
    this.pool = new ResonatorPool(sampleRate, 32, new Rng(this.rng.fork(1)));
    this.tide = new Wander(new Rng(this.rng.fork(2)), 60, 200, this.dt);
    this.level = new MacroLevel(this.dt, WASH_SECONDS, 1);
    this.noise = new StereoNoise(this.rng);
    this.k = glideCoef(sampleRate, 0.5);
    this.nextSet = this.rng.exponential(1 / 150);
    this.leak = Math.exp((-2 * Math.PI * BROWN_LEAK) / sampleRate);
    this.flutterK = 1 - Math.exp((-2 * Math.PI * 30) / sampleRate);
    this.dcK = 1 - Math.exp((-2 * Math.PI * BODY_HIGHPASS) / sampleRate);
    this.cF[SVF_F] = 4500;
    this.cF[SVF_Q] = 0.7;
    svfCoefs(this.cF, sampleRate);
  }

  setParam(name: string, value: number): void {
    const v = clampTo(value, 0, 1);
    if (name === "size") this.sizeT = v;
    else if (name === "foam") this.foamT = v;
    else if (name === "pebbles") this.pebblesT = v;
    else if (name === "variation") this.variationT = v;
  }

  private startWave(): void {
    const rng = this.rng;
    let slot = 0;
    let oldest = -1;
    for (let s = 0; s < SLOTS; s++) {
      const ts = this.t[s] as number;
      if (ts < 0) {
        slot = s;
        oldest = Number.POSITIVE_INFINITY;
        break;
      }
      if (ts > oldest) {
        oldest = ts;
        slot = s;
      }
    }
    const u = this.u;
    rng.draw(u, 5);
    let amp = (0.55 + (1 - 0.55) * (u[0] as number)) * ((u[1] as number) < 0.15 ? 1.3 : 1);
    if (this.setLeft > 0) {
      amp *= 1.35;
      this.setLeft--;
    }
    this.t[slot] = 0;
    this.rise[slot] = 1.5 + (3 - 1.5) * (u[2] as number);
    this.decay[slot] = 4 + (8 - 4) * (u[3] as number);
    this.amp[slot] = amp;
    this.pan[slot] = 0.5 + (-0.4 + (0.4 - -0.4) * (u[4] as number));
  }

  protected control(): void {
    this.subsonic.flush();
    const k = this.k;
    const dt = this.dt;
    this.size = glide(this.size, this.sizeT, k);
    this.foam = glide(this.foam, this.foamT, k);
    this.pebbles = glide(this.pebbles, this.pebblesT, k);
    this.variation = glide(this.variation, this.variationT, k);
    const rng = this.rng;
    this.nextWave -= dt;
    // Event branches: Rng draws through `draw` and typed arrays (no boxed doubles; see Rng.draw).
    const u = this.u;
    if (this.nextWave <= 0) {
      this.startWave();
      rng.draw(u, 1);
      this.nextWave = 6 + (15 - 6) * (u[0] as number);
    }
    this.nextSet -= dt;
    if (this.nextSet <= 0) {
      rng.draw(u, 2);
      this.setLeft = 3 + Math.floor((u[0] as number) * 3);
      this.nextSet = -Math.log(1 - (u[1] as number)) / (1 / 150) + 40;
    }
    this.tide.step();
    const tide = 1 + 0.25 * this.variation * this.tide.value;
    let ea = 0;
    let eb = 0;
    let fa = 0;
    let fb = 0;
    let wash = 0;
    for (let s = 0; s < SLOTS; s++) {
      let ts = this.t[s] as number;
      if (ts < 0) continue;
      ts += dt;
      const rise = this.rise[s] as number;
      const decay = this.decay[s] as number;
      if (ts > rise + decay) {
        this.t[s] = -1;
        continue;
      }
      this.t[s] = ts;
      const a = this.amp[s] as number;
      const p = this.pan[s] as number;
      let env: number;
      let foam = 0;
      if (ts < rise) {
        env = (ts / rise) ** 1.6;
        if (ts > rise - 0.25) foam = (ts - (rise - 0.25)) / 0.25;
      } else {
        const x = (ts - rise) / decay;
        env = (1 - x) ** 1.8;
        foam = x < 0.45 ? (1 - x / 0.45) ** 1.5 : 0;
        if (x > 0.35 && x < 0.9) wash += a * Math.sin(((x - 0.35) / 0.55) * Math.PI);
      }
      env *= a;
      foam *= a;
      ea += env * (1 - p);
      eb += env * p;
      fa += foam * (1 - p);
      fb += foam * p;
    }
    // How hard this minute's waves and tide run against the long-term mean, taken out slowly.
    const macro = this.level;
    const swell = tide * (WASH_GAIN + 1.6 * (ea + eb));
    macro.power = swell * swell;
    macro.reference = MEAN_POWER;
    macro.step();
    const g = macro.gain;
    const sz = (0.5 + this.size) * tide * g;
    const fs = this.sampleRate;
    this.cA[SVF_F] = WASH_CUT + 2600 * Math.min(ea * 2, 1.5) * sz;
    this.cA[SVF_Q] = 0.7;
    svfCoefs(this.cA, fs);
    this.cB[SVF_F] = WASH_CUT + 2600 * Math.min(eb * 2, 1.5) * sz;
    this.cB[SVF_Q] = 0.7;
    svfCoefs(this.cB, fs);
    this.dgA = ((WASH_GAIN + 1.6 * ea) * sz - this.gA) / 32;
    this.dgB = ((WASH_GAIN + 1.6 * eb) * sz - this.gB) / 32;
    this.dfA = (this.foam * (WASH_FOAM + fa) * sz * 0.45 - this.fA) / 32;
    this.dfB = (this.foam * (WASH_FOAM + fb) * sz * 0.45 - this.fB) / 32;
    const rate = this.pebbles * wash * 220;
    this.nextPebble -= dt;
    while (this.nextPebble <= 0) {
      if (rate > 0.5) {
        rng.draw(u, 4);
        const e = Math.min(0.08, 0.01 * (1 - (u[0] as number)) ** -0.5);
        const next = this.pool.next;
        next[FREQ] = 2200 + (7000 - 2200) * (u[1] as number);
        next[DECAY] = 0.002 + (0.006 - 0.002) * (u[2] as number);
        next[KICK] = e;
        next[BURST] = e;
        next[BURST_TIME] = 0.0005;
        next[GLIDE] = 1;
        next[PAN] = u[3] as number;
        this.pool.start();
      }
      rng.draw(u, 1);
      this.nextPebble += -Math.log(1 - (u[0] as number)) / Math.max(rate, 0.5);
    }
    this.pool.control();
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const z = this.z;
    const cA = this.cA;
    const cB = this.cB;
    const cF = this.cF;
    const a1 = cA[0] as number;
    const a2 = cA[1] as number;
    const a3 = cA[2] as number;
    const b1 = cB[0] as number;
    const b2 = cB[1] as number;
    const b3 = cB[2] as number;
    const f1 = cF[0] as number;
    const f2 = cF[1] as number;
    const f3 = cF[2] as number;
    let i1 = z[0] as number;
    let i2 = z[1] as number;
    let j1 = z[2] as number;
    let j2 = z[3] as number;
    let k1 = z[4] as number;
    let k2 = z[5] as number;
    let l1 = z[6] as number;
    let l2 = z[7] as number;
    let brA = z[8] as number;
    let brB = z[9] as number;
    let flA = z[10] as number;
    let flB = z[11] as number;
    let dcA = z[12] as number;
    let dcB = z[13] as number;
    const dck = this.dcK;
    const noise = this.noise;
    noise.fill(n);
    const na = noise.a;
    const nb = noise.b;
    let gA = this.gA;
    let gB = this.gB;
    let fA = this.fA;
    let fB = this.fB;
    const dgA = this.dgA;
    const dgB = this.dgB;
    const dfA = this.dfA;
    const dfB = this.dfB;
    const leak = this.leak;
    const fk = this.flutterK;
    for (let i = start; i < start + n; i++) {
      const wa = na[i - start] as number;
      const wb = nb[i - start] as number;
      brA = brA * leak + wa * 0.06;
      brB = brB * leak + wb * 0.06;
      // DC blockers (one-pole high-pass ≈ 15 Hz) on the brown noise.
      dcA += dck * (brA - dcA);
      dcB += dck * (brB - dcB);
      // Surf body: low-pass (opening with the wave) on brown noise.
      let v3 = brA - dcA - i2;
      let v1 = a1 * i1 + a2 * v3;
      let v2 = i2 + a2 * i1 + a3 * v3;
      i1 = 2 * v1 - i1;
      i2 = 2 * v2 - i2;
      const bodyA = v2;
      v3 = brB - dcB - j2;
      v1 = b1 * j1 + b2 * v3;
      v2 = j2 + b2 * j1 + b3 * v3;
      j1 = 2 * v1 - j1;
      j2 = 2 * v2 - j2;
      const bodyB = v2;
      // Foam: band-passed white noise with a fast random flutter.
      v3 = wa - k2;
      v1 = f1 * k1 + f2 * v3;
      v2 = k2 + f2 * k1 + f3 * v3;
      k1 = 2 * v1 - k1;
      k2 = 2 * v2 - k2;
      const foamA = v1;
      v3 = wb - l2;
      v1 = f1 * l1 + f2 * v3;
      v2 = l2 + f2 * l1 + f3 * v3;
      l1 = 2 * v1 - l1;
      l2 = 2 * v2 - l2;
      const foamB = v1;
      flA += fk * (wb - flA);
      flB += fk * (wa - flB);
      gA += dgA;
      gB += dgB;
      fA += dfA;
      fB += dfB;
      a[i] = bodyA * gA + foamA * fA * (0.6 + 8 * Math.abs(flA));
      b[i] = bodyB * gB + foamB * fB * (0.6 + 8 * Math.abs(flB));
    }
    z[0] = i1;
    z[1] = i2;
    z[2] = j1;
    z[3] = j2;
    z[4] = k1;
    z[5] = k2;
    z[6] = l1;
    z[7] = l2;
    z[8] = brA;
    z[9] = brB;
    z[10] = flA;
    z[11] = flB;
    z[12] = dcA;
    z[13] = dcB;
    this.gA = gA;
    this.gB = gB;
    this.fA = fA;
    this.fB = fB;
    this.pool.render(a, b, start, n);
    this.subsonic.run(a, b, start, n);
  }
}

export const waves: GeneratorDef = {
  id: "waves",
  label: "Ocean waves",
  description:
    "Waves rolling onto a pebble beach every few seconds, with foam, backwash and the odd bigger set.",
  category: "bed",
  channels: 2,
  calibrationDb: -13.2,
  cycleSeconds: [6, 15],
  params: [
    {
      name: "size",
      label: "Size",
      min: 0,
      max: 1,
      default: 0.5,
      description: "Gentle lapping to heavy surf.",
    },
    {
      name: "foam",
      label: "Foam",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How much hiss each wave leaves as it breaks.",
    },
    {
      name: "pebbles",
      label: "Pebbles",
      min: 0,
      max: 1,
      default: 0.3,
      description: "Stones rattling in the backwash: sand to shingle.",
    },
    {
      name: "variation",
      label: "Variation",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How much the sea swells and calms over minutes.",
    },
  ],
  create: (sampleRate, seed) => new WavesVoice(sampleRate, seed),
};
