/**
 * Paper crinkling: hands crumple and handle a sheet in gestures separated by rests. During a
 * gesture, crumpling "clicks" arrive as a Poisson process whose rate follows the gesture's
 * swell; each click's energy is drawn from a truncated power law p(E) ∝ E^−α with α ≈ 1.45
 * (Houle & Sethna measured 1.3–1.6 for paper), and drives a resonant noise grain whose pitch
 * falls and ring lengthens with the click's size (SDT crumpling control model). A faint
 * sheet-friction rustle sits underneath.
 */

import { Drift, softClipBlock } from "../dsp/envelope";
import { GrainPool } from "../dsp/grains";
import { OnePole } from "../dsp/one-pole";
import { SmoothedParams } from "../dsp/params";
import { Svf } from "../dsp/svf";
import type { GeneratorDef, GeneratorVoice, ParamSpec } from "../generator";
import { Rng } from "../rng";

const PARAMS: readonly ParamSpec[] = [
  {
    name: "activity",
    label: "Activity",
    min: 0,
    max: 1,
    default: 0.5,
    description: "How often the hands crumple the paper; 0 = only when triggered.",
  },
  {
    name: "intensity",
    label: "Crush",
    min: 0,
    max: 1,
    default: 0.5,
    description: "How hard the paper is squeezed: more and louder crackles.",
  },
  {
    name: "stiffness",
    label: "Paper",
    min: 0,
    max: 1,
    default: 0.5,
    description: "0 = soft tissue paper, 1 = crisp, stiff wrapping paper.",
  },
  {
    name: "variation",
    label: "Variation",
    min: 0,
    max: 1,
    default: 0.35,
    description: "How much the handling style and paper wander over minutes.",
  },
];
const P_ACTIVITY = 0;
const P_INTENSITY = 1;
const P_STIFFNESS = 2;
const P_VARIATION = 3;

/** Power-law exponent of click energies (paper: 1.3–1.6). */
export const CRUMPLE_ALPHA = 1.45;
/** Click energies span this ratio (Houle & Sethna saw at least two decades). */
export const CRUMPLE_RANGE = 200;

/**
 * Inverse CDF of the truncated power law p(E) ∝ E^−α on [1, range]: maps a uniform u in
 * [0, 1) to a click energy. Pure, so tests can check the distribution the voice uses.
 */
export function crumpleEnergy(u: number, alpha = CRUMPLE_ALPHA, range = CRUMPLE_RANGE): number {
  const k = alpha - 1;
  const tail = range ** -k;
  return (1 - u * (1 - tail)) ** (-1 / k);
}

/** The click energies the event process draws for a seed (for tests and analysis). */
export function crumpleEnergies(seed: number, count: number, alpha = CRUMPLE_ALPHA): Float64Array {
  const rng = new Rng(seed);
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = crumpleEnergy(rng.float(), alpha);
  return out;
}

const CONTROL = 32;
const GRAINS = 12;
const OUT_GAIN = 0.39;

class PaperCrinkleVoice implements GeneratorVoice {
  private readonly rng: Rng;
  private readonly params: SmoothedParams;
  private readonly grains: GrainPool;
  private readonly rustle: Svf;
  private readonly dc: OnePole;
  private readonly soften: OnePole;
  private readonly soften2: OnePole;
  private readonly styleDrift: Drift;
  private readonly paperDrift: Drift;
  private readonly levelDrift: Drift;
  private phase = 0;
  /** Gesture state: samples elapsed and total; rest samples left before the next one. */
  private gestureAt = 0;
  private gestureLen = 0;
  private gesturePeak = 0;
  private restLeft = 0;
  private rate = 0;
  private swell = 0;
  private gain = 1;
  /** Per-sample output gain of the current block (the gain moves at control rate). */
  private scale = new Float32Array(128);
  /** Resting and silent: skip the synthesis until the next gesture. */
  private idle = false;

  constructor(
    private readonly sampleRate: number,
    seed: number,
  ) {
    const rng = new Rng(seed);
    this.rng = rng;
    this.params = new SmoothedParams(PARAMS, sampleRate, CONTROL, 0.1);
    this.grains = new GrainPool(sampleRate, GRAINS);
    this.rustle = new Svf(sampleRate).set(3200, 0.7);
    this.dc = new OnePole(sampleRate).setCutoff(40);
    this.soften = new OnePole(sampleRate).setCutoff(7000);
    this.soften2 = new OnePole(sampleRate).setCutoff(9000);
    this.styleDrift = new Drift(new Rng(rng.fork(1)), sampleRate, 20, 90);
    this.paperDrift = new Drift(new Rng(rng.fork(2)), sampleRate, 40, 150);
    this.levelDrift = new Drift(new Rng(rng.fork(3)), sampleRate, 20, 70);
    this.restLeft = Math.round((rng.range(0.05, 0.8) * sampleRate) / CONTROL);
  }

  setParam(name: string, value: number): void {
    this.params.set(name, value);
  }

  /** One short squeeze of the paper. */
  trigger(strength: number): void {
    const s = Math.min(1, Math.max(0, strength));
    this.startGesture(this.rng.range(0.25, 0.5), 0.5 + s);
  }

