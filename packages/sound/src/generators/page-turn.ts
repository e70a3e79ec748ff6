/**
 * Page turns. Each turn (0.3–1 s) is a swept band-passed "whoosh" of air and paper with an
 * asymmetric envelope (quicker rise, longer fall) and a light flutter, crumple clicks as the
 * page is lifted and as it lands (power-law energies, as in paper-crinkle), the edge's landing
 * tick (a broadband contact, dsp/contact.ts, flapping once or twice) and a soft low thump when
 * it settles. Between turns a hand sometimes smooths the page. Heavier paper is
 * lower, slower and thumps more; thin paper is crisper.
 */

import {
  ContactTransient,
  CT_BOUNCE_MS,
  CT_BOUNCE_RATIO,
  CT_BOUNCES,
  CT_BUZZ1_LEVEL,
  CT_BUZZ2_LEVEL,
  CT_DECAY_MS,
  CT_JITTER,
  CT_LEVEL,
  CT_Q,
  CT_TONE_HZ,
} from "../dsp/contact";
import { Drift, softClipBlock } from "../dsp/envelope";
import { GrainPool } from "../dsp/grains";
import { ModalBank } from "../dsp/modal";
import { OnePole } from "../dsp/one-pole";
import { SmoothedParams } from "../dsp/params";
import { SVF_F, SVF_Q, Svf } from "../dsp/svf";
import type { GeneratorDef, GeneratorVoice, ParamSpec } from "../generator";
import { Rng } from "../rng";
import { crumpleEnergy } from "./paper-crinkle";

const PARAMS: readonly ParamSpec[] = [
  {
    name: "rate",
    label: "Turns",
    min: 0,
    max: 12,
    default: 4,
    unit: "/min",
    description: "Page turns per minute (average interval 60/rate s); 0 = turns only when triggered.",
  },
  {
    name: "weight",
    label: "Paper weight",
    min: 0,
    max: 1,
    default: 0.4,
    description: "0 = thin bible paper (crisp, quick), 1 = heavy card stock (slow, deep thump).",
  },
  {
    name: "speed",
    label: "Gesture",
    min: 0,
    max: 1,
    default: 0.4,
    description: "0 = slow, careful turns; 1 = brisk flips.",
  },
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0.35,
    description: "How much the reader's pace and touch wander over minutes.",
  },
];
const P_RATE = 0;
const P_WEIGHT = 1;
const P_SPEED = 2;
const P_VARIATION = 3;

const CONTROL = 32;
const OUT_GAIN = 0.49;
/** Level of the page edge's landing contact. */
const LANDING = 1.5;

class PageTurnVoice implements GeneratorVoice {
  private readonly rng: Rng;
  private readonly params: SmoothedParams;
  private readonly grains: GrainPool;
  private readonly thump: ModalBank;
  private readonly landing: ContactTransient;
  private readonly landingRng: Rng;
  private readonly whoosh: Svf;
  private readonly air: OnePole;
  private readonly dc: OnePole;
  private readonly lp: OnePole;
  private readonly paceDrift: Drift;
  private readonly touchDrift: Drift;
  private phase = 0;
  private untilNext = 0;
  // current turn (samples): position and length; 0 length = idle
  private at = 0;
  private len = 0;
  private amp = 1;
  private weight = 0.4;
  private fLow = 900;
  private fHigh = 3000;
  private flutter = 12;
  private landed = false;
  private thumpLeft = 0;
  private thumpLen = 1;
  private thumpAmp = 0;
  // smoothing the page with a hand (quiet swipe)
  private swipeAt = 0;
  private swipeLen = 0;
  private untilSwipe = 0;
  // per-sample envelopes set at control rate
  private env = 0;
  private envTarget = 0;
  private swipeEnv = 0;
  private clickRate = 0;
  /** Silent between turns: skip the synthesis until something starts. */
  private idle = false;

  constructor(
    private readonly sampleRate: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    this.rng = rng;
    this.params = new SmoothedParams(PARAMS, sampleRate, CONTROL, 0.1);
    this.grains = new GrainPool(sampleRate, 8);
    this.thump = new ModalBank(sampleRate, 2);
    // own stream (not forked from rng, so the turns themselves are unchanged)
    this.landingRng = new Rng((seed ^ 0x27d4eb2f) | 0);
    this.landing = new ContactTransient(sampleRate, this.landingRng);
    this.whoosh = new Svf(sampleRate).set(1200, 1.2);
    this.air = new OnePole(sampleRate).setCutoff(900);
    this.dc = new OnePole(sampleRate).setCutoff(40);
    this.lp = new OnePole(sampleRate).setCutoff(7000);
    this.paceDrift = new Drift(new Rng(rng.fork(1)), sampleRate, 30, 120);
    this.touchDrift = new Drift(new Rng(rng.fork(2)), sampleRate, 30, 120);
    this.untilNext = Math.round(rng.range(0.3, 3) * sampleRate);
    this.untilSwipe = Math.round(rng.range(4, 12) * sampleRate);
  }

