/**
 * Pen on paper: handwriting. A writing process produces words (clusters of strokes whose pen
 * speed oscillates at the 4–6 Hz rhythm of handwriting, with brief lifts and pen-down ticks),
 * gaps between words and longer pauses at line ends. The sound is SDT-style scraping: a
 * surface-profile noise is scanned by a "ground trace" that decays in proportion to pen speed
 * and paper grain; every time the profile rises above it a bump is produced, scaled by force
 * and speed² (Rocchesso et al., SDT). The paper's fibres make the friction rough: the pen
 * scans a random fibre profile, so the friction noise is amplitude-modulated by a log-normal
 * texture whose rate follows the pen's speed (≈ 40–500 Hz), and the tip catches on fibres in
 * separate stick-slip ticks (0.1–0.2 ms bursts, denser on toothy paper and at speed). Each
 * touch-down is a broadband contact tick (dsp/contact.ts). All of it runs through a broad
 * pen-type tone filter (ballpoint: smooth and mid; pencil: grainy and bright; felt tip: soft
 * and dull). No body modes: a sheet on a desk is a dense, heavily damped plate, and fixed
 * paper and desk resonances read as tones (they stood out at 1.0 and 1.75 kHz).
 */

import { ContactTransient, CT_BOUNCES, CT_DECAY_MS, CT_LEVEL, CT_Q, CT_TONE_HZ } from "../dsp/contact";
import { Drift, softClipBlock } from "../dsp/envelope";
import { OnePole } from "../dsp/one-pole";
import { SmoothedParams } from "../dsp/params";
import { SVF_F, SVF_Q, Svf } from "../dsp/svf";
import type { GeneratorDef, GeneratorVoice, ParamSpec } from "../generator";
import { Rng } from "../rng";

const PARAMS: readonly ParamSpec[] = [
  {
    name: "pace",
    label: "Writing pace",
    min: 0,
    max: 1,
    default: 0.5,
    description: "How steadily and quickly words are written; 0 = strokes only when triggered.",
  },
  {
    name: "pressure",
    label: "Pressure",
    min: 0,
    max: 1,
    default: 0.5,
    description: "How hard the pen presses: louder, fuller strokes.",
  },
  {
    name: "grain",
    label: "Paper grain",
    min: 0,
    max: 1,
    default: 0.5,
    description: "0 = smooth coated paper, 1 = rough, toothy paper.",
  },
  {
    name: "pen",
    label: "Pen",
    min: 0,
    max: 2,
    default: 0,
    choices: ["ballpoint", "pencil", "felt tip"],
    description: "The writing tool; in-between values blend neighbours.",
  },
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0.35,
    description: "How much pace, pressure and handwriting wander over minutes.",
  },
];
const P_PACE = 0;
const P_PRESSURE = 1;
const P_GRAIN = 2;
const P_PEN = 3;
const P_VARIATION = 4;

const CONTROL = 32;
/** Level of the tip's stick-slip ticks (before the tone filter). */
const TICK_LEVEL = 0.3;
/** Level of the touch-down contact (after the tone filter). */
const CONTACT_LEVEL = 0.15;
const OUT_GAIN = 0.8;
// writing states
const REST = 0;
const WRITE = 1;
const LIFT = 2;

/** Pen types: tone-filter centre (Hz) and Q, friction-noise share, bump (grain) share. */
const PEN_TONE = [2400, 4800, 1300];
const PEN_Q = [0.9, 0.7, 0.6];
const PEN_NOISE = [0.25, 0.15, 0.45];
const PEN_BUMPS = [0.8, 1.3, 0.25];
const PEN_TONE_GAIN = [1.1, 1.8, 0.9];
/** Pen types: how rough the fibre texture sounds (modulation depth) and the tip's ticks. */
const PEN_ROUGH = [0.9, 1.2, 0.45];
const PEN_TICKS = [0.8, 0.2, 0.2];
/** Pen types: touch-down contact tone (Hz). */
const PEN_CONTACT = [4500, 6500, 2500];

