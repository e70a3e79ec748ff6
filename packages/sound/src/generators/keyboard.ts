/**
 * Soft keyboard typing. Each keystroke is three force pulses into a small modal model of the
 * key: a short bright contact click, the bottom-out "thock" a few milliseconds later (keycap,
 * plate and case modes), and a quieter release click. Each of the three also strikes a
 * broadband contact transient (dsp/contact.ts): the finger's tick on the cap, the bottom-out
 * click with the cap rattling on its stem and a faint spring ping, and the top-out on release;
 * these carry most of the 2–10 kHz energy a real keyboard has. Every key on the board has its own
 * slightly different tuning; the space bar and enter are lower, heavier and rattle. A typing
 * process writes words in bursts with thinking pauses, hesitations and the odd backspace run.
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
  CT_LENGTH,
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
    name: "speed",
    label: "Typing speed",
    min: 0,
    max: 100,
    default: 40,
    unit: "wpm",
    description: "Words per minute while typing; 0 = keys only when triggered.",
  },
  {
    name: "softness",
    label: "Key softness",
    min: 0,
    max: 1,
    default: 0.6,
    description: "0 = crisp clicky switches, 1 = muted, cushioned keys.",
  },
  {
    name: "depth",
    label: "Thock",
    min: 0,
    max: 1,
    default: 0.5,
    description: "How deep and resonant the bottom-out sound of the keyboard case is.",
  },
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0.35,
    description: "How much typing pace, touch and level wander over minutes.",
  },
];
const P_SPEED = 0;
const P_SOFT = 1;
const P_DEPTH = 2;
const P_VARIATION = 3;

const VOICES = 4;
const MODES = 6;
const PULSES = 4;
const KEYS = 40;
const KEY_SPACE = KEYS;
const KEY_ENTER = KEYS + 1;
const KEY_BACKSPACE = KEYS + 2;
/** Contacts per keystroke: fingertip on the cap, bottom-out (stem/cap/plate), release (stem top-out). */
const CONTACTS = 3;
const CONTROL = 32;
const OUT_GAIN = 0.3;
/** Contact transients' level against the modal body. */
const CLICK = 10;

class KeyboardVoice implements GeneratorVoice {
  private readonly rng: Rng;
  private readonly params: SmoothedParams;
  private readonly banks: ModalBank[] = [];
  /** Per key: thock tuning, click tuning, level. */
  private readonly keyThock = new Float64Array(KEYS + 3);
  private readonly keyClick = new Float64Array(KEYS + 3);
  private readonly keyLevel = new Float64Array(KEYS + 3);
  /** Per voice and pulse: start age, length, amplitude (unit-area half-sine pulses). */
  private readonly pStart = new Float64Array(VOICES * PULSES);
  private readonly pLen = new Float64Array(VOICES * PULSES);
  private readonly pAmp = new Float64Array(VOICES * PULSES);
  private readonly age = new Float64Array(VOICES);
  private readonly lastPulseEnd = new Float64Array(VOICES);
  /** Per voice: its contact transient, and per contact its start age (−1 = none) and shape. */
  private readonly contacts: ContactTransient[] = [];
  private readonly cAt = new Float64Array(VOICES * CONTACTS);
  private readonly cShape = new Float64Array(VOICES * CONTACTS * CT_LENGTH);
  private readonly ex = new Float64Array(CONTROL);
  private readonly acc = new Float64Array(CONTROL);
  private readonly dc: OnePole;
  private readonly speedDrift: Drift;
  private readonly touchDrift: Drift;
  private readonly levelDrift: Drift;
  private phase = 0;
  private nextVoice = 0;
  private untilNext = 0;
  private wordLeft = 0;
  private backspaces = 0;
  private burstWords = 6;
  private lastKey = 0;

