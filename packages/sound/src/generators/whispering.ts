/**
 * Unintelligible whispering. Breath noise passes through four formant band-passes whose
 * centres glide between whisper-shifted vowel targets (whispering raises R1 by ≈255 Hz,
 * R2–R4 by ≈75–125 Hz and weakens F1: Swerdlin, Smith & Wolfe 2010). A syllable process adds
 * sibilant onsets and codas (/s/ ≈ 7 kHz, /ʃ/ ≈ 3.6 kHz, /f/ broad), plosive puffs and
 * syllables at 2–6 Hz, grouped in 1–3 s phrases separated by pauses and soft inhalations.
 * "Proximity" adds the low-mid warmth and breath pops of a very close microphone.
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
    label: "Syllable rate",
    min: 2,
    max: 6,
    default: 3.5,
    unit: "Hz",
    description: "Syllables per second inside a phrase.",
  },
  {
    name: "sibilance",
    label: "Sibilance",
    min: 0,
    max: 1,
    default: 0.5,
    description: "How many and how strong the 's' and 'sh' sounds are.",
  },
  {
    name: "proximity",
    label: "Closeness",
    min: 0,
    max: 1,
    default: 0.6,
    description: "Close-microphone warmth and breathiness.",
  },
  {
    name: "pauses",
    label: "Pauses",
    min: 0,
    max: 1,
    default: 0.4,
    description: "0 = whispers almost continuously, 1 = long silences between phrases.",
  },
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0.35,
    description: "How much pace, voice and closeness wander over minutes.",
  },
];
const P_RATE = 0;
const P_SIB = 1;
const P_PROX = 2;
const P_PAUSES = 3;
const P_VARIATION = 4;

/** Whispered vowel formants F1–F4 (Hz): spoken values raised by the whisper shifts. */
const VOWELS: readonly (readonly number[])[] = [
  [985, 1205, 2565, 3475], // a
  [785, 1955, 2605, 3575], // e
  [525, 2405, 3135, 3775], // i
  [825, 955, 2535, 3375], // o
  [555, 985, 2365, 3375], // u
];
const FORMANT_BW = [220, 180, 240, 300];
/** Whispered F1 is weak; the upper formants carry the vowel. */
const FORMANT_GAIN = [0.3, 1, 0.75, 0.45];

const CONTROL = 32;
const OUT_GAIN = 0.64;
/**
 * The room between phrases: a constant breath-band hiss under everything (with the close-mic
 * warmth it reads as a quiet room and a mic's self-noise), about 40 dB under the whisper, so the
 * pauses are a natural recording's floor rather than digital silence.
 */
const ROOM_FLOOR = 0.0016;

// segment kinds
const PAUSE = 0;
const ONSET = 1;
const VOWEL = 2;
const CODA = 3;
const GAP = 4;
// consonant kinds
const C_NONE = 0;
const C_S = 1;
const C_SH = 2;
const C_F = 3;
const C_STOP = 4;

class WhisperVoice implements GeneratorVoice {
  private readonly rng: Rng;
  private readonly params: SmoothedParams;
  private readonly formants: Svf[] = [];
  private readonly fCur = new Float64Array(4);
  private readonly fTarget = new Float64Array(4);
  // per-chunk scratch (one control interval at most)
  private readonly noise = new Float64Array(CONTROL);
  private readonly vEnv = new Float64Array(CONTROL);
  private readonly cEnv = new Float64Array(CONTROL);
  private readonly pEnv = new Float64Array(CONTROL);
  private readonly bEnv = new Float64Array(CONTROL);
  private readonly voc = new Float64Array(CONTROL);
  private readonly cons = new Float64Array(CONTROL);
  private readonly puffs = new Float64Array(CONTROL);
  private readonly breaths = new Float64Array(CONTROL);
  /** Consonant filter settings chosen mid-interval, applied at the next control tick. */
  private sibFreq = 7000;
  private sibQ = 5;
  private puffFreq = 1100;
  private readonly sib: Svf;
  private readonly puff: Svf;
  private readonly breath: Svf;
  private readonly warmth: OnePole;
  private readonly dc: OnePole;
  private readonly lp1: OnePole;
  private readonly lp2: OnePole;
  private readonly paceDrift: Drift;
  private readonly voiceDrift: Drift;
  private readonly closeDrift: Drift;
  private phase = 0;
  private segment = PAUSE;
  private segLeft = 0;
  private syllablesLeft = 0;
  private syllableLen = 0;
  private syllableAmp = 1;
  private consonant = C_NONE;
  private vowel = 0;
  private vowelEnv = 0;
  private vowelTarget = 0;
  private consEnv = 0;
  private consTarget = 0;
  private puffSlow = 0;
  private puffFast = 0;
  private breathEnv = 0;
  private breathTarget = 0;
  private envK = 0;
  private consK = 0;
  private puffDecay = 0;
  private puffAttack = 0;
  private tract = 1;
  private warmthGain = 0;
  private readonly glide: number;

