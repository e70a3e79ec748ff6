/**
 * Hair brushing: strokes of varied length and direction (quick flicks of 0.3–0.6 s, medium
 * strokes, long pulls of 1.5–2.8 s through the hair; down strokes start firm at the scalp and
 * thin out towards the tips, up strokes the other way), each made of two bristle layers:
 * - the rush: thousands of overlapping collisions (PhISEM, Cook: every collision adds energy
 *   to a decaying "sound level" that scales noise, rung through low-Q resonators around
 *   3–6 kHz that are retuned at random as collisions happen);
 * - the crackle: hundreds of separate bristle micro-collisions per second, each a broadband
 *   burst of 0.05–0.25 ms with a heavy-tailed level (many tiny ticks, a few louder snaps),
 *   denser and brighter with speed and pressure, bunching where the brush meets a tangle.
 * A contact transient (dsp/contact.ts) marks the bristles landing in the hair, and a low, soft
 * swish of the strands sits under it all.
 */

import {
  ContactTransient,
  CT_BOUNCE_MS,
  CT_BOUNCE_RATIO,
  CT_BOUNCES,
  CT_DECAY_MS,
  CT_LEVEL,
  CT_Q,
  CT_TONE_HZ,
} from "../dsp/contact";
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
/** Level of the dense rush relative to the separate crackles. */
const RUSH = 0.35;
/** Level of the crackle layer. */
const CRACKLE = 8;