/** Output level (roughly loudness-matched) and high-cut (Hz) per pen. */
const PEN_LEVEL = [1, 2.3, 0.5];
const PEN_CUT = [6500, 9000, 2600];

/** The pen tables blended per control tick, and their slots in the blend. */
const PEN_TABLES: readonly (readonly number[])[] = [
  PEN_BUMPS,
  PEN_NOISE,
  PEN_TONE_GAIN,
  PEN_LEVEL,
  PEN_CUT,
  PEN_TONE,
  PEN_Q,
  PEN_ROUGH,
  PEN_TICKS,
  PEN_CONTACT,
];
const B_BUMPS = 0;
const B_NOISE = 1;
const B_TONE_GAIN = 2;
const B_LEVEL = 3;
const B_CUT = 4;
const B_TONE = 5;
const B_Q = 6;
const B_ROUGH = 7;
const B_TICKS = 8;
const B_CONTACT = 9;

class PenOnPaperVoice implements GeneratorVoice {
  private readonly blend = new Float64Array(PEN_TABLES.length);
  private lastCut = -1;
  private readonly rng: Rng;
  private readonly params: SmoothedParams;
  private readonly tone: Svf;
  private readonly friction: OnePole;
  private readonly exHp: OnePole;
  private readonly dc: OnePole;
  private readonly lp: OnePole;
  private readonly acc = new Float64Array(CONTROL);
  /** Fibre texture (a gain around 1) and stick-slip ticks for the current chunk. */
  private readonly tex = new Float64Array(CONTROL);
  private readonly ticks = new Float64Array(CONTROL);
  /** The touch-down contact for the current control interval, rendered whole at its start. */
  private readonly landing = new Float32Array(CONTROL);
  private readonly contact: ContactTransient;
  /** The paper's own generator (texture, ticks): runs chunk by chunk in its own loop. */
  private readonly paperRng: Rng;
  /** The hand's generator (words, letters, lifts): the same writing whatever the parameters. */
  private readonly hand: Rng;
  private readonly paceDrift: Drift;
  private readonly pressDrift: Drift;
  private readonly handDrift: Drift;
  private phase = 0;
  // writing process (in control ticks)
  private state = REST;
  private stateLeft = 0;
  private lettersLeft = 0;
  private wordsLeft = 0;
  private oscPhase = 0;
  private oscRate = 5;
  private strokeAmp = 1;
  // per-sample smoothed drive
  private vTarget = 0;
  private v = 0;
  private force = 0;
  private ground = 0;
  private tapLeft = 0;
  private tapLen = 1;
  private tapAmp = 0;
  // per control tick
  private decayScale = 0;
  private noiseMix = 0;
  private bumpMix = 1;
  private toneGain = 0.6;
  private level = 1;
  // paper grain: texture (one-pole low-passed noise → log-normal gain) and ticks
  private texY = 0;
  private texK = 0;
  private texNorm = 1;
  private texDepth = 0;
  private texBias = 0;
  private tickThreshold = -2147483648;
  private tickAmp = 0;
  private tickDecay = 0.5;
  private tickEnv = 0;
  private contactTone = 4500;

  constructor(
    private readonly sampleRate: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    this.rng = rng;
    this.params = new SmoothedParams(PARAMS, sampleRate, CONTROL, 0.1);
    this.paperRng = new Rng(rng.fork(5));
    this.hand = new Rng(rng.fork(6));
    this.contact = new ContactTransient(sampleRate, new Rng(rng.fork(7)));
    const c = this.contact.shape;
    c[CT_DECAY_MS] = 0.12;
    c[CT_Q] = 0.7;
    c[CT_BOUNCES] = 0;
    this.tone = new Svf(sampleRate).set(2400, 0.9);
    this.friction = new OnePole(sampleRate).setCutoff(2500);
    this.exHp = new OnePole(sampleRate).setCutoff(250);
    this.dc = new OnePole(sampleRate).setCutoff(60);
    this.lp = new OnePole(sampleRate).setCutoff(7500);
    this.paceDrift = new Drift(new Rng(rng.fork(1)), sampleRate, 20, 80);
    this.pressDrift = new Drift(new Rng(rng.fork(2)), sampleRate, 25, 100);
    this.handDrift = new Drift(new Rng(rng.fork(3)), sampleRate, 40, 140);
    this.stateLeft = Math.round((rng.range(0.1, 1) * sampleRate) / CONTROL);
  }