  constructor(
    private readonly sampleRate: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    this.rng = rng;
    this.params = new SmoothedParams(PARAMS, sampleRate, CONTROL, 0.1);
    for (let i = 0; i < 4; i++) this.formants.push(new Svf(sampleRate));
    this.sib = new Svf(sampleRate).set(7000, 5);
    this.puff = new Svf(sampleRate).set(1100, 0.8);
    this.breath = new Svf(sampleRate).set(1700, 0.8);
    this.warmth = new OnePole(sampleRate).setCutoff(320);
    this.dc = new OnePole(sampleRate).setCutoff(70);
    this.lp1 = new OnePole(sampleRate).setCutoff(8500);
    this.lp2 = new OnePole(sampleRate).setCutoff(10000);
    this.paceDrift = new Drift(new Rng(rng.fork(1)), sampleRate, 20, 80);
    this.voiceDrift = new Drift(new Rng(rng.fork(2)), sampleRate, 40, 140);
    this.closeDrift = new Drift(new Rng(rng.fork(3)), sampleRate, 25, 90);
    this.envK = 1 - Math.exp(-1 / (0.018 * sampleRate));
    this.consK = 1 - Math.exp(-1 / (0.012 * sampleRate));
    this.puffDecay = Math.exp(-1 / (0.014 * sampleRate));
    this.puffAttack = Math.exp(-1 / (0.006 * sampleRate));
    this.tract = rng.range(0.97, 1.06);
    this.glide = 1 - Math.exp(-CONTROL / (0.04 * sampleRate));
    this.vowel = rng.nextU32() % VOWELS.length;
    this.setVowelTargets();
    for (let i = 0; i < 4; i++) this.fCur[i] = this.fTarget[i] as number;
    this.segLeft = Math.round(rng.range(0.1, 0.6) * sampleRate);
  }