class HairBrushingVoice implements GeneratorVoice {
  private readonly rng: Rng;
  /** The crackle's own generator (it runs in its own loop, chunk by chunk: a shared one would
   * interleave differently with the host's block size). */
  private readonly crackRng: Rng;
  /** The strokes' own generator: the same strokes whatever the sound parameters do. */
  private readonly strokeRng: Rng;
  private readonly params: SmoothedParams;
  private readonly res: Svf[] = [];
  private readonly resBase = new Float64Array(RESONATORS);
  // per-chunk scratch (one control interval at most)
  private readonly noise = new Float64Array(CONTROL);
  private readonly drive = new Float64Array(CONTROL);
  private readonly swishEnv = new Float64Array(CONTROL);
  private readonly bristles = new Float64Array(CONTROL);
  private readonly air = new Float64Array(CONTROL);
  private readonly crackle = new Float32Array(CONTROL);
  /**
   * The landing contact for the current control interval, rendered whole at its start: the
   * contact's own bookkeeping (when it falls silent and stops drawing noise) then sees the same
   * 32-sample steps whatever the host's block size.
   */
  private readonly landing = new Float32Array(CONTROL);
  /** Nothing sounding and nothing about to: skip the filters for this control interval. */
  private idle = true;
  private readonly swish: Svf;
  private readonly lp1: OnePole;
  private readonly lp2: OnePole;
  private readonly dc: OnePole;
  private readonly crackHp: OnePole;
  private readonly crackLp: OnePole;
  private readonly contact: ContactTransient;
  private readonly paceDrift: Drift;
  private readonly pressDrift: Drift;
  private readonly brushDrift: Drift;
  private phase = 0;
  // stroke state (in samples)
  private strokeAt = 0;
  private strokeLen = 0;
  private strokeAmp = 0;
  private strokeShape = 0.7;
  /** Pressure multiplier at the start and end of the stroke (direction through the hair). */
  private pressFrom = 1;
  private pressTo = 1;
  private untilNext = 0;
  /** Output make-up for the wandering part of the pressure. */
  private makeup = 1;
  private landed = false;
  // per control tick
  private collisionProb = 0;
  private collisionEnergy = 0;
  private soundDecay = 0.96;
  private swishLevel = 0;
  private swishCur = 0;
  private crackProb = 0;
  /** `crackProb` as a signed 32-bit threshold: a collision when `nextI32() < threshold`. */
  private crackThreshold = -2147483648;
  private crackAmp = 0;
  private crackDecay = 0.5;
  /** Overlapping snaps saturate (bristles bend): keeps the loudest peaks in reach. */
  private crackCap = 0;
  // PhISEM state
  private level = 0;
  private crackEnv = 0;
  /** Irregularity of the hair under the brush (tangles, partings), a fast random walk. */
  private texture = 0;
  /** A tangle under the brush: bunches the crackle for a few tens of ms. */
  private snag = 0;

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
    this.crackHp = new OnePole(sampleRate).setCutoff(1200);
    this.crackLp = new OnePole(sampleRate).setCutoff(9000);
    this.crackRng = new Rng(rng.fork(5));
    this.strokeRng = new Rng(rng.fork(6));
    this.contact = new ContactTransient(sampleRate, new Rng(rng.fork(4)));
    const c = this.contact.shape;
    c[CT_DECAY_MS] = 0.15;
    c[CT_Q] = 0.6;
    c[CT_BOUNCES] = 5;
    c[CT_BOUNCE_MS] = 3;
    c[CT_BOUNCE_RATIO] = 0.75;
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
    this.startStroke(this.strokeRng.range(1, 1.6), 0.5 + 0.5 * Math.min(1, Math.max(0, strength)), true);
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const rng = this.rng;
    const { noise, drive, swishEnv, bristles, air, crackle } = this;
    const end = offset + frames;
    let i = offset;
    while (i < end) {
      if (this.phase === 0) this.control();
      const n = Math.min(CONTROL - this.phase, end - i);
      bristles.fill(0, 0, n);
      air.fill(0, 0, n);
      crackle.fill(0, 0, n);
      if (!this.idle) {
        // 1. PhISEM: collisions add energy to a decaying sound level that scales the noise;
        //    separate micro-collisions add short, heavy-tailed bursts (the crackle)
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
        this.crackleBlock(n);
        // 2. bristle resonators and the hair swish, block by block
        (this.res[0] as Svf).runBand(drive, bristles, n, RUSH);
        (this.res[1] as Svf).runBand(drive, bristles, n, 0.8 * RUSH);
        (this.res[2] as Svf).runBand(drive, bristles, n, 0.5 * RUSH);
        this.swish.runBand(noise, air, n, 1);
      }
      this.crackHp.highpassBlock(crackle, 0, n);
      this.crackLp.lowpassBlock(crackle, 0, n);
      const landing = this.landing;
      for (let k = 0; k < n; k++) crackle[k] = (crackle[k] as number) + (landing[this.phase + k] as number);
      // 3. soft top, DC
      for (let k = 0; k < n; k++) {
        const y = (bristles[k] as number) + (swishEnv[k] as number) * (air[k] as number);
        a[i + k] = y;
      }
      this.lp1.lowpassBlock(a, i, n);
      for (let k = 0; k < n; k++) a[i + k] = (a[i + k] as number) + CRACKLE * (crackle[k] as number);
      this.lp2.lowpassBlock(a, i, n);
      this.dc.highpassBlock(a, i, n);
      softClipBlock(a, i, n, OUT_GAIN * this.makeup);
      this.untilNext -= n;
      this.phase = (this.phase + n) % CONTROL;
      i += n;
    }
  }

  /**
   * The crackle for one chunk into `crackle`: separate micro-collisions, each a short burst of
   * noise with a heavy-tailed level (u³: many tiny ticks, a few louder snaps). Its own small
   * loop with integer random tests, so V8 inlines the generator calls and boxes nothing.
   */
  private crackleBlock(n: number): void {
    const rng = this.crackRng;
    const crackle = this.crackle;
    const decay = this.crackDecay;
    const amp = this.crackAmp;
    const cap = this.crackCap;
    const threshold = this.crackThreshold;
    let env = this.crackEnv;
    for (let k = 0; k < n; k++) {
      if (rng.nextI32() < threshold) {
        const u = (rng.nextI32() >>> 0) / 4294967296;
        env = Math.min(env + amp * u * u * u, cap);
      }
      crackle[k] = env * ((rng.nextI32() >>> 0) / 2147483648 - 1);
      env *= decay;
    }
    this.crackEnv = env;
  }

  private control(): void {
    const p = this.params;
    if (this.untilNext <= 0) this.autoStroke();
    p.tick();
    this.paceDrift.advance(CONTROL);
    this.pressDrift.advance(CONTROL);
    this.brushDrift.advance(CONTROL);
    const variation = p.get(P_VARIATION);
    const bristle = Math.min(1, Math.max(0, p.get(P_BRISTLE) + 0.2 * variation * this.brushDrift.value));
    // stroke speed profile: soft attack (raised cosine), gentle glide, softer release;
    // pressure moves from the stroke's start to its end (firm at the scalp, light at the tips)
    let v = 0;
    let press = 1;
    if (this.strokeLen > 0) {
      this.strokeAt += CONTROL;
      const x = this.strokeAt / this.strokeLen;
      if (x >= 1) this.strokeLen = 0;
      else {
        v = this.strokeAmp * Math.sin(Math.PI * x ** this.strokeShape) ** 0.6;
        press = this.pressFrom + (this.pressTo - this.pressFrom) * x;
      }
    }
    const wander = 0.12 * variation * this.pressDrift.value;
    const pressure = Math.min(1, Math.max(0, press * (p.get(P_PRESSURE) + wander)));
    // the wander changes the bristles' density and bite, not the level: pressure adds ≈ 18 dB
    // per unit, so the wandering part is made up (keeps a minute's loudness within ±1 LU by seed)
    this.makeup = Math.exp(-2 * wander);
    if (v > 0.3 && !this.landed) this.land(pressure, bristle);
    this.landing.fill(0);
    this.contact.addTo(this.landing, 0, CONTROL);
    // PhISEM: many bristles → collision probability per sample and energy per collision
    this.texture = 0.9 * this.texture + 0.1 * this.rng.signed();
    // (an integer test: a float() here would be boxed, control is too big for V8 to inline it)
    if (v > 0.2 && this.rng.nextI32() < 0.004 * press * 4294967296 - 2147483648) this.snag = 1;
    this.snag *= 0.93;
    this.collisionProb = v * (0.05 + 0.25 * pressure) * (1.2 - 0.6 * bristle) * (1 + 2.5 * this.texture);
    this.collisionEnergy = v * v * (0.4 + 0.8 * pressure) * (0.6 + 0.8 * bristle);
    this.soundDecay = 0.93 + 0.04 * bristle;
    this.swishLevel = 0.4 * v * (0.4 + pressure) * (1.1 - 0.6 * bristle);
    // crackle: ≈ 150–1100 micro-collisions/s at full speed by pressure, more in a tangle;
    // faster strokes snap shorter (brighter); stiff bristles are brighter too
    this.crackProb = v * (0.003 + 0.02 * pressure) * (1 + 1.5 * Math.max(0, this.texture) + 4 * this.snag);
    this.crackThreshold = Math.min(1, this.crackProb) * 4294967296 - 2147483648;
    this.crackAmp = v * (0.35 + 0.9 * pressure) * (0.7 + 0.6 * bristle) * (1 + this.snag);
    this.crackCap = 0.45 * this.crackAmp;
    const tauMs = (0.25 - 0.12 * bristle) * (1.2 - 0.5 * Math.min(1, v)) * (1.15 - 0.4 * pressure);
    this.crackDecay = Math.exp(-1000 / (tauMs * this.sampleRate));
    this.idle =
      this.collisionProb === 0 &&
      this.crackProb === 0 &&
      this.swishLevel === 0 &&
      this.level < 1e-7 &&
      this.crackEnv < 1e-7 &&
      this.swishCur < 1e-7;
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

  /** The bristles landing in the hair: a brief, bouncing contact burst. */
  private land(pressure: number, bristle: number): void {
    this.landed = true;
    const c = this.contact.shape;
    c[CT_LEVEL] = this.strokeAmp * (0.04 + 0.06 * pressure);
    c[CT_TONE_HZ] = 3500 + 3500 * bristle;
    this.contact.strike();
  }

  private autoStroke(): void {
    const sr = this.sampleRate;
    const p = this.params;
    const rng = this.strokeRng;
    const rate = p.get(P_RATE);
    if (rate < 0.2 || (p.target[P_RATE] as number) < 0.2) {
      this.untilNext = Math.round(0.05 * sr);
      return;
    }
    const variation = p.get(P_VARIATION);
    const perMin = rate * Math.exp(0.3 * variation * this.paceDrift.value);
    const period = 60 / perMin;
    // a mix of quick flicks, medium strokes and long pulls through the hair
    const kind = rng.float();
    let len = 0;
    if (kind < 0.35) len = rng.range(0.25, 0.55);
    else if (kind < 0.65) len = rng.range(0.7, 1.3);
    else len = rng.range(1.5, 2.8);
    len = Math.min(len, Math.max(0.3, 0.8 * period));
    // (levels even out the loudness of a minute whatever mix of strokes a seed draws:
    // a long pull fills more of each 400 ms loudness block than a flick does)
    const amp =
      kind < 0.35 ? rng.range(0.95, 1.05) : kind < 0.65 ? rng.range(0.88, 0.98) : rng.range(0.84, 0.92);
    this.startStroke(len, amp, rng.float() < 0.65);
    // strokes come in loose groups: sometimes a quick follow-up, sometimes a longer rest
    const r = rng.float();
    let gap = period * Math.exp(0.35 * rng.gauss());
    if (r < 0.2) gap = len + rng.range(0.15, 0.5);
    else if (r < 0.3) gap += rng.range(2, 6);
    this.untilNext = Math.max(1, Math.round(Math.max(gap, len + 0.1) * sr));
  }

  private startStroke(seconds: number, amp: number, down: boolean): void {
    this.strokeAt = 0;
    this.strokeLen = Math.max(CONTROL, Math.round(seconds * this.sampleRate));
    this.strokeAmp = amp;
    this.landed = false;
    // attack/release asymmetry: shape < 1 = quicker rise, > 1 = slower rise; a down stroke
    // lands firm at the scalp and thins out towards the tips, an up stroke builds
    this.strokeShape = down ? this.strokeRng.range(0.6, 0.9) : this.strokeRng.range(1, 1.4);
    this.pressFrom = down ? 1.2 : 0.7;
    this.pressTo = down ? 0.6 : 1.1;
  }
}

export const hairBrushing: GeneratorDef = {
  id: "hair-brushing",
  label: "Hair brushing",
  description: "Slow strokes of a hairbrush: a soft rush of countless bristles through hair.",
  category: "trigger",
  params: PARAMS,
  channels: 1,
  calibrationDb: 9.5,
  triggerParams: { rate: 0 },
  create: (sampleRate, seed) => new HairBrushingVoice(sampleRate, seed),
};