  setParam(name: string, value: number): void {
    this.params.set(name, value);
  }

  /** One short stroke (a letter or two). */
  trigger(strength: number): void {
    const s = Math.min(1, Math.max(0, strength));
    this.state = WRITE;
    this.lettersLeft = 0;
    this.wordsLeft = Math.max(this.wordsLeft, 1);
    this.strokeAmp = 0.6 + 0.5 * s;
    this.oscPhase = 0;
    this.stateLeft = Math.round((this.hand.range(0.15, 0.35) * this.sampleRate) / CONTROL);
    this.penDown(0.5 * s);
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const rng = this.rng;
    const acc = this.acc;
    const tone = this.tone;
    const end = offset + frames;
    let i = offset;
    while (i < end) {
      if (this.phase === 0) this.control();
      const n = Math.min(CONTROL - this.phase, end - i);
      let v = this.v;
      let ground = this.ground;
      const vT = this.vTarget;
      const decayScale = this.decayScale;
      const force = this.force;
      const noiseMix = this.noiseMix;
      const bumpMix = this.bumpMix;
      const toneGain = this.toneGain;
      const tex = this.tex;
      const ticks = this.ticks;
      this.paperBlock(n);
      for (let k = 0; k < n; k++) {
        v += 0.004 * (vT - v);
        // SDT scraping: the ground trace decays with speed × grain; rises above it are bumps
        const decay = decayScale * v;
        const profile = rng.float();
        let bump = 0;
        const cur = Math.max(ground - decay, profile);
        if (cur > ground && decay > 1e-6) bump = (cur - ground) / Math.sqrt(decay);
        ground = cur;
        const drive = force * v * v * (tex[k] as number);
        let x = bumpMix * drive * bump * 0.02;
        x += noiseMix * drive * this.friction.lowpass(rng.signed());
        x += ticks[k] as number;
        if (this.tapLeft > 0) {
          x += this.tapAmp * Math.sin((Math.PI * this.tapLeft) / this.tapLen);
          this.tapLeft--;
        }
        x = this.exHp.highpass(x); // bumps are one-sided: keep their rumble out
        acc[k] = toneGain * tone.bandNorm(x);
      }
      this.v = v;
      this.ground = ground;
      const landing = this.landing;
      for (let k = 0; k < n; k++) a[i + k] = (acc[k] as number) + (landing[this.phase + k] as number);
      this.lp.lowpassBlock(a, i, n);
      this.dc.highpassBlock(a, i, n);
      softClipBlock(a, i, n, this.level);
      this.phase = (this.phase + n) % CONTROL;
      i += n;
    }
  }

  /**
   * The paper under the moving tip for one chunk: `tex` = the fibre texture, a log-normal gain
   * (mean 1) from low-passed noise whose rate follows the pen speed; `ticks` = the tip
   * catching on fibres, separate short bursts with a heavy-tailed level. Its own loop and
   * generator, with integer random tests, so nothing is boxed and the host's block size
   * does not matter.
   */
  private paperBlock(n: number): void {
    const rng = this.paperRng;
    const tex = this.tex;
    const ticks = this.ticks;
    const k1 = this.texK;
    const norm = this.texNorm;
    const depth = this.texDepth;
    const bias = this.texBias;
    const threshold = this.tickThreshold;
    const amp = this.tickAmp;
    const decay = this.tickDecay;
    let y = this.texY;
    let env = this.tickEnv;
    for (let k = 0; k < n; k++) {
      y += k1 * ((rng.nextI32() >>> 0) / 2147483648 - 1 - y);
      tex[k] = Math.exp(depth * Math.min(2, y * norm) - bias);
      if (rng.nextI32() < threshold) {
        const u = (rng.nextI32() >>> 0) / 4294967296;
        env += amp * u * u;
      }
      ticks[k] = env * ((rng.nextI32() >>> 0) / 2147483648 - 1);
      env *= decay;
    }
    this.texY = y;
    this.tickEnv = env;
  }