  setParam(name: string, value: number): void {
    this.params.set(name, value);
  }

  trigger(strength: number): void {
    this.startTurn(0.5 + 0.5 * Math.min(1, Math.max(0, strength)));
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const rng = this.rng;
    const whoosh = this.whoosh;
    const grains = this.grains;
    const invSr = 1 / this.sampleRate;
    for (let i = offset; i < offset + frames; i++) {
      if (this.phase === 0) this.control();
      this.phase = (this.phase + 1) % CONTROL;
      if (--this.untilNext <= 0) this.autoTurn();
      if (--this.untilSwipe <= 0) this.startSwipe();
      if (this.idle) {
        // nothing sounding between turns: only let the output filters settle
        a[i] = 0;
        continue;
      }
      const n = rng.signed();
      this.env += 0.003 * (this.envTarget - this.env);
      let y = 0;
      const w = this.env + this.swipeEnv;
      if (w > 1e-6) {
        const band = whoosh.bandNorm(n);
        y += this.env * (band + 0.35 * this.air.lowpass(n)) + this.swipeEnv * band;
      }
      if (this.clickRate > 0 && rng.float() < this.clickRate * invSr) this.click();
      y += grains.tick(n);
      let th = 0;
      if (this.thumpLeft > 0) {
        th = this.thumpAmp * Math.sin((Math.PI * this.thumpLeft) / this.thumpLen);
        this.thumpLeft--;
      }
      y += this.thump.tick(th);
      a[i] = y;
      if (this.landing.active) this.landing.addTo(a, i, 1);
    }
    // the output chain in block form (per-sample calls V8 does not inline box their results)
    this.lp.lowpassBlock(a, offset, frames);
    this.dc.highpassBlock(a, offset, frames);
    softClipBlock(a, offset, frames, OUT_GAIN);
  }

  private control(): void {
    const p = this.params;
    p.tick();
    this.paceDrift.advance(CONTROL);
    this.touchDrift.advance(CONTROL);
    this.thump.settle();
    let freq = 1500;
    this.envTarget = 0;
    this.clickRate = 0;
    if (this.len > 0) {
      this.at += CONTROL;
      const x = this.at / this.len;
      if (x >= 1) {
        this.len = 0;
      } else {
        // asymmetric whoosh: rises to 35 %, falls after; the sweep follows the page's arc
        const env = x < 0.35 ? (x / 0.35) ** 1.5 : (1 - (x - 0.35) / 0.65) ** 2;
        const am = 1 + 0.25 * Math.sin(2 * Math.PI * this.flutter * (this.at / this.sampleRate));
        this.envTarget = this.amp * env * am;
        freq = this.fLow + (this.fHigh - this.fLow) * Math.sin(Math.PI * Math.min(1, x * 1.1));
        // clicks at the lift (first 10 %) and the landing (78–95 %)
        if (x < 0.1) this.clickRate = 160 * this.amp;
        else if (x > 0.78 && x < 0.95) this.clickRate = 90 * this.amp;
        if (!this.landed && x > 0.82) {
          this.landed = true;
          this.thumpLen = Math.max(2, Math.round((0.006 + 0.006 * this.weight) * this.sampleRate));
          this.thumpLeft = this.thumpLen;
          this.thumpAmp = (3 * (0.25 + 0.75 * this.weight) * this.amp * Math.PI) / (2 * this.thumpLen);
          this.land();
        }
      }
    }
    this.swipeEnv = 0;
    if (this.swipeLen > 0) {
      this.swipeAt += CONTROL;
      const x = this.swipeAt / this.swipeLen;
      if (x >= 1) this.swipeLen = 0;
      else {
        this.swipeEnv = 0.12 * Math.sin(Math.PI * x) ** 2;
        if (this.len === 0) freq = 2000 + 600 * Math.sin(Math.PI * x);
      }
    }
    this.whoosh.design[SVF_F] = freq;
    this.whoosh.design[SVF_Q] = 1.1;
    this.whoosh.retune();
    this.idle =
      this.len === 0 &&
      this.swipeLen === 0 &&
      this.env < 1e-7 &&
      this.thumpLeft === 0 &&
      this.thump.isSilent &&
      !this.landing.active &&
      this.grains.idle;
  }

