/**
 * Tapping: fingertips or nails on wood, plastic or glass, by modal synthesis. The strike spot
 * sets how strongly each mode rings and tunes the modes a little (±4 % across the surface, as
 * a tabletop's edge and middle, or the sides of a box, differ), so a burst on one spot keeps
 * its note and the next burst may land elsewhere; each tap also moves the spot slightly. Each
 * tap is a half-cosine force pulse whose length sets its brightness (fingertip ≈ 1 ms, nail
 * ≈ 0.18 ms) plus a little contact noise, and a broadband contact transient (dsp/contact.ts):
 * a nail's hard click high in 2–10 kHz, a fingertip pad's soft skin hiss low in it, ringing
 * the surface's short high modes (a rattle on plastic, a shimmer on glass); a nail is flicked
 * and pushes the body less than a pad. Wood and plastic are damped like furniture and cases
 * (a knock, not a marimba bar); glass rings. A humanised rhythm plays quasi-periodic bursts
 * with jittered timing and velocity, occasional finger rolls and pauses; `variation` drifts
 * tempo, touch and surface.
 */

import {
  ContactTransient,
  CT_BOUNCE_MS,
  CT_BOUNCE_RATIO,
  CT_BOUNCES,
  CT_BUZZ1_HZ,
  CT_BUZZ1_LEVEL,
  CT_BUZZ1_MS,
  CT_BUZZ2_HZ,
  CT_BUZZ2_LEVEL,
  CT_BUZZ2_MS,
  CT_DECAY_MS,
  CT_JITTER,
  CT_LEVEL,
  CT_Q,
  CT_TONE_HZ,
} from "../dsp/contact";
import { Drift, softClipBlock } from "../dsp/envelope";
import { ModalBank } from "../dsp/modal";
import { OnePole } from "../dsp/one-pole";
import { SmoothedParams } from "../dsp/params";
import type { GeneratorDef, GeneratorVoice, ParamSpec } from "../generator";
import { Rng } from "../rng";

const PARAMS: readonly ParamSpec[] = [
  {
    name: "material",
    label: "Material",
    min: 0,
    max: 2,
    default: 0,
    choices: ["wood", "plastic", "glass"],
    description: "The tapped surface; in-between values blend neighbouring materials.",
  },
  {
    name: "hardness",
    label: "Touch",
    min: 0,
    max: 1,
    default: 0.35,
    description: "0 = soft fingertip pads, 1 = fingernails (brighter, shorter contact).",
  },
  {
    name: "tempo",
    label: "Tempo",
    min: 0,
    max: 10,
    default: 3.5,
    unit: "taps/s",
    description: "Average tapping rate inside a burst; 0 = taps only when triggered.",
  },
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0.35,
    description: "How much tempo, touch and the tapped spot wander over minutes.",
  },
];
const P_MATERIAL = 0;
const P_HARDNESS = 1;
const P_TEMPO = 2;
const P_VARIATION = 3;

const MODES = 8;
const CONTROL = 32;
const MODE_UPDATE = 256;
const OUT_GAIN = 0.42;
/** Contact transient level against the modal body. */
const CONTACT = 2.5;
/** The surface's high modes against the contact burst that rings them. */
const BUZZ = 1.8;

/** Per material: fundamental (Hz), mode ratios, mode gains, loss factor tanφ. */
interface Material {
  readonly base: number;
  readonly ratios: readonly number[];
  readonly gains: readonly number[];
  readonly tanPhi: number;
}
const MATERIALS: readonly Material[] = [
  // wood: a hollow box / tabletop, strongly damped, warm (low body mode ≈ 0.25 s to −60 dB)
  {
    base: 470,
    ratios: [1, 1.58, 2.46, 3.63, 5.1, 6.9, 8.6, 0.52],
    gains: [1, 0.8, 0.7, 0.55, 0.4, 0.28, 0.16, 0.3],
    tanPhi: 0.035,
  },
  // plastic: a case, higher and even more damped
  {
    base: 760,
    ratios: [1, 1.41, 2.18, 2.95, 4.1, 5.3, 6.7, 0.6],
    gains: [1, 0.8, 0.55, 0.45, 0.3, 0.18, 0.1, 0.4],
    tanPhi: 0.045,
  },
  // glass: a jar, lightly damped, with beating doublets and a low body mode
  {
    base: 1180,
    ratios: [1, 1.006, 2.61, 2.633, 4.83, 4.86, 0.41, 7.4],
    gains: [0.5, 0.4, 0.28, 0.21, 0.08, 0.07, 0.35, 0.035],
    tanPhi: 0.0011,
  },
];