  private control(): void {
    const p = this.params;
    p.tick();
    this.paceDrift.advance(CONTROL);
    this.pressDrift.advance(CONTROL);
    this.handDrift.advance(CONTROL);
    const variation = p.get(P_VARIATION);
    const pen = p.get(P_PEN);
    const grain = p.get(P_GRAIN);
    const pressure = Math.min(1, Math.max(0, p.get(P_PRESSURE) + 0.12 * variation * this.pressDrift.value));
    // Blend the pen tables in place (a helper returning doubles would box them: see Rng.draw).
    const pi = Math.min(1, Math.max(0, Math.floor(pen)));
    const pt = Math.min(1, Math.max(0, pen - pi));
    const blend = this.blend;
    for (let j = 0; j < PEN_TABLES.length; j++) {
      const table = PEN_TABLES[j] as readonly number[];
      blend[j] = (table[pi] as number) * (1 - pt) + (table[pi + 1] as number) * pt;
    }
    this.decayScale = (0.02 + 0.25 * grain) * (blend[B_BUMPS] as number);
    this.noiseMix = (blend[B_NOISE] as number) * (1.2 - 0.6 * grain);
    this.bumpMix = blend[B_BUMPS] as number;
    this.toneGain = blend[B_TONE_GAIN] as number;
    // the pressure's wander changes the scrape's bite, not its level (the level follows the
    // force): made up, so a minute's loudness stays within ±1 LU whatever the seed
    const base = Math.min(1, Math.max(0, p.get(P_PRESSURE)));
    this.level = ((blend[B_LEVEL] as number) * OUT_GAIN * (0.3 + base)) / (0.3 + pressure);
    const cut = blend[B_CUT] as number;
    if (cut !== this.lastCut) {
      this.lastCut = cut;
      this.lp.setCutoff(cut);
    }
    this.force = 0.3 + pressure;
    this.tone.design[SVF_F] = (blend[B_TONE] as number) * (0.85 + 0.3 * grain);
    this.tone.design[SVF_Q] = blend[B_Q] as number;
    this.tone.retune();
    this.contactTone = blend[B_CONTACT] as number;
    this.step();
    // paper grain: the tip scans the fibres at the pen's speed, so the texture's rate follows
    // it (≈ 40–500 Hz); rough pens and toothy paper modulate deeper and tick more
    const v = this.v;
    const sr = this.sampleRate;
    const rate = (40 + 450 * Math.min(1.2, v)) * (0.6 + 0.8 * grain);
    const k1 = 1 - Math.exp((-2 * Math.PI * rate) / sr);
    this.texK = k1;
    // a one-pole's output from uniform noise (variance 1/3) has variance k/(2 − k)/3
    this.texNorm = 1 / Math.sqrt(k1 / (2 - k1) / 3);
    const depth = (blend[B_ROUGH] as number) * (0.5 + 0.6 * grain);
    this.texDepth = depth;
    this.texBias = 0.5 * depth * depth;
    const tickProb = v * (0.002 + 0.01 * grain) * (blend[B_TICKS] as number);
    this.tickThreshold = Math.min(1, tickProb) * 4294967296 - 2147483648;
    this.tickAmp = TICK_LEVEL * this.force * v * (0.5 + grain);
    this.tickDecay = Math.exp(-1000 / ((0.2 - 0.1 * grain) * sr));
    if (this.contact.active) this.renderLanding();
    else this.landing.fill(0);
  }

  /** The touch-down contact for the next control interval (kept out of `control`, whose
   * size stops V8 inlining the contact's noise calls: they would box their doubles). */
  private renderLanding(): void {
    this.landing.fill(0);
    this.contact.addTo(this.landing, 0, CONTROL);
  }