  constructor(
    private readonly sampleRate: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    this.rng = rng;
    this.params = new SmoothedParams(PARAMS, sampleRate, CONTROL, 0.08);
    for (let v = 0; v < VOICES; v++) {
      this.banks.push(new ModalBank(sampleRate, MODES));
      this.contacts.push(new ContactTransient(sampleRate, new Rng(rng.fork(10 + v))));
    }
    this.cAt.fill(-1);
    for (let k = 0; k < KEYS; k++) {
      this.keyThock[k] = 1 + 0.12 * rng.signed();
      this.keyClick[k] = 1 + 0.1 * rng.signed();
      this.keyLevel[k] = 0.85 + 0.3 * rng.float();
    }
    const special = [KEY_SPACE, KEY_ENTER, KEY_BACKSPACE];
    const thock = [0.72, 0.82, 0.9];
    for (let s = 0; s < 3; s++) {
      const k = special[s] as number;
      this.keyThock[k] = thock[s] as number;
      this.keyClick[k] = 0.9 + 0.1 * rng.float();
      this.keyLevel[k] = 1.2;
    }
    this.pStart.fill(-1);
    this.age.fill(1e9);
    this.dc = new OnePole(sampleRate).setCutoff(30);
    this.speedDrift = new Drift(new Rng(rng.fork(1)), sampleRate, 20, 80);
    this.touchDrift = new Drift(new Rng(rng.fork(2)), sampleRate, 30, 120);
    this.levelDrift = new Drift(new Rng(rng.fork(3)), sampleRate, 20, 70);
    this.untilNext = Math.round(rng.range(0.1, 0.8) * sampleRate);
  }

  setParam(name: string, value: number): void {
    this.params.set(name, value);
  }

  trigger(strength: number): void {
    const s = Math.min(1, Math.max(0, strength));
    this.press(this.rng.nextU32() % KEYS, 0.4 + 0.6 * s);
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const end = offset + frames;
    const ex = this.ex;
    const acc = this.acc;
    let i = offset;
    while (i < end) {
      if (this.phase === 0) this.control();
      if (this.untilNext <= 0) this.autoType();
      const n = Math.min(CONTROL - this.phase, end - i, this.untilNext);
      acc.fill(0, 0, n);
      for (let v = 0; v < VOICES; v++) {
        const age0 = this.age[v] as number;
        const idle = age0 >= (this.lastPulseEnd[v] as number);
        if (idle) ex.fill(0, 0, n);
        else this.excitation(v, age0, n);
        this.age[v] = age0 + n;
        (this.banks[v] as ModalBank).run(ex, acc, n, idle);
        this.addContacts(v, age0, n);
      }
      for (let k = 0; k < n; k++) a[i + k] = acc[k] as number;
      this.dc.highpassBlock(a, i, n);
      softClipBlock(a, i, n, OUT_GAIN);
      this.phase = (this.phase + n) % CONTROL;
      this.untilNext -= n;
      i += n;
    }
  }

  /** Fill `ex` with voice v's pulses for ages age0 … age0+n−1. */
  private excitation(v: number, age0: number, n: number): void {
    const ex = this.ex;
    for (let k = 0; k < n; k++) {
      const t = age0 + k;
      let x = 0;
      for (let p = v * PULSES; p < v * PULSES + PULSES; p++) {
        const d = t - (this.pStart[p] as number);
        const len = this.pLen[p] as number;
        if (d >= 0 && d < len) x += (this.pAmp[p] as number) * Math.sin((Math.PI * (d + 0.5)) / len);
      }
      ex[k] = x;
    }
  }

  /** Add voice v's contact transients for ages age0 … age0+n−1, striking each at its start. */
  private addContacts(v: number, age0: number, n: number): void {
    const c = this.contacts[v] as ContactTransient;
    let k = 0;
    for (let j = v * CONTACTS; j < v * CONTACTS + CONTACTS; j++) {
      const s = (this.cAt[j] as number) - age0;
      if (s < 0 || s >= n) continue;
      c.addTo(this.acc, k, s - k);
      k = s;
      const shape = c.shape;
      for (let q = 0; q < CT_LENGTH; q++) shape[q] = this.cShape[j * CT_LENGTH + q] as number;
      c.strike();
    }
    c.addTo(this.acc, k, n - k);
  }

  private control(): void {
    for (let v = 0; v < VOICES; v++) (this.banks[v] as ModalBank).settle();
    this.params.tick();
    this.speedDrift.advance(CONTROL);
    this.touchDrift.advance(CONTROL);
    this.levelDrift.advance(CONTROL);
  }