/** Mode [frequency, gain, tanφ] of a (fractional) material index into `out`, blending neighbours. */
export function materialMode(m: number, mode: number, out: Float64Array): void {
  const i = Math.min(1, Math.max(0, Math.floor(m)));
  const t = Math.min(1, Math.max(0, m - i));
  const a = MATERIALS[i] as Material;
  const b = MATERIALS[i + 1] as Material;
  const fa = a.base * (a.ratios[mode] as number);
  const fb = b.base * (b.ratios[mode] as number);
  out[0] = fa * (fb / fa) ** t;
  out[1] = (a.gains[mode] as number) * (1 - t) + (b.gains[mode] as number) * t;
  out[2] = a.tanPhi * (b.tanPhi / a.tanPhi) ** t;
}

class TappingVoice implements GeneratorVoice {
  private readonly rng: Rng;
  private readonly params: SmoothedParams;
  private readonly bank: ModalBank;
  private readonly contact: ContactTransient;
  private readonly contactRng: Rng;
  private readonly modeGain = new Float64Array(MODES);
  private readonly scratch = new Float64Array(3);
  private readonly ex = new Float64Array(CONTROL);
  private readonly acc = new Float64Array(CONTROL);
  private readonly dc: OnePole;
  private readonly thud: OnePole;
  private readonly tempoDrift: Drift;
  private readonly touchDrift: Drift;
  private readonly surfaceDrift: Drift;
  private readonly levelDrift: Drift;
  private phase = 0;
  private modeCount = 0;
  // rhythm state
  private untilNext = 0;
  private burstLeft = 0;
  private rollLeft = 0;
  private burstVelocity = 0.7;
  private spot = 0.5;
  // excitation state
  private pulsePos = 0;
  private pulseLen = 0;
  private pulseAmp = 0;
  private noiseAmp = 0;
  private noiseDecay = 0;
  private noiseLp = 0;
  private noiseLp2 = 0;

  constructor(
    private readonly sampleRate: number,
    seed: number,
  ) {
    this.rng = new Rng(seed);
    this.params = new SmoothedParams(PARAMS, sampleRate, CONTROL, 0.08);
    this.bank = new ModalBank(sampleRate, MODES);
    // the contact's own stream (not forked from this.rng, so the rhythm and spots stay as they were)
    this.contactRng = new Rng((seed ^ 0x5bd1e995) | 0);
    this.contact = new ContactTransient(sampleRate, this.contactRng);
    this.dc = new OnePole(sampleRate).setCutoff(25);
    this.thud = new OnePole(sampleRate).setCutoff(180);
    this.tempoDrift = new Drift(new Rng(this.rng.fork(1)), sampleRate, 25, 90);
    this.touchDrift = new Drift(new Rng(this.rng.fork(2)), sampleRate, 30, 120);
    this.surfaceDrift = new Drift(new Rng(this.rng.fork(3)), sampleRate, 40, 150);
    this.levelDrift = new Drift(new Rng(this.rng.fork(4)), sampleRate, 20, 70);
    this.noiseDecay = Math.exp(-1 / (0.0012 * sampleRate));
    this.untilNext = Math.round(this.rng.range(0.05, 0.6) * sampleRate);
    this.spot = this.rng.range(0.2, 0.8);
    this.updateModes();
  }

  setParam(name: string, value: number): void {
    this.params.set(name, value);
  }