  private autoTurn(): void {
    const p = this.params;
    const sr = this.sampleRate;
    const rate = p.get(P_RATE);
    if (rate < 0.05 || (p.target[P_RATE] as number) < 0.05) {
      this.untilNext = Math.round(0.05 * sr);
      return;
    }
    const variation = p.get(P_VARIATION);
    this.startTurn(this.rng.range(0.88, 1));
    const mean = 60 / (rate * Math.exp(0.3 * variation * this.paceDrift.value));
    this.untilNext = Math.max(1, Math.round(mean * this.rng.range(0.6, 1.4) * sr));
  }

  private startTurn(amp: number): void {
    const rng = this.rng;
    this.idle = false;
    const p = this.params;
    const variation = p.get(P_VARIATION);
    const w = Math.min(1, Math.max(0, p.get(P_WEIGHT) + 0.15 * variation * this.touchDrift.value));
    const speed = Math.min(1, Math.max(0, p.get(P_SPEED) + 0.2 * variation * this.touchDrift.value));
    const seconds = (0.95 - 0.55 * speed) * (0.85 + 0.35 * w) * rng.range(0.85, 1.15);
    this.weight = w;
    this.at = 0;
    this.len = Math.max(CONTROL, Math.round(Math.min(1, Math.max(0.3, seconds)) * this.sampleRate));
    this.amp = amp * (0.8 + 0.4 * speed);
    this.fLow = (900 - 350 * w) * rng.range(0.85, 1.15);
    this.fHigh = (3600 - 1400 * w) * rng.range(0.85, 1.15);
    this.flutter = rng.range(9, 18) * (1.2 - 0.4 * w);
    this.landed = false;
    const f = (150 - 60 * w) * rng.range(0.9, 1.1);
    this.thump.setMode(0, f, 18, 1);
    this.thump.setMode(1, f * 2.3, 40, 0.4);
  }

  /**
   * The page's edge slapping down: a soft, short broadband contact (paper is soft, so a longer
   * burst than a key's click, lower for card), then the edge flapping once or twice as it settles.
   */
  private land(): void {
    const w = this.weight;
    const sh = this.landing.shape;
    sh[CT_LEVEL] = LANDING * this.amp * (0.8 + 0.4 * this.landingRng.float());
    sh[CT_DECAY_MS] = 0.35 + 0.4 * w;
    sh[CT_TONE_HZ] = 4200 - 1800 * w;
    sh[CT_Q] = 0.6;
    sh[CT_BOUNCES] = 1 + (this.landingRng.nextU32() % 2);
    sh[CT_BOUNCE_MS] = 4 + 6 * this.landingRng.float();
    sh[CT_BOUNCE_RATIO] = 0.35;
    sh[CT_BUZZ1_LEVEL] = 0;
    sh[CT_BUZZ2_LEVEL] = 0;
    sh[CT_JITTER] = 0.15;
    this.landing.strike();
  }

  /** Now and then (only while pages turn on their own) a hand smooths the page. */
  private startSwipe(): void {
    const sr = this.sampleRate;
    if ((this.params.target[P_RATE] as number) < 0.05) {
      this.untilSwipe = Math.round(0.5 * sr);
      return;
    }
    this.swipeAt = 0;
    this.idle = false;
    this.swipeLen = Math.round(this.rng.range(0.4, 0.9) * sr);
    this.untilSwipe = Math.round(this.rng.range(6, 20) * sr);
  }

  /** A crumple click of the page (power-law energy), brighter for thin paper. */
  private click(): void {
    const rng = this.rng;
    const e = crumpleEnergy(rng.float(), 1.45, 30);
    const w = this.weight;
    const freq = (3800 - 1800 * w) * (0.7 + 0.6 * rng.float());
    this.grains.spawn(0.3 * Math.sqrt(e), freq, freq / (2 + 3 * rng.float()), 0.0008 + 0.001 * w, 0.05);
  }
}

export const pageTurn: GeneratorDef = {
  id: "page-turn",
  label: "Page turn",
  description: "Now and then a page of a notebook is lifted, turned and settles with a soft flop.",
  category: "journal",
  params: PARAMS,
  channels: 1,
  calibrationDb: -1.2,
  triggerParams: { rate: 0 },
  create: (sampleRate, seed) => new PageTurnVoice(sampleRate, seed),
};