  /** Advance the writing process by one control tick and set the target pen speed. */
  private step(): void {
    const rng = this.hand;
    const p = this.params;
    const dt = CONTROL / this.sampleRate;
    if (this.state === WRITE) {
      // handwriting: speed oscillates at 4–6 Hz, never quite stopping inside a letter
      this.oscPhase += this.oscRate * dt;
      const s = Math.abs(Math.sin(Math.PI * this.oscPhase));
      this.vTarget = this.strokeAmp * (0.25 + 0.75 * s ** 0.8);
      if (this.oscPhase >= 1) {
        this.oscPhase -= 1;
        this.strokeAmp = Math.min(1.2, Math.max(0.4, this.strokeAmp * (1 + 0.15 * rng.gauss())));
        if (rng.float() < 0.12) this.enter(LIFT, rng.range(0.04, 0.12));
      }
    } else {
      this.vTarget = 0;
    }
    if (--this.stateLeft > 0) return;
    if (this.state === LIFT) {
      this.penDown(0.3);
      this.enter(WRITE, this.hand.range(0.1, 0.3));
      return;
    }
    if (this.state === WRITE && this.lettersLeft > 0) {
      this.lettersLeft--;
      this.enter(WRITE, this.letterSeconds());
      return;
    }
    // a word ended (or a rest did): decide what comes next
    const pace = p.get(P_PACE);
    if (pace < 0.01 || (p.target[P_PACE] as number) < 0.01) {
      this.enter(REST, 0.05);
      return;
    }
    if (this.state === WRITE) {
      this.wordsLeft--;
      let gap = rng.range(0.12, 0.4) * (1.6 - pace);
      if (this.wordsLeft <= 0) {
        gap = rng.range(0.7, 1.8) * (1.8 - pace); // end of line: hand moves back
        if (rng.float() < 0.18) gap += rng.range(2, 6); // a thought
      }
      this.enter(REST, gap);
      return;
    }
    // start a word
    if (this.wordsLeft <= 0) this.wordsLeft = 4 + (rng.nextU32() % 7);
    this.lettersLeft = 1 + (rng.nextU32() % 7);
    const variation = p.get(P_VARIATION);
    this.oscRate =
      (4 + 2 * rng.float()) * (0.8 + 0.4 * pace) * Math.exp(0.15 * variation * this.handDrift.value);
    this.strokeAmp = rng.range(0.7, 1);
    this.oscPhase = rng.float();
    this.penDown(0.6);
    this.enter(WRITE, this.letterSeconds());
  }

  private letterSeconds(): number {
    const variation = this.params.get(P_VARIATION);
    const pace = this.params.get(P_PACE);
    return (
      (this.hand.range(0.12, 0.24) / (0.7 + 0.6 * pace)) * Math.exp(0.2 * variation * this.paceDrift.value)
    );
  }

  private enter(state: number, seconds: number): void {
    this.state = state;
    this.stateLeft = Math.max(1, Math.round((seconds * this.sampleRate) / CONTROL));
  }

  /** The soft tick of the pen tip touching down. */
  private penDown(strength: number): void {
    this.tapLen = Math.max(2, Math.round(0.0012 * this.sampleRate));
    this.tapLeft = this.tapLen;
    this.tapAmp = 0.08 * strength * this.force;
    const c = this.contact.shape;
    c[CT_LEVEL] = CONTACT_LEVEL * strength * this.force;
    c[CT_TONE_HZ] = this.contactTone;
    this.contact.strike();
  }
}

export const penOnPaper: GeneratorDef = {
  id: "pen-on-paper",
  label: "Pen on paper",
  description: "Handwriting on paper: words of scratchy strokes, small lifts and pauses at line ends.",
  category: "journal",
  params: PARAMS,
  channels: 1,
  calibrationDb: 9.9,
  triggerParams: { pace: 0 },
  create: (sampleRate, seed) => new PenOnPaperVoice(sampleRate, seed),
};