  process(a: Float32Array, _b: Float32Array, offset: number, frames: number): void {
    const rng = this.rng;
    const grains = this.grains;
    const invSr = 1 / this.sampleRate;
    if (this.scale.length < frames) this.scale = new Float32Array(frames);
    const scale = this.scale;
    for (let i = offset; i < offset + frames; i++) {
      if (this.phase === 0) this.control();
      this.phase = (this.phase + 1) % CONTROL;
      scale[i - offset] = OUT_GAIN * this.gain;
      if (this.idle) {
        // resting hands: only let the output filters settle
        a[i] = 0;
        continue;
      }
      const noise = rng.signed();
      if (this.rate > 0 && rng.float() < this.rate * invSr) this.click();
      let y = grains.tick(noise);
      if (this.swell > 0) y += 0.12 * this.swell * this.rustle.bandNorm(noise);
      a[i] = y;
    }
    // the output chain in block form (per-sample calls V8 does not inline box their results)
    this.soften.lowpassBlock(a, offset, frames);
    this.soften2.lowpassBlock(a, offset, frames);
    this.dc.highpassBlock(a, offset, frames);
    for (let i = 0; i < frames; i++) a[offset + i] = (a[offset + i] as number) * (scale[i] as number);
    softClipBlock(a, offset, frames, 1);
  }

  private control(): void {
    this.controlStep();
    this.idle = this.gestureLen === 0 && this.rate === 0 && this.grains.idle;
  }

  private controlStep(): void {
    const p = this.params;
    p.tick();
    this.styleDrift.advance(CONTROL);
    this.paperDrift.advance(CONTROL);
    this.levelDrift.advance(CONTROL);
    const variation = p.get(P_VARIATION);
    this.gain = 10 ** ((1 * variation * this.levelDrift.value) / 20);
    if (this.gestureLen > 0) {
      this.gestureAt += CONTROL;
      const x = this.gestureAt / this.gestureLen;
      if (x >= 1) {
        this.gestureLen = 0;
        this.swell = 0;
        this.rate = 0;
      } else {
        // swell: quick rise, longer release, with a little tremor of the hands
        const shape =
          x < 0.3 ? Math.sin((x / 0.3) * Math.PI * 0.5) : Math.cos(((x - 0.3) / 0.7) * Math.PI * 0.5);
        this.swell = shape * shape;
        const crush = p.get(P_INTENSITY);
        this.rate =
          this.gesturePeak *
          this.swell *
          (60 + 700 * crush) *
          (0.85 + 0.15 * Math.sin(this.gestureAt * 0.0012));
      }
      return;
    }
    if (--this.restLeft > 0) return;
    const activity = p.get(P_ACTIVITY);
    if (activity < 0.01 || (p.target[P_ACTIVITY] as number) < 0.01) {
      this.restLeft = 1;
      return;
    }
    const style = 1 + 0.4 * variation * this.styleDrift.value;
    this.startGesture(this.rng.range(0.5, 2.8) * style, this.rng.range(0.6, 1));
    // rest before the next gesture (in control ticks): longer when activity is low
    const rest = (this.rng.range(0.2, 1.8) * (1.4 - activity) * (1 + 2 * (1 - activity))) / style;
    const pause = this.rng.float() < 0.1 ? this.rng.range(3, 8) : 0;
    this.restLeft = Math.max(1, Math.round(((rest + pause) * this.sampleRate) / CONTROL));
  }

  private startGesture(seconds: number, peak: number): void {
    this.idle = false;
    this.gestureAt = 0;
    this.gestureLen = Math.max(CONTROL, Math.round(seconds * this.sampleRate));
    this.gesturePeak = peak;
  }

  /** One crumpling click: power-law energy → grain loudness, size → pitch and ring. */
  private click(): void {
    const rng = this.rng;
    const p = this.params;
    const e = crumpleEnergy(rng.float());
    const stiff = Math.min(
      1,
      Math.max(0, p.get(P_STIFFNESS) + 0.2 * p.get(P_VARIATION) * this.paperDrift.value),
    );
    // larger events are larger facets: lower, longer; stiffer paper rings higher and longer
    const size = Math.log(e) / Math.log(CRUMPLE_RANGE); // 0 … 1
    const freq = (2200 + 3300 * stiff) * (1 - 0.45 * size) * (0.75 + 0.5 * rng.float());
    const q = 2 + 5 * stiff + 3 * rng.float();
    const ring = 1 + 4 * size;
    const decay = 0.0006 * ring * (0.6 + 0.8 * stiff);
    // energy ≈ amplitude² × duration, so a longer ring needs less amplitude for its energy
    const amp = Math.sqrt(e / ring) * (0.6 + 0.6 * p.get(P_INTENSITY));
    this.grains.spawn(amp, freq, freq / q, decay, 0.05);
    // big facets also flex the sheet: a lower, wider body sound
    if (e > 15)
      this.grains.spawn(0.6 * amp, (450 + 500 * stiff) * (0.8 + 0.4 * rng.float()), 250, decay * 2, 0);
  }
}

export const paperCrinkle: GeneratorDef = {
  id: "paper-crinkle",
  label: "Paper crinkling",
  description: "A sheet of paper being gently crumpled and handled, crackle by crackle.",
  category: "trigger",
  params: PARAMS,
  channels: 1,
  calibrationDb: -0.7,
  triggerParams: { activity: 0 },
  create: (sampleRate, seed) => new PaperCrinkleVoice(sampleRate, seed),
};
