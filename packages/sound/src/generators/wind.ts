/**
 * Wind: a gust engine (smoothed random targets, squared for bursty gusts, over a slowly
 * wandering base strength) driving per channel a band-passed noise body whose centre rises with
 * wind speed, a low rumble, and an optional narrow whistle. Two channels use independent noise
 * and slightly detuned filters, so the wind is wide and never repeats.
 */

import { ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { MacroLevel } from "../dsp/macro-level";
import { StereoNoise } from "../dsp/stereo-noise";
import { Subsonic } from "../dsp/subsonic";
import { SVF_F, SVF_LENGTH, SVF_Q, svfCoefs } from "../dsp/svf";
import { Wander } from "../dsp/wander";
import type { GeneratorDef } from "../generator";
import { Rng } from "../rng";
import { Presence } from "./presence";

class WindVoice extends ControlRateVoice {
  private strength = 0.5;
  private strengthT = 0.5;
  private gustiness = 0.5;
  private gustinessT = 0.5;
  private whistle = 0.25;
  private whistleT = 0.25;
  private variation = 0.5;
  private variationT = 0.5;
  private readonly k: number;
  private readonly base: Wander;
  private readonly gustA: Wander;
  private readonly gustB: Wander;
  /** Keeps a seed's minute from being a loud or a quiet one (dsp/macro-level.ts). */
  private readonly level: MacroLevel;
  private readonly noise: StereoNoise;
  // Coefficients [a1, a2, a3, k] for body A/B, whistle A/B, and states.
  private readonly cBodyA = new Float64Array(SVF_LENGTH);
  private readonly cBodyB = new Float64Array(SVF_LENGTH);
  private readonly cWhA = new Float64Array(SVF_LENGTH);
  private readonly cWhB = new Float64Array(SVF_LENGTH);
  private readonly z = new Float64Array(12);
  private gBody = 0;
  private dBody = 0;
  private gWh = 0;
  private dWh = 0;
  private gRum = 0;
  private dRum = 0;
  /** The previous sample of noise b (the second rumble's product noise). */
  private nbPrev = 0;
  private readonly rumK: number;

  /** Under 20 Hz out (dsp/subsonic.ts). */
  private readonly subsonic: Subsonic;
  /** The near ear's lift the equalised head model no longer gives (presence.ts). */
  private readonly presence: Presence;

  constructor(sampleRate: number, seed: number) {
    super(sampleRate);
    this.subsonic = new Subsonic(sampleRate);
    this.presence = new Presence(sampleRate);
    const rng = new Rng(seed);
    this.base = new Wander(new Rng(rng.fork(1)), 30, 120, this.dt);
    this.gustA = new Wander(new Rng(rng.fork(2)), 1.5, 6, this.dt);
    this.gustB = new Wander(new Rng(rng.fork(3)), 4, 13, this.dt);
    this.noise = new StereoNoise(rng);
    this.level = new MacroLevel(this.dt, 8, 1);
    this.k = glideCoef(sampleRate, 0.4);
    this.rumK = 1 - Math.exp((-2 * Math.PI * 120) / sampleRate);
  }

  setParam(name: string, value: number): void {
    const v = clampTo(value, 0, 1);
    if (name === "strength") this.strengthT = v;
    else if (name === "gustiness") this.gustinessT = v;
    else if (name === "whistle") this.whistleT = v;
    else if (name === "variation") this.variationT = v;
  }

  protected control(): void {
    this.subsonic.flush();
    this.presence.flush();
    const k = this.k;
    this.strength = glide(this.strength, this.strengthT, k);
    this.gustiness = glide(this.gustiness, this.gustinessT, k);
    this.whistle = glide(this.whistle, this.whistleT, k);
    this.variation = glide(this.variation, this.variationT, k);
    this.base.step();
    this.gustA.step();
    this.gustB.step();
    const base = this.strength * (1 + 0.35 * this.variation * this.base.value);
    const g1 = Math.max(0, this.gustA.value);
    const g2 = Math.max(0, this.gustB.value);
    const gust = this.gustiness * (0.6 * g1 * g1 + 0.5 * g2 * g2);
    const speed = clampTo(0.15 + 0.7 * base + 0.6 * gust, 0.05, 1.4);
    const fs = this.sampleRate;
    const f = 180 + 650 * speed;
    this.cBodyA[SVF_F] = f;
    this.cBodyA[SVF_Q] = 0.9 + 0.6 * speed;
    svfCoefs(this.cBodyA, fs);
    this.cBodyB[SVF_F] = f * 1.17;
    this.cBodyB[SVF_Q] = 0.8 + 0.6 * speed;
    svfCoefs(this.cBodyB, fs);
    const fw = 500 + 1100 * speed;
    this.cWhA[SVF_F] = fw;
    this.cWhA[SVF_Q] = 28;
    svfCoefs(this.cWhA, fs);
    this.cWhB[SVF_F] = fw * 1.31;
    this.cWhB[SVF_Q] = 24;
    svfCoefs(this.cWhB, fs);
    // The gusts' mean power is seed-independent: E[max(0, u)²] ≈ 0.18 for the wanders' u; the body
    // band widens with its centre, hence the (180 + 650·speed).
    const ref = clampTo(0.15 + 0.7 * this.strength + 0.6 * 0.18 * this.gustiness, 0.05, 1.4);
    const level = this.level;
    level.power = speed * speed * speed * speed * (180 + 650 * speed);
    level.reference = ref * ref * ref * ref * (180 + 650 * ref);
    level.step();
    const lvl = speed * speed * level.gain;
    this.dBody = (0.9 * lvl - this.gBody) / 32;
    this.dWh = (this.whistle * 0.22 * lvl * speed - this.gWh) / 32;
    this.dRum = (1.6 * lvl - this.gRum) / 32;
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const z = this.z;
    const cA = this.cBodyA;
    const cB = this.cBodyB;
    const wA = this.cWhA;
    const wB = this.cWhB;
    const a1 = cA[0] as number;
    const a2 = cA[1] as number;
    const a3 = cA[2] as number;
    const b1 = cB[0] as number;
    const b2 = cB[1] as number;
    const b3 = cB[2] as number;
    const w1 = wA[0] as number;
    const w2 = wA[1] as number;
    const w3 = wA[2] as number;
    const x1 = wB[0] as number;
    const x2 = wB[1] as number;
    const x3 = wB[2] as number;
    let i1 = z[0] as number;
    let i2 = z[1] as number;
    let j1 = z[2] as number;
    let j2 = z[3] as number;
    let k1 = z[4] as number;
    let k2 = z[5] as number;
    let l1 = z[6] as number;
    let l2 = z[7] as number;
    let rA = z[8] as number;
    let rB = z[9] as number;
    let rA2 = z[10] as number;
    let rB2 = z[11] as number;
    const noise = this.noise;
    noise.fill(n);
    const noiseA = noise.a;
    const noiseB = noise.b;
    let gB = this.gBody;
    let gW = this.gWh;
    let gR = this.gRum;
    const dB = this.dBody;
    const dW = this.dWh;
    const dR = this.dRum;
    const rk = this.rumK;
    let nbPrev = this.nbPrev;
    for (let i = start; i < start + n; i++) {
      const na = noiseA[i - start] as number;
      const nb = noiseB[i - start] as number;
      // Body band-pass (SVF) per channel.
      let v3 = na - i2;
      let v1 = a1 * i1 + a2 * v3;
      let v2 = i2 + a2 * i1 + a3 * v3;
      i1 = 2 * v1 - i1;
      i2 = 2 * v2 - i2;
      const bodyA = v1;
      v3 = nb - j2;
      v1 = b1 * j1 + b2 * v3;
      v2 = j2 + b2 * j1 + b3 * v3;
      j1 = 2 * v1 - j1;
      j2 = 2 * v2 - j2;
      const bodyB = v1;
      // Whistle: narrow band-pass of the same noise.
      v3 = na - k2;
      v1 = w1 * k1 + w2 * v3;
      v2 = k2 + w2 * k1 + w3 * v3;
      k1 = 2 * v1 - k1;
      k2 = 2 * v2 - k2;
      const whA = v1;
      v3 = nb - l2;
      v1 = x1 * l1 + x2 * v3;
      v2 = l2 + x2 * l1 + x3 * v3;
      l1 = 2 * v1 - l1;
      l2 = 2 * v2 - l2;
      const whB = v1;
      // Rumble: two one-pole low-passes at 120 Hz of noise uncorrelated with the body's. Fed
      // the body's own noise, the low-pass (lagging) and the band-pass (leading, below its
      // centre) met in antiphase near 215 Hz and cut an 18 dB notch there. The products
      // na·nb and na·nb[−1] are white, uncorrelated with na, nb and each other (√3 restores
      // a uniform's level).
      const ra = na * nb * 1.7320508;
      const rb = na * nbPrev * 1.7320508;
      nbPrev = nb;
      rA += rk * (ra - rA);
      rA2 += rk * (rA - rA2);
      rB += rk * (rb - rB);
      rB2 += rk * (rB - rB2);
      gB += dB;
      gW += dW;
      gR += dR;
      a[i] = bodyA * gB + whA * gW + rA2 * gR;
      b[i] = bodyB * gB + whB * gW + rB2 * gR;
    }
    z[0] = i1;
    z[1] = i2;
    z[2] = j1;
    z[3] = j2;
    z[4] = k1;
    z[5] = k2;
    z[6] = l1;
    z[7] = l2;
    z[8] = rA;
    z[9] = rB;
    z[10] = rA2;
    z[11] = rB2;
    this.gBody = gB;
    this.gWh = gW;
    this.gRum = gR;
    this.nbPrev = nbPrev;
    this.subsonic.run(a, b, start, n);
    this.presence.run(a, b, start, n);
  }
}

export const wind: GeneratorDef = {
  id: "wind",
  label: "Wind",
  description: "Soft wind around the house, rising and falling in gusts, with an optional faint whistle.",
  category: "bed",
  channels: 2,
  calibrationDb: -6.1,
  params: [
    {
      name: "strength",
      label: "Strength",
      min: 0,
      max: 1,
      default: 0.5,
      description: "Breeze to a strong wind.",
    },
    {
      name: "gustiness",
      label: "Gustiness",
      min: 0,
      max: 1,
      default: 0.5,
      description: "Steady air or restless gusts.",
    },
    {
      name: "whistle",
      label: "Whistle",
      min: 0,
      max: 1,
      default: 0.25,
      description: "A faint whistle through gaps.",
    },
    {
      name: "variation",
      label: "Variation",
      min: 0,
      max: 1,
      default: 0.5,
      description: "How much the wind changes over minutes.",
    },
  ],
  create: (sampleRate, seed) => new WindVoice(sampleRate, seed),
};