  setParam(name: string, value: number): void {
    this.params.set(name, value);
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const rng = this.rng;
    const { noise, vEnv, cEnv, pEnv, bEnv, voc, cons, puffs, breaths } = this;
    const envK = this.envK;
    const consK = this.consK;
    const end = offset + frames;
    let i = offset;
    while (i < end) {
      if (this.phase === 0) this.control();
      const n = Math.min(CONTROL - this.phase, end - i);
      // 1. segments, envelopes and the breath noise, sample by sample
      let vowelEnv = this.vowelEnv;
      let consEnv = this.consEnv;
      let breathEnv = this.breathEnv;
      let puffSlow = this.puffSlow;
      let puffFast = this.puffFast;
      const puffDecay = this.puffDecay;
      const puffAttack = this.puffAttack;
      for (let k = 0; k < n; k++) {
        if (--this.segLeft <= 0) {
          this.puffSlow = puffSlow;
          this.puffFast = puffFast;
          this.nextSegment();
          puffSlow = this.puffSlow;
          puffFast = this.puffFast;
        }
        vowelEnv += envK * (this.vowelTarget - vowelEnv);
        consEnv += consK * (this.consTarget - consEnv);
        breathEnv += 0.0002 * (this.breathTarget - breathEnv);
        puffSlow *= puffDecay;
        puffFast *= puffAttack;
        noise[k] = rng.signed();
        vEnv[k] = vowelEnv;
        cEnv[k] = consEnv;
        pEnv[k] = puffSlow - puffFast; // smooth onset, no step
        bEnv[k] = breathEnv + ROOM_FLOOR;
      }
      this.vowelEnv = vowelEnv;
      this.consEnv = consEnv;
      this.breathEnv = breathEnv;
      this.puffSlow = puffSlow;
      this.puffFast = puffFast;
      // 2. the filters, block by block (coefficients only change at control ticks)
      voc.fill(0, 0, n);
      cons.fill(0, 0, n);
      puffs.fill(0, 0, n);
      breaths.fill(0, 0, n);
      for (let f = 0; f < 4; f++) (this.formants[f] as Svf).runBand(noise, voc, n, FORMANT_GAIN[f] as number);
      this.sib.runBand(noise, cons, n, 1);
      this.puff.runBand(noise, puffs, n, 1);
      this.breath.runBand(noise, breaths, n, 1);
      // 3. mix, close-mic warmth, gentle top, DC
      const warmthGain = this.warmthGain;
      for (let k = 0; k < n; k++) {
        const y =
          (vEnv[k] as number) * (voc[k] as number) +
          (cEnv[k] as number) * (cons[k] as number) +
          (pEnv[k] as number) * (puffs[k] as number) +
          (bEnv[k] as number) * (breaths[k] as number);
        a[i + k] = y;
      }
      // block forms: per-sample calls V8 does not inline box their results
      this.warmth.addLowpassBlock(a, i, n, warmthGain);
      this.lp1.lowpassBlock(a, i, n);
      this.lp2.lowpassBlock(a, i, n);
      this.dc.highpassBlock(a, i, n);
      softClipBlock(a, i, n, OUT_GAIN);
      this.phase = (this.phase + n) % CONTROL;
      i += n;
    }
  }

  private control(): void {
    const p = this.params;
    p.tick();
    this.paceDrift.advance(CONTROL);
    this.voiceDrift.advance(CONTROL);
    this.closeDrift.advance(CONTROL);
    // formant glides (≈40 ms), whisper-broad bandwidths
    this.sib.design[SVF_F] = this.sibFreq;
    this.sib.design[SVF_Q] = this.sibQ;
    this.sib.retune();
    this.puff.design[SVF_F] = this.puffFreq;
    this.puff.design[SVF_Q] = 0.9;
    this.puff.retune();
    const k = this.glide;
    this.warmthGain = 2.2 * p.get(P_PROX);
    const tract = this.tract * (1 + 0.04 * p.get(P_VARIATION) * this.voiceDrift.value);
    for (let i = 0; i < 4; i++) {
      const cur =
        (this.fCur[i] as number) + k * ((this.fTarget[i] as number) * tract - (this.fCur[i] as number));
      this.fCur[i] = cur;
      const formant = this.formants[i] as Svf;
      formant.design[SVF_F] = cur;
      formant.design[SVF_Q] = cur / (FORMANT_BW[i] as number);
      formant.retune();
    }
  }

  private setVowelTargets(): void {
    const v = VOWELS[this.vowel] as readonly number[];
    for (let i = 0; i < 4; i++) this.fTarget[i] = (v[i] as number) * (1 + 0.04 * this.rng.signed());
  }