  private autoType(): void {
    const sr = this.sampleRate;
    const wpm = this.params.get(P_SPEED);
    if (wpm < 1 || (this.params.target[P_SPEED] as number) < 1) {
      this.untilNext = Math.round(0.05 * sr);
      return;
    }
    const rng = this.rng;
    const variation = this.params.get(P_VARIATION);
    const cps = (wpm * 5.5) / 60; // characters (with spaces) per second
    const ioi = 1 / (cps * Math.exp(0.3 * variation * this.speedDrift.value));
    let key: number;
    let next = ioi * Math.exp(0.28 * rng.gauss()) * 0.85;
    if (this.backspaces > 0) {
      this.backspaces--;
      key = KEY_BACKSPACE;
      next = rng.range(0.1, 0.16);
      if (this.backspaces === 0) next += rng.range(0.3, 0.8);
    } else if (this.wordLeft > 0) {
      this.wordLeft--;
      key = rng.nextU32() % KEYS;
      if (key === this.lastKey) key = (key + 7) % KEYS;
      if (rng.float() < 0.025) next += rng.range(0.3, 1.1); // hesitation
    } else {
      // end of word: a space; after a burst of words (a thought), a pause to think
      key = KEY_SPACE;
      this.wordLeft = 1 + Math.min(10, Math.floor(rng.exponential(0.27)));
      next = ioi * rng.range(1.1, 1.6);
      if (--this.burstWords <= 0) {
        this.burstWords = 3 + (rng.nextU32() % 10);
        next += rng.range(1.2, 5);
        if (rng.float() < 0.2) key = KEY_ENTER;
      } else {
        const r = rng.float();
        if (r < 0.06)
          next += rng.range(0.3, 1); // a short hesitation
        else if (r < 0.09) this.backspaces = 1 + (rng.nextU32() % 5);
      }
    }
    this.lastKey = key;
    this.press(key, Math.min(1, Math.max(0.3, 0.75 * (1 + 0.12 * rng.gauss()))));
    this.untilNext = Math.max(1, Math.round(next * sr));
  }