  trigger(strength: number): void {
    this.tap(Math.min(1, Math.max(0, strength)));
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const ex = this.ex;
    const acc = this.acc;
    const end = offset + frames;
    let i = offset;
    while (i < end) {
      if (this.phase === 0) this.control();
      if (this.untilNext <= 0) this.autoTap();
      const n = Math.min(CONTROL - this.phase, end - i, this.untilNext);
      // excitation: force pulse plus a little contact noise
      let pos = this.pulsePos;
      const len = this.pulseLen;
      const amp = this.pulseAmp;
      let noise = this.noiseAmp;
      let lp = this.noiseLp;
      let lp2 = this.noiseLp2;
      const nd = this.noiseDecay;
      for (let k = 0; k < n; k++) {
        let x = 0;
        if (pos < len) {
          x = amp * Math.sin((Math.PI * (pos + 0.5)) / len);
          pos++;
        }
        if (noise > 1e-6) {
          lp += 0.5 * (this.rng.signed() * noise - lp);
          lp2 += 0.45 * (lp - lp2); // two poles: contact noise without airy highs
          noise *= nd;
          x += lp2;
        }
        ex[k] = x;
        acc[k] = 10 * this.thud.lowpass(x);
      }
      this.pulsePos = pos;
      this.noiseAmp = noise;
      this.noiseLp = lp;
      this.noiseLp2 = lp2;
      this.bank.run(ex, acc, n);
      this.contact.addTo(acc, 0, n);
      for (let k = 0; k < n; k++) a[i + k] = acc[k] as number;
      this.dc.highpassBlock(a, i, n);
      softClipBlock(a, i, n, OUT_GAIN);
      this.phase = (this.phase + n) % CONTROL;
      this.untilNext -= n;
      i += n;
    }
  }

  private control(): void {
    this.bank.settle();
    this.params.tick();
    this.tempoDrift.advance(CONTROL);
    this.touchDrift.advance(CONTROL);
    this.surfaceDrift.advance(CONTROL);
    this.levelDrift.advance(CONTROL);
    this.modeCount += CONTROL;
    if (this.modeCount >= MODE_UPDATE) {
      this.modeCount = 0;
      this.updateModes();
    }
  }

  private updateModes(): void {
    const m = this.params.get(P_MATERIAL);
    // Surface drift over minutes, and the strike spot's own tuning (±4 % across the surface).
    const surf =
      (1 + 0.05 * this.params.get(P_VARIATION) * this.surfaceDrift.value) * (1 + 0.08 * (this.spot - 0.5));
    const sc = this.scratch;
    for (let k = 0; k < MODES; k++) {
      materialMode(m, k, sc);
      this.modeGain[k] = sc[1] as number;
      this.bank.setMaterialMode(k, (sc[0] as number) * surf, sc[2] as number, 0, 0.5);
    }
    this.applyStrikePosition();
  }

  /** Strike position sets how strongly each mode is excited (its tuning is set in updateModes). */
  private applyStrikePosition(): void {
    const p = this.spot;
    for (let k = 0; k < MODES; k++) {
      const shape = 0.3 + 0.7 * Math.abs(Math.sin(Math.PI * (k + 1) * p));
      this.bank.setInputGain(k, (this.modeGain[k] as number) * shape);
    }
  }

  private autoTap(): void {
    const sr = this.sampleRate;
    const tempo = this.params.get(P_TEMPO);
    if (tempo < 0.05 || (this.params.target[P_TEMPO] as number) < 0.05) {
      this.untilNext = Math.round(0.05 * sr);
      return;
    }
    const rng = this.rng;
    const variation = this.params.get(P_VARIATION);
    const ioi = 1 / (tempo * Math.exp(0.25 * variation * this.tempoDrift.value));
    if (this.burstLeft <= 0 && this.rollLeft <= 0) {
      this.burstLeft = 3 + (rng.nextU32() % 10);
      this.burstVelocity = rng.range(0.68, 0.8);
      if (rng.float() < 0.6) this.spot = rng.range(0.1, 0.9);
    }
    let vel = this.burstVelocity * (1 + 0.12 * rng.gauss());
    if (this.rollLeft > 0) {
      this.rollLeft--;
      vel *= 0.75;
    } else {
      this.burstLeft--;
      if (rng.float() < 0.1) this.rollLeft = 2 + (rng.nextU32() % 3);
    }
    vel *= 10 ** ((1.2 * variation * this.levelDrift.value) / 20);
    this.tap(Math.min(1, Math.max(0.05, vel)));
    let next: number;
    if (this.rollLeft > 0) next = rng.range(0.035, 0.075);
    else if (this.burstLeft > 0) next = ioi * Math.max(0.6, 1 + 0.07 * rng.gauss());
    else if (rng.float() < 0.12) next = rng.range(2, 7);
    else next = ioi * rng.range(1.6, 4);
    this.untilNext = Math.max(1, Math.round(next * sr));
  }

