/**
 * Hair brushing: strokes of 1–2 s with a soft attack, each made of thousands of bristle
 * micro-collisions (PhISEM, Cook: every collision adds energy to a decaying "sound level"
 * that scales noise; the noise rings through low-Q resonators around 3–6 kHz that are
 * retuned at random as collisions happen). A low, soft swish of the hair strands sits under
 * the bristles. Collision rate and energy follow the stroke's speed and the pressure.
 */

import { Drift, softClipBlock } from "../dsp/envelope";
import { OnePole } from "../dsp/one-pole";
import { SmoothedParams } from "../dsp/params";
import { SVF_F, SVF_Q, Svf } from "../dsp/svf";
import type { GeneratorDef, GeneratorVoice, ParamSpec } from "../generator";
import { Rng } from "../rng";

const PARAMS: readonly ParamSpec[] = [
  {
    name: "rate",
    label: "Strokes",
    min: 0,
    max: 40,
    default: 14,
    unit: "/min",
    description: "Brush strokes per minute; 0 = strokes only when triggered.",
  },
  {
    name: "pressure",
    label: "Pressure",
    min: 0,
    max: 1,
    default: 0.5,
    description: "How firmly the brush is drawn: denser, fuller bristle sound.",
  },
  {
    name: "bristle",
    label: "Bristles",
    min: 0,
    max: 1,
    default: 0.45,
    description: "0 = soft natural bristles (darker), 1 = stiff synthetic bristles (brighter).",
  },
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0.35,
    description: "How much stroke pace, pressure and brush wander over minutes.",
  },
];
const P_RATE = 0;
const P_PRESSURE = 1;
const P_BRISTLE = 2;
const P_VARIATION = 3;

const CONTROL = 32;
const RESONATORS = 3;
const OUT_GAIN = 0.088;

class HairBrushingVoice implements GeneratorVoice {
  private readonly rng: Rng;
  private readonly params: SmoothedParams;
  private readonly res: Svf[] = [];
  private readonly resBase = new Float64Array(RESONATORS);
  // per-chunk scratch (one control interval at most)
  private readonly noise = new Float64Array(CONTROL);
  private readonly drive = new Float64Array(CONTROL);
  private readonly swishEnv = new Float64Array(CONTROL);
  private readonly bristles = new Float64Array(CONTROL);
  private readonly air = new Float64Array(CONTROL);
  /** Nothing sounding and nothing about to: skip the filters for this control interval. */
  private idle = true;
  private readonly swish: Svf;
  private readonly lp1: OnePole;
  private readonly lp2: OnePole;
  private readonly dc: OnePole;
  private readonly paceDrift: Drift;
  private readonly pressDrift: Drift;
  private readonly brushDrift: Drift;
  private phase = 0;
  // stroke state (in samples)
  private strokeAt = 0;
  private strokeLen = 0;
  private strokeAmp = 0;
  private strokeShape = 0.7;
  private untilNext = 0;
  // per control tick
  private collisionProb = 0;
  private collisionEnergy = 0;
  private soundDecay = 0.96;
  private swishLevel = 0;
  private swishCur = 0;
  // PhISEM state
  private level = 0;
  /** Irregularity of the hair under the brush (tangles, partings), a fast random walk. */
  private texture = 0;

  constructor(
    private readonly sampleRate: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    this.rng = rng;
    this.params = new SmoothedParams(PARAMS, sampleRate, CONTROL, 0.1);
    for (let i = 0; i < RESONATORS; i++) {
      this.res.push(new Svf(sampleRate));
      this.resBase[i] = [0.75, 1, 1.35][i] as number;
    }
    this.swish = new Svf(sampleRate).set(900, 0.6);
    this.lp1 = new OnePole(sampleRate).setCutoff(7000);
    this.lp2 = new OnePole(sampleRate).setCutoff(11000);
    this.dc = new OnePole(sampleRate).setCutoff(60);
    this.paceDrift = new Drift(new Rng(rng.fork(1)), sampleRate, 20, 80);
    this.pressDrift = new Drift(new Rng(rng.fork(2)), sampleRate, 25, 100);
    this.brushDrift = new Drift(new Rng(rng.fork(3)), sampleRate, 40, 150);
    this.untilNext = Math.round(rng.range(0.1, 1.5) * sampleRate);
  }

  setParam(name: string, value: number): void {
    this.params.set(name, value);
  }