  /** Start a keystroke on the quietest (oldest) voice. */
  private press(key: number, velocity: number): void {
    const rng = this.rng;
    const sr = this.sampleRate;
    const v = this.nextVoice;
    this.nextVoice = (v + 1) % VOICES;
    const variation = this.params.get(P_VARIATION);
    const soft = Math.min(1, Math.max(0, this.params.get(P_SOFT) + 0.15 * variation * this.touchDrift.value));
    const depth = this.params.get(P_DEPTH);
    const heavy = key >= KEYS && key !== KEY_BACKSPACE;
    const level =
      velocity * (this.keyLevel[key] as number) * 10 ** ((0.4 * variation * this.levelDrift.value) / 20);
    // modes: two click modes (switch), three thock modes (plate, case), one keycap mode
    const bank = this.banks[v] as ModalBank;
    const kc = (this.keyClick[key] as number) * (1 + 0.01 * rng.signed());
    const kt = (this.keyThock[key] as number) * (1 + 0.01 * rng.signed());
    const base = (270 - 90 * depth) * kt;
    const bw = (14 - 7 * depth) * (1 + soft);
    const click = 1.6 * (1 - 0.7 * soft);
    bank.setMode(0, 2900 * kc, 200, click);
    bank.setMode(1, 4200 * kc, 260, 0.5 * click);
    bank.setMode(2, base, bw, 0.5);
    bank.setMode(3, base * 2.37, bw * 2.2, 0.36);
    bank.setMode(4, base * 3.9, bw * 3.5, 0.35 + 0.2 * (1 - soft));
    bank.setMode(5, 1350 * kc, 90 * (1 + soft), 1.2 * (1 - 0.5 * soft));
    // pulses: contact click, bottom-out (space/enter: plus a stabiliser rattle), release
    const p0 = v * PULSES;
    const ms = sr / 1000;
    const bottom = Math.round((7 + 5 * rng.float() + 3 * soft) * ms);
    const release = bottom + Math.round((heavy ? rng.range(110, 170) : rng.range(60, 130)) * ms);
    this.setPulse(p0, 0, (0.12 + 0.2 * soft) * ms, 0.6 * level);
    this.setPulse(p0 + 1, bottom, (1.2 + 2.2 * soft) * ms, level * (heavy ? 1.3 : 1));
    this.setPulse(p0 + 2, heavy ? bottom + Math.round(rng.range(2, 4) * ms) : -1, 0.8 * ms, 0.4 * level);
    this.setPulse(p0 + 3, release, (0.25 + 0.35 * soft) * ms, 0.3 * level);
    // contacts: fingertip on the cap (soft tick), bottom-out (the sharp click of stem and cap
    // meeting the housing, the cap rattling on its stem, the spring's ping) and the top-out on
    // release; space and enter rattle longer on their stabilisers
    const hard = 1 - soft;
    // contact levels and lengths follow the knob, not the touch drift (which only colours their
    // tone), so the loudness of a minute of typing does not wander with it
    const hardL = 1 - this.params.get(P_SOFT);
    const c0 = v * CONTACTS;
    const sh = this.cShape;
    let o = c0 * CT_LENGTH;
    this.cAt[c0] = 0;
    sh[o + CT_LEVEL] = CLICK * 0.25 * level * (0.2 + 1.1 * hardL);
    sh[o + CT_DECAY_MS] = 0.12 + 0.25 * (1 - hardL);
    sh[o + CT_TONE_HZ] = (3000 + 2500 * hard) * kc;
    sh[o + CT_Q] = 0.7;
    sh[o + CT_BOUNCES] = 0;
    sh[o + CT_BUZZ1_LEVEL] = 0;
    sh[o + CT_BUZZ2_LEVEL] = 0;
    sh[o + CT_JITTER] = 0.1;
    o += CT_LENGTH;
    this.cAt[c0 + 1] = bottom;
    sh[o + CT_LEVEL] = CLICK * 0.6 * level * (0.38 + 0.8 * hardL) * (heavy ? 1.1 : 1);
    sh[o + CT_DECAY_MS] = 0.33 + 0.5 * (1 - hardL);
    sh[o + CT_TONE_HZ] = (1900 + 3550 * hard) * kc * (heavy ? 0.8 : 1);
    sh[o + CT_Q] = 0.8;
    sh[o + CT_BOUNCES] = heavy ? 2 + (rng.nextU32() % 3) : 2 + (rng.nextU32() % 2);
    sh[o + CT_BOUNCE_MS] = heavy ? rng.range(2, 4) : rng.range(0.5, 1.3);
    sh[o + CT_BOUNCE_RATIO] = heavy ? 0.5 : 0.55;
    sh[o + CT_BUZZ1_HZ] = (heavy ? 1900 : 2400) * kc;
    sh[o + CT_BUZZ1_MS] = heavy ? 6 : 3;
    sh[o + CT_BUZZ1_LEVEL] = CLICK * 0.15 * level * (0.2 + 1.1 * hardL);
    sh[o + CT_BUZZ2_HZ] = 5200 * kt;
    sh[o + CT_BUZZ2_MS] = 4 + 8 * hardL;
    sh[o + CT_BUZZ2_LEVEL] = CLICK * 0.025 * level * (0.3 + 0.7 * hardL);
    sh[o + CT_JITTER] = 0.08;
    o += CT_LENGTH;
    this.cAt[c0 + 2] = release;
    sh[o + CT_LEVEL] = CLICK * 0.3 * level * (0.2 + 1.1 * hardL);
    sh[o + CT_DECAY_MS] = 0.2 + 0.2 * (1 - hardL);
    sh[o + CT_TONE_HZ] = (3200 + 1800 * hard) * kc;
    sh[o + CT_Q] = 1;
    sh[o + CT_BOUNCES] = 1;
    sh[o + CT_BOUNCE_MS] = rng.range(0.6, 1.2);
    sh[o + CT_BOUNCE_RATIO] = 0.25;
    sh[o + CT_BUZZ1_LEVEL] = 0;
    sh[o + CT_BUZZ2_HZ] = 5200 * kt;
    sh[o + CT_BUZZ2_MS] = 4 + 6 * hardL;
    sh[o + CT_BUZZ2_LEVEL] = CLICK * 0.02 * level * (0.3 + 0.7 * hardL);
    sh[o + CT_JITTER] = 0.1;
    this.age[v] = 0;
    this.lastPulseEnd[v] = release + 2 * ms;
  }

  private setPulse(p: number, start: number, len: number, amp: number): void {
    const l = Math.max(2, Math.round(len));
    this.pStart[p] = start;
    this.pLen[p] = start < 0 ? 0 : l;
    this.pAmp[p] = (amp * Math.PI) / (2 * l);
  }
}

export const keyboard: GeneratorDef = {
  id: "keyboard",
  label: "Soft keyboard",
  description: "Gentle typing on a cushioned keyboard, in bursts of words with pauses to think.",
  category: "journal",
  params: PARAMS,
  channels: 1,
  calibrationDb: -1.8,
  triggerParams: { speed: 0 },
  create: (sampleRate, seed) => new KeyboardVoice(sampleRate, seed),
};
