/**
 * Shared kernel of the white, pink and brown noise beds: two decorrelated seeded noise
 * streams (stereo width), coloured (Kellet pink filter, leaky-integrator brown), a soft
 * 12 dB/oct high-cut ("tone"), a slow random swell, and variation that lets tone and level
 * wander over minutes. Continuous generation: nothing loops.
 */
import { CONTROL_STEP, ControlRateVoice, clampTo, glide, glideCoef } from "../dsp/control-voice";
import { StereoNoise } from "../dsp/stereo-noise";
import { Subsonic } from "../dsp/subsonic";
import { Wander } from "../dsp/wander";
import type { GeneratorDef, ParamSpec } from "../generator";
import { Rng } from "../rng";
import { Presence } from "./presence";

export type NoiseColour = "white" | "pink" | "brown";

const TWO_PI = Math.PI * 2;

function params(toneDefault: number): readonly ParamSpec[] {
  return [
    {
      name: "tone",
      label: "Tone",
      min: 0,
      max: 1,
      default: toneDefault,
      description: "High-cut: 0 is dark and muffled (≈500 Hz), 1 is fully open.",
    },
    {
      name: "swell",
      label: "Swell",
      min: 0,
      max: 1,
      default: 0.2,
      description: "Slow breathing of the level, like distant air or surf.",
    },
    {
      name: "width",
      label: "Width",
      min: 0,
      max: 1,
      default: 0.8,
      description: "Stereo width: 0 is one mono source, 1 two independent channels.",
    },
    {
      name: "variation",
      label: "Variation",
      min: 0,
      max: 1,
      default: 0.4,
      description: "How much tone and level drift over minutes.",
    },
  ];
}

/** Tone 0–1 → cutoff in Hz (500 Hz … 20 kHz, exponential). */
function toneToHz(tone: number): number {
  return 500 * 40 ** tone;
}

class NoiseVoice extends ControlRateVoice {
  private readonly colour: NoiseColour;
  private readonly noise: StereoNoise;
  // Targets and smoothed values.
  private tone = 0;
  private toneT = 0;
  private swell = 0.2;
  private swellT = 0.2;
  private width = 0.8;
  private widthT = 0.8;
  private variation = 0.4;
  private variationT = 0.4;
  private readonly k: number;
  private readonly slowTone: Wander;
  private readonly slowLevel: Wander;
  private readonly swellW: Wander;
  // Filter states: pink (7 per channel), brown, dc blocker, high-cut biquad.
  private readonly pink = new Float64Array(14);
  private br1 = 0;
  private br2 = 0;
  private dc1 = 0;
  private dc2 = 0;
  private readonly lp = new Float64Array(8);
  private c0 = 1;
  private c1 = 0;
  private c2 = 0;
  private c3 = 0;
  private c4 = 0;
  private gain = 1;
  private gainStep = 0;
  private mixA = 1;
  private mixB = 0;
  private readonly brownLeak: number;
  private readonly dcCoef: number;
  private lastCut = -1;
  /** Pink and brown: under 20 Hz out (dsp/subsonic.ts); white has nothing there to remove. */
  private readonly subsonic: Subsonic | null;
  /** The near ear's lift the equalised head model no longer gives (presence.ts). */
  private readonly presence: Presence;

  constructor(sampleRate: number, seed: number, colour: NoiseColour, toneDefault: number) {
    super(sampleRate);
    this.colour = colour;
    this.subsonic = colour === "white" ? null : new Subsonic(sampleRate);
    this.presence = new Presence(sampleRate);
    const rng = new Rng(seed);
    this.noise = new StereoNoise(rng);
    this.tone = this.toneT = toneDefault;
    this.k = glideCoef(sampleRate, 0.08);
    this.slowTone = new Wander(new Rng(rng.fork(1)), 25, 90, this.dt);
    this.slowLevel = new Wander(new Rng(rng.fork(2)), 20, 70, this.dt);
    this.swellW = new Wander(new Rng(rng.fork(3)), 3, 11, this.dt);
    this.brownLeak = Math.exp((-TWO_PI * 5) / sampleRate);
    this.dcCoef = Math.exp((-TWO_PI * 10) / sampleRate);
    this.control();
    this.gain += this.gainStep * CONTROL_STEP;
    this.gainStep = 0;
  }

  setParam(name: string, value: number): void {
    const v = clampTo(value, 0, 1);
    if (name === "tone") this.toneT = v;
    else if (name === "swell") this.swellT = v;
    else if (name === "width") this.widthT = v;
    else if (name === "variation") this.variationT = v;
  }

  protected control(): void {
    this.subsonic?.flush();
    this.presence.flush();
    const k = this.k;
    this.tone = glide(this.tone, this.toneT, k);
    this.swell = glide(this.swell, this.swellT, k);
    this.width = glide(this.width, this.widthT, k);
    this.variation = glide(this.variation, this.variationT, k);
    const v = this.variation;
    this.slowTone.step();
    this.slowLevel.step();
    this.swellW.step();
    const tone = clampTo(this.tone + 0.09 * v * this.slowTone.value, 0, 1);
    const levelDb = 1.5 * v * this.slowLevel.value + 2.5 * this.swell * this.swellW.value;
    const cut = Math.min(toneToHz(tone), this.sampleRate * 0.45);
    if (Math.abs(cut - this.lastCut) > 0.5) {
      this.lastCut = cut;
      const w = (TWO_PI * cut) / this.sampleRate;
      const cos = Math.cos(w);
      const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
      const a0 = 1 + alpha;
      this.c0 = (1 - cos) / 2 / a0;
      this.c1 = (1 - cos) / a0;
      this.c2 = this.c0;
      this.c3 = (-2 * cos) / a0;
      this.c4 = (1 - alpha) / a0;
    }
    const target = 10 ** (levelDb / 20);
    this.gainStep = (target - this.gain) / CONTROL_STEP;
    const w = this.width;
    // Channel b = (1−w)·a + w·independent, normalised to equal power.
    const norm = 1 / Math.sqrt((1 - w) * (1 - w) + w * w);
    this.mixA = (1 - w) * norm;
    this.mixB = w * norm;
  }