  private nextSegment(): void {
    const rng = this.rng;
    const p = this.params;
    const sr = this.sampleRate;
    const variation = p.get(P_VARIATION);
    if (this.segment === VOWEL) {
      // the vowel ends: sometimes a soft sibilant coda, always a short dip before the next
      this.vowelTarget = 0;
      if (this.consonant !== C_NONE && rng.float() < 0.2 * (0.5 + p.get(P_SIB))) {
        this.startConsonant(rng.float() < 0.6 ? C_S : C_SH, 0.35);
        this.segment = CODA;
        this.segLeft = Math.round(Math.min(rng.range(0.06, 0.1), 0.3 * this.syllableLen) * sr);
      } else {
        this.segment = GAP;
        this.segLeft = Math.round(this.syllableLen * rng.range(0.18, 0.3) * sr);
      }
      return;
    }
    if (this.segment === PAUSE || this.segment === GAP || this.segment === CODA) {
      if (this.segment !== PAUSE) this.syllablesLeft--;
      if (this.segment !== PAUSE && this.syllablesLeft <= 0) {
        // end of phrase: pause, sometimes with a soft inhalation
        this.segment = PAUSE;
        this.vowelTarget = 0;
        this.consTarget = 0;
        const pauses = p.get(P_PAUSES);
        const len = rng.range(0.25, 0.8) + pauses * rng.range(0.3, 3);
        this.segLeft = Math.round(len * sr);
        this.breathTarget = len > 0.6 && rng.float() < 0.45 ? 0.035 * (0.5 + p.get(P_PROX)) : 0;
        return;
      }
      if (this.segment === PAUSE) {
        this.breathTarget = 0;
        const rate = p.get(P_RATE) * Math.exp(0.2 * variation * this.paceDrift.value);
        const phrase = rng.range(1, 3);
        this.syllablesLeft = Math.max(1, Math.round(phrase * rate));
        this.syllableLen = 1 / rate;
        this.syllableAmp = rng.range(0.8, 1);
      }
      // a new syllable: onset consonant (maybe), then the vowel
      this.consTarget = 0;
      this.syllableAmp *= rng.range(0.9, 1.02);
      this.vowel = (this.vowel + 1 + (rng.nextU32() % (VOWELS.length - 1))) % VOWELS.length;
      this.setVowelTargets();
      const sib = p.get(P_SIB);
      const r = rng.float();
      let kind = C_NONE;
      if (r < 0.18 + 0.2 * sib) kind = C_S;
      else if (r < 0.3 + 0.28 * sib) kind = C_SH;
      else if (r < 0.45 + 0.28 * sib) kind = C_F;
      else if (r < 0.68 + 0.2 * sib) kind = C_STOP;
      this.consonant = kind;
      const syl = this.syllableLen * rng.range(0.7, 1.3);
      if (kind === C_NONE) {
        this.segment = VOWEL;
        this.vowelTarget = this.syllableAmp;
        this.segLeft = Math.round(syl * rng.range(0.5, 0.7) * sr);
        return;
      }
      this.segment = ONSET;
      this.vowelTarget = 0;
      this.startConsonant(kind, 0.7 + 0.3 * sib);
      const onset = kind === C_STOP ? rng.range(0.025, 0.045) : rng.range(0.05, 0.1);
      this.segLeft = Math.round(Math.min(onset, 0.3 * syl) * sr);
      return;
    }
    // ONSET → VOWEL
    this.segment = VOWEL;
    this.consTarget = 0;
    this.vowelTarget = this.syllableAmp;
    this.segLeft = Math.round(this.syllableLen * rng.range(0.4, 0.55) * sr);
  }

  private startConsonant(kind: number, strength: number): void {
    const rng = this.rng;
    const prox = this.params.get(P_PROX);
    const sib = this.params.get(P_SIB);
    if (kind === C_S) {
      this.sibFreq = rng.range(6400, 7600);
      this.sibQ = 5;
      this.consTarget = 0.5 * strength * (0.4 + sib);
    } else if (kind === C_SH) {
      this.sibFreq = rng.range(3300, 4000);
      this.sibQ = 2.5;
      this.consTarget = 0.65 * strength * (0.4 + sib);
    } else if (kind === C_F) {
      this.sibFreq = rng.range(4500, 6000);
      this.sibQ = 0.9;
      this.consTarget = 0.35 * strength;
    } else {
      this.consTarget = 0;
      this.puffFreq = rng.range(700, 1600) * (1.3 - 0.5 * prox);
      const peak = 1.2 * (0.8 + 1.2 * prox) * strength;
      this.puffSlow = peak + this.puffSlow - this.puffFast;
      this.puffFast = peak;
    }
  }
}

export const whispering: GeneratorDef = {
  id: "whispering",
  label: "Whispering",
  description: "Soft, close, wordless whispering in phrases with pauses and breaths.",
  category: "trigger",
  params: PARAMS,
  channels: 1,
  calibrationDb: 0.3,
  create: (sampleRate, seed) => new WhisperVoice(sampleRate, seed),
};