  /** Start one tap: a half-cosine force pulse plus contact noise, at a slightly moved spot (retuned). */
  private tap(velocity: number): void {
    const rng = this.rng;
    const variation = this.params.get(P_VARIATION);
    const base = this.params.get(P_HARDNESS) + 0.12 * variation * this.touchDrift.value;
    const h = Math.min(1, Math.max(0, base + 0.08 * rng.signed()));
    const ms = 1.0 * 0.18 ** h; // ≈1 ms (fingertip pad) … 0.18 ms (nail)
    this.pulseLen = Math.max(2, Math.round((ms / 1000) * this.sampleRate));
    this.pulsePos = 0;
    // unit-area pulse: low modes get the same momentum, short pulses add brightness
    // a nail is flicked: it gives the body less of a push than a pad does
    this.pulseAmp = ((1 - 0.6 * h) * velocity ** 1.4 * Math.PI) / (2 * this.pulseLen);
    this.noiseAmp = 0.004 * velocity * velocity * (0.2 + h);
    this.spot = Math.min(0.95, Math.max(0.05, this.spot + 0.03 * rng.signed()));
    this.updateModes();
    this.strikeContact(velocity, h);
  }

  /**
   * The contact itself: a nail is a hard, sub-0.1 ms click high in the band (it sometimes
   * double-clicks as it skids); a fingertip pad is a soft, short hiss of skin low in it. The
   * surface colours it: glass brighter and narrower, a plastic case rattles.
   */
  private strikeContact(velocity: number, h: number): void {
    const m = Math.min(2, Math.max(0, this.params.get(P_MATERIAL)));
    const plastic = Math.max(0, 1 - Math.abs(m - 1));
    const glass = Math.max(0, m - 1);
    const rng = this.contactRng;
    const sh = this.contact.shape;
    sh[CT_LEVEL] = CONTACT * velocity ** 1.2 * (0.3 + 0.7 * h);
    sh[CT_DECAY_MS] = 0.6 - 0.5 * h;
    sh[CT_TONE_HZ] = (1800 + 4200 * h) * (1 + 0.2 * plastic + 0.45 * glass);
    sh[CT_Q] = 0.6 + 0.3 * h + 0.6 * glass;
    sh[CT_BOUNCES] = h > 0.6 && rng.float() < 0.3 ? 1 : 0;
    sh[CT_BOUNCE_MS] = 0.4 + 0.6 * rng.float();
    sh[CT_BOUNCE_RATIO] = 0.35;
    // the surface's own high modes, rung by the contact: short on wood, a rattle on plastic,
    // a long shimmer on glass
    sh[CT_BUZZ1_HZ] = (2600 + 800 * this.spot) * (1 + 0.15 * plastic + 0.5 * glass);
    sh[CT_BUZZ1_MS] = 1.8 + 2 * plastic + 8 * glass;
    sh[CT_BUZZ1_LEVEL] = BUZZ * (1 + 0.6 * plastic);
    sh[CT_BUZZ2_HZ] = (5200 + 1300 * (1 - this.spot)) * (1 + 0.1 * plastic + 0.4 * glass);
    sh[CT_BUZZ2_MS] = 1.2 + 0.8 * plastic + 10 * glass;
    sh[CT_BUZZ2_LEVEL] = BUZZ * (0.7 + 0.2 * glass) * (0.3 + 0.7 * h);
    sh[CT_JITTER] = 0.12;
    this.contact.strike();
  }
}

export const tapping: GeneratorDef = {
  id: "tapping",
  label: "Tapping",
  description: "Fingertips and nails tapping on wood, plastic or glass in loose, human rhythms.",
  category: "trigger",
  params: PARAMS,
  channels: 1,
  calibrationDb: 0.3,
  triggerParams: { tempo: 0 },
  create: (sampleRate, seed) => new TappingVoice(sampleRate, seed),
};