  protected render(a: Float32Array, b: Float32Array, start: number, n: number): void {
    const noise = this.noise;
    noise.fill(n);
    const na = noise.a;
    const nb = noise.b;
    const pk = this.pink;
    const lp = this.lp;
    const c0 = this.c0;
    const c1 = this.c1;
    const c2 = this.c2;
    const c3 = this.c3;
    const c4 = this.c4;
    let gain = this.gain;
    const gs = this.gainStep;
    const ma = this.mixA;
    const mb = this.mixB;
    const colour = this.colour;
    const leak = this.brownLeak;
    const dcc = this.dcCoef;
    let br1 = this.br1;
    let br2 = this.br2;
    let dc1 = this.dc1;
    let dc2 = this.dc2;
    // Pink filter states in locals (Kellet), channel a then b.
    let a0 = pk[0] as number;
    let a1 = pk[1] as number;
    let a2 = pk[2] as number;
    let a3 = pk[3] as number;
    let a4 = pk[4] as number;
    let a5 = pk[5] as number;
    let a6 = pk[6] as number;
    let e0 = pk[7] as number;
    let e1 = pk[8] as number;
    let e2 = pk[9] as number;
    let e3 = pk[10] as number;
    let e4 = pk[11] as number;
    let e5 = pk[12] as number;
    let e6 = pk[13] as number;
    let z1a = lp[0] as number;
    let z2a = lp[1] as number;
    let z1b = lp[2] as number;
    let z2b = lp[3] as number;
    for (let i = start; i < start + n; i++) {
      let x = na[i - start] as number;
      let y = nb[i - start] as number;
      if (colour === "pink") {
        a0 = 0.99886 * a0 + x * 0.0555179;
        a1 = 0.99332 * a1 + x * 0.0750759;
        a2 = 0.969 * a2 + x * 0.153852;
        a3 = 0.8665 * a3 + x * 0.3104856;
        a4 = 0.55 * a4 + x * 0.5329522;
        a5 = -0.7616 * a5 - x * 0.016898;
        const px = (a0 + a1 + a2 + a3 + a4 + a5 + a6 + x * 0.5362) * 0.11;
        a6 = x * 0.115926;
        e0 = 0.99886 * e0 + y * 0.0555179;
        e1 = 0.99332 * e1 + y * 0.0750759;
        e2 = 0.969 * e2 + y * 0.153852;
        e3 = 0.8665 * e3 + y * 0.3104856;
        e4 = 0.55 * e4 + y * 0.5329522;
        e5 = -0.7616 * e5 - y * 0.016898;
        const py = (e0 + e1 + e2 + e3 + e4 + e5 + e6 + y * 0.5362) * 0.11;
        e6 = y * 0.115926;
        x = px;
        y = py;
      } else if (colour === "brown") {
        br1 = br1 * leak + x * 0.05;
        br2 = br2 * leak + y * 0.05;
        // DC blocker (one-pole high-pass at 10 Hz).
        dc1 = dc1 * dcc + br1 * (1 - dcc);
        dc2 = dc2 * dcc + br2 * (1 - dcc);
        x = br1 - dc1;
        y = br2 - dc2;
      }
      const yb = ma * x + mb * y;
      const oa = c0 * x + z1a;
      z1a = c1 * x - c3 * oa + z2a;
      z2a = c2 * x - c4 * oa;
      const ob = c0 * yb + z1b;
      z1b = c1 * yb - c3 * ob + z2b;
      z2b = c2 * yb - c4 * ob;
      gain += gs;
      a[i] = oa * gain;
      b[i] = ob * gain;
    }
    this.br1 = br1;
    this.br2 = br2;
    this.dc1 = dc1;
    this.dc2 = dc2;
    pk[0] = a0;
    pk[1] = a1;
    pk[2] = a2;
    pk[3] = a3;
    pk[4] = a4;
    pk[5] = a5;
    pk[6] = a6;
    pk[7] = e0;
    pk[8] = e1;
    pk[9] = e2;
    pk[10] = e3;
    pk[11] = e4;
    pk[12] = e5;
    pk[13] = e6;
    lp[0] = z1a;
    lp[1] = z2a;
    lp[2] = z1b;
    lp[3] = z2b;
    this.gain = gain;
    this.subsonic?.run(a, b, start, n);
    this.presence.run(a, b, start, n);
  }
}

export function makeNoiseDef(opts: {
  id: string;
  label: string;
  description: string;
  colour: NoiseColour;
  toneDefault: number;
  calibrationDb: number;
}): GeneratorDef {
  return {
    id: opts.id,
    label: opts.label,
    description: opts.description,
    category: "bed",
    params: params(opts.toneDefault),
    channels: 2,
    calibrationDb: opts.calibrationDb,
    create: (sampleRate, seed) => new NoiseVoice(sampleRate, seed, opts.colour, opts.toneDefault),
  };
}