  /** One brush stroke. */
  trigger(strength: number): void {
    this.startStroke(this.rng.range(1, 1.6), 0.5 + 0.5 * Math.min(1, Math.max(0, strength)));
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const rng = this.rng;
    const { noise, drive, swishEnv, bristles, air } = this;
    const end = offset + frames;
    let i = offset;
    while (i < end) {
      if (this.phase === 0) this.control();
      const n = Math.min(CONTROL - this.phase, end - i);
      bristles.fill(0, 0, n);
      air.fill(0, 0, n);
      if (!this.idle) {
        // 1. PhISEM: collisions add energy to a decaying sound level that scales the noise
        const decay = this.soundDecay;
        for (let k = 0; k < n; k++) {
          const x = rng.signed();
          if (this.collisionProb > 0 && rng.float() < this.collisionProb) {
            this.level += this.collisionEnergy * (0.3 + rng.float());
          }
          this.swishCur += 0.004 * (this.swishLevel - this.swishCur);
          noise[k] = x;
          drive[k] = this.level * x;
          swishEnv[k] = this.swishCur;
          this.level *= decay;
        }
        // 2. bristle resonators and the hair swish, block by block
        (this.res[0] as Svf).runBand(drive, bristles, n, 1);
        (this.res[1] as Svf).runBand(drive, bristles, n, 0.8);
        (this.res[2] as Svf).runBand(drive, bristles, n, 0.5);
        this.swish.runBand(noise, air, n, 1);
      }
      // 3. soft top, DC
      for (let k = 0; k < n; k++) {
        const y = (bristles[k] as number) + (swishEnv[k] as number) * (air[k] as number);
        a[i + k] = y;
      }
      this.lp1.lowpassBlock(a, i, n);
      this.lp2.lowpassBlock(a, i, n);
      this.dc.highpassBlock(a, i, n);
      softClipBlock(a, i, n, OUT_GAIN);
      this.untilNext -= n;
      this.phase = (this.phase + n) % CONTROL;
      i += n;
    }
  }

  private control(): void {
    const p = this.params;
    if (this.untilNext <= 0) this.autoStroke();
    p.tick();
    this.paceDrift.advance(CONTROL);
    this.pressDrift.advance(CONTROL);
    this.brushDrift.advance(CONTROL);
    const variation = p.get(P_VARIATION);
    const pressure = Math.min(1, Math.max(0, p.get(P_PRESSURE) + 0.12 * variation * this.pressDrift.value));
    const bristle = Math.min(1, Math.max(0, p.get(P_BRISTLE) + 0.2 * variation * this.brushDrift.value));
    // stroke speed profile: soft attack (raised cosine), gentle glide, softer release
    let v = 0;
    if (this.strokeLen > 0) {
      this.strokeAt += CONTROL;
      const x = this.strokeAt / this.strokeLen;
      if (x >= 1) this.strokeLen = 0;
      else v = this.strokeAmp * Math.sin(Math.PI * x ** this.strokeShape) ** 0.6;
    }
    // PhISEM: many bristles → collision probability per sample and energy per collision
    this.texture = 0.9 * this.texture + 0.1 * this.rng.signed();
    this.collisionProb = v * (0.05 + 0.25 * pressure) * (1.2 - 0.6 * bristle) * (1 + 2.5 * this.texture);
    this.collisionEnergy = v * v * (0.4 + 0.8 * pressure) * (0.6 + 0.8 * bristle);
    this.soundDecay = 0.93 + 0.04 * bristle;
    this.swishLevel = 0.6 * v * (0.4 + pressure) * (1.1 - 0.6 * bristle);
    this.idle =
      this.collisionProb === 0 && this.swishLevel === 0 && this.level < 1e-7 && this.swishCur < 1e-7;
    if (this.idle) return;
    // resonators: centre 3–6 kHz by bristle stiffness, retuned at random (PhISEM freq_rand)
    const centre = 3000 + 3000 * bristle;
    for (let i = 0; i < RESONATORS; i++) {
      const f = centre * (this.resBase[i] as number) * (1 + 0.12 * this.rng.signed());
      const res = this.res[i] as Svf;
      res.design[SVF_F] = f;
      res.design[SVF_Q] = 1.2 + 0.8 * bristle;
      res.retune();
    }
  }

  private autoStroke(): void {
    const sr = this.sampleRate;
    const p = this.params;
    const rate = p.get(P_RATE);
    if (rate < 0.2 || (p.target[P_RATE] as number) < 0.2) {
      this.untilNext = Math.round(0.05 * sr);
      return;
    }
    const variation = p.get(P_VARIATION);
    const perMin = rate * Math.exp(0.3 * variation * this.paceDrift.value);
    const period = 60 / perMin;
    const len = Math.min(2, Math.max(1, 0.6 * period)) * this.rng.range(0.85, 1.15);
    this.startStroke(len, this.rng.range(0.88, 1));
    // strokes come in loose groups: sometimes a quick follow-up, sometimes a longer rest
    const r = this.rng.float();
    let gap = period * Math.exp(0.35 * this.rng.gauss());
    if (r < 0.15) gap = len + this.rng.range(0.2, 0.6);
    else if (r < 0.25) gap += this.rng.range(2, 6);
    this.untilNext = Math.max(1, Math.round(Math.max(gap, len + 0.1) * sr));
  }

  private startStroke(seconds: number, amp: number): void {
    this.strokeAt = 0;
    this.strokeLen = Math.max(CONTROL, Math.round(seconds * this.sampleRate));
    this.strokeAmp = amp;
    // attack/release asymmetry: shape < 1 = quicker rise, > 1 = slower rise
    this.strokeShape = this.rng.range(0.75, 1.25);
  }
}

export const hairBrushing: GeneratorDef = {
  id: "hair-brushing",
  label: "Hair brushing",
  description: "Slow strokes of a hairbrush: a soft rush of countless bristles through hair.",
  category: "trigger",
  params: PARAMS,
  channels: 1,
  calibrationDb: 0.3,
  triggerParams: { rate: 0 },
  create: (sampleRate, seed) => new HairBrushingVoice(sampleRate, seed),
};
