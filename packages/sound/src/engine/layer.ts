/**
 * One playing layer: a generator voice, its gains (calibration, user gain, mute/solo, the
 * add/remove fade), its position and motion, and one binaural source per generator channel.
 * Control values update on the engine's fixed CONTROL grid; voice output is rendered per block
 * (split at queued one-shot triggers so they land on their exact frame).
 */
import type { GeneratorDef, GeneratorVoice } from "../generator";
import type { MotionKind } from "../scene";
import { CONTROL, clamp, dbToGain, MAX_BLOCK } from "./constants";
import { MotionState } from "./motion";
import { BinauralSource } from "./spatial";

const TRIGGER_QUEUE = 64;
const HALF_PI = Math.PI / 2;

function wrap180(x: number): number {
  return x - 360 * Math.floor((x + 180) / 360);
}

/** One smoothing step towards a target, snapping when close so static sources settle exactly. */
function approach(x: number, target: number, k: number): number {
  const d = target - x;
  return Math.abs(d) < 1e-7 ? target : x + d * k;
}

export interface LayerInit {
  readonly id: string;
  readonly def: GeneratorDef;
  readonly sampleRate: number;
  readonly seed: number;
  /** Global frame at which the layer starts (its control grid stays aligned to frame 0). */
  readonly frame: number;
  /** Seconds of fade-in (0 = start at full level). */
  readonly fadeIn: number;
  /** Position smoothing time constant in seconds. */
  readonly positionSmoothing?: number;
  /** The voice to play (default: a new one from `def.create`). */
  readonly voice?: GeneratorVoice | undefined;
}

export class Layer {
  readonly id: string;
  readonly def: GeneratorDef;
  readonly voice: GeneratorVoice;
  readonly params: Record<string, number> = {};
  readonly motion: MotionState;
  gainDb = 0;
  mute = false;
  solo = false;
  azimuth = 0;
  elevation = 0;
  distance = 1;
  spread = 60;
  /** True once a removal fade has finished; the engine drops dead layers. */
  dead = false;

  private readonly fs: number;
  private readonly a = new Float32Array(MAX_BLOCK);
  private readonly b: Float32Array;
  private readonly src0: BinauralSource;
  private readonly src1: BinauralSource | null;
  private readonly calibration: number;
  private readonly pos = new Float64Array(4);
  /** The sources' targets for the next control period: [azimuth, elevation, distance, gain]. */
  private readonly target0 = new Float64Array(4);
  private readonly target1 = new Float64Array(4);
  private lastGainDb = Number.NaN;
  private userGain = 0;
  private ctrlLeft = 0;
  private frame = 0;
  private gainSm = 0;
  private readonly gainCoef: number;
  private life = 0;
  private lifeStep = 0;
  private smAz = Number.NaN;
  private smEl = 0;
  private smDist = 1;
  private smSpread = 60;
  private readonly posCoef: number;
  // One-shot queue (sorted by frame).
  private readonly trigFrame = new Float64Array(TRIGGER_QUEUE);
  private readonly trigStrength = new Float64Array(TRIGGER_QUEUE);
  private readonly trigPos = new Float64Array(TRIGGER_QUEUE * 3);
  private trigCount = 0;

  constructor(init: LayerInit) {
    this.id = init.id;
    this.def = init.def;
    this.fs = init.sampleRate;
    this.voice = init.voice ?? init.def.create(init.sampleRate, init.seed);
    this.motion = new MotionState((init.seed ^ 0x5bd1e995) >>> 0);
    for (const p of init.def.params) this.params[p.name] = p.default;
    this.b = init.def.channels === 2 ? new Float32Array(MAX_BLOCK) : this.a;
    this.src0 = new BinauralSource(init.sampleRate);
    this.src1 = init.def.channels === 2 ? new BinauralSource(init.sampleRate) : null;
    this.calibration = dbToGain(init.def.calibrationDb);
    this.frame = init.frame;
    this.ctrlLeft = (CONTROL - (init.frame % CONTROL)) % CONTROL;
    this.gainCoef = Math.exp(-CONTROL / (0.03 * init.sampleRate));
    this.posCoef = Math.exp(-CONTROL / ((init.positionSmoothing ?? 0.05) * init.sampleRate));
    this.life = init.fadeIn > 0 ? 0 : 1;
    this.lifeStep = init.fadeIn > 0 ? CONTROL / (init.fadeIn * init.sampleRate) : 0;
  }

  setParam(name: string, value: number): void {
    const spec = this.def.params.find((p) => p.name === name);
    if (!spec || !Number.isFinite(value)) return;
    const v = clamp(value, spec.min, spec.max);
    this.params[name] = v;
    this.voice.setParam(name, v);
  }

  setMotion(kind: MotionKind, period: number, depth: number | undefined): void {
    this.motion.kind = kind;
    this.motion.period = period;
    this.motion.depth = depth ?? Number.NaN;
  }

  /** Start the removal fade; the layer is dead once it reaches silence. */
  remove(seconds: number): void {
    this.lifeStep = -CONTROL / (Math.max(seconds, 0.01) * this.fs);
  }

  get removing(): boolean {
    return this.lifeStep < 0;
  }

  /** Queue a one-shot at an absolute frame, placed at the given position. False if the queue is full. */
  enqueue(frame: number, strength: number, az: number, el: number, dist: number): boolean {
    if (this.trigCount >= TRIGGER_QUEUE) return false;
    let i = this.trigCount++;
    while (i > 0 && (this.trigFrame[i - 1] as number) > frame) {
      this.trigFrame[i] = this.trigFrame[i - 1] as number;
      this.trigStrength[i] = this.trigStrength[i - 1] as number;
      for (let k = 0; k < 3; k++) this.trigPos[i * 3 + k] = this.trigPos[(i - 1) * 3 + k] as number;
      i--;
    }
    this.trigFrame[i] = frame;
    this.trigStrength[i] = strength;
    this.trigPos[i * 3] = az;
    this.trigPos[i * 3 + 1] = el;
    this.trigPos[i * 3 + 2] = dist;
    return true;
  }

  /**
   * Render `n` frames of this layer (starting at the engine's current frame) and add them to the
   * mix. Consecutive control periods in which no source changes are placed in one call.
   */
  render(mixL: Float32Array, mixR: Float32Array, n: number, soloActive: boolean): void {
    this.generate(n);
    const solo = soloActive && !this.solo;
    const src0 = this.src0;
    const src1 = this.src1;
    let i = 0;
    let from = 0;
    while (i < n) {
      if (this.ctrlLeft === 0) {
        this.tick(this.frame + i, solo);
        if (!src0.unchangedBy(this.target0) || (src1 !== null && !src1.unchangedBy(this.target1))) {
          if (i > from) this.place(from, i - from, mixL, mixR);
          from = i;
          src0.updateFrom(this.target0);
          src1?.updateFrom(this.target1);
        }
        this.ctrlLeft = CONTROL;
      }
      const m = Math.min(n - i, this.ctrlLeft);
      i += m;
      this.ctrlLeft -= m;
    }
    if (n > from) this.place(from, n - from, mixL, mixR);
    this.frame += n;
  }

  private place(start: number, m: number, mixL: Float32Array, mixR: Float32Array): void {
    this.src0.process(this.a, start, m, mixL, mixR);
    this.src1?.process(this.b, start, m, mixL, mixR);
  }

  private generate(n: number): void {
    const voice = this.voice;
    const end = this.frame + n;
    let at = 0;
    while (this.trigCount > 0 && (this.trigFrame[0] as number) < end) {
      const f = Math.max(0, Math.floor((this.trigFrame[0] as number) - this.frame));
      if (f > at) {
        voice.process(this.a, this.b, at, f - at);
        at = f;
      }
      this.azimuth = this.trigPos[0] as number;
      this.elevation = this.trigPos[1] as number;
      this.distance = this.trigPos[2] as number;
      voice.trigger?.(this.trigStrength[0] as number);
      this.shiftQueue();
    }
    if (at < n) voice.process(this.a, this.b, at, n - at);
  }

  private shiftQueue(): void {
    const c = --this.trigCount;
    this.trigFrame.copyWithin(0, 1, c + 1);
    this.trigStrength.copyWithin(0, 1, c + 1);
    this.trigPos.copyWithin(0, 3, (c + 1) * 3);
  }

  private tick(frame: number, soloMuted: boolean): void {
    // Gains: user gain, mute/solo smoothed; add/remove fade linear in a smoothstep curve.
    if (this.gainDb !== this.lastGainDb) {
      this.lastGainDb = this.gainDb;
      this.userGain = this.calibration * dbToGain(this.gainDb);
    }
    const target = this.mute || soloMuted ? 0 : this.userGain;
    let gainSm = target + (this.gainSm - target) * this.gainCoef;
    if (Math.abs(gainSm - target) < 1e-7 * Math.max(target, 1e-3)) gainSm = target;
    this.gainSm = gainSm;
    if (this.lifeStep !== 0) {
      this.life += this.lifeStep;
      if (this.life >= 1) {
        this.life = 1;
        this.lifeStep = 0;
      } else if (this.life <= 0) {
        this.life = 0;
        this.dead = true;
      }
    }
    // Equal power: a layer fading out and one fading in at once (a scene switch) keep the sum
    // of their powers (sin² + cos² of the smoothstep), so the crossfade does not dip 3 dB.
    const l = this.life;
    const gain = l === 1 ? gainSm : gainSm * Math.sin(HALF_PI * l * l * (3 - 2 * l));
    // Position: motion around the base, then a final smoother (angles unwrapped). Values go
    // through the `pos` array rather than call arguments (no boxed doubles per tick).
    const pos = this.pos;
    pos[0] = this.azimuth;
    pos[1] = this.elevation;
    pos[2] = this.distance;
    pos[3] = frame / this.fs;
    if (this.motion.kind !== "static") this.motion.evaluate(pos);
    const az = pos[0] as number;
    if (Number.isNaN(this.smAz)) {
      this.smAz = az;
      this.smEl = pos[1] as number;
      this.smDist = pos[2] as number;
      this.smSpread = this.spread;
    } else {
      const k = 1 - this.posCoef;
      const a0 = wrap180(this.smAz);
      this.smAz = approach(a0, a0 + wrap180(az - a0), k);
      this.smEl = approach(this.smEl, pos[1] as number, k);
      this.smDist = approach(this.smDist, pos[2] as number, k);
      this.smSpread = approach(this.smSpread, this.spread, k);
    }
    const el = clamp(this.smEl, -90, 90);
    const t0 = this.target0;
    t0[1] = el;
    t0[2] = this.smDist;
    t0[3] = gain;
    if (this.src1) {
      const half = this.smSpread * 0.5;
      const t1 = this.target1;
      t0[0] = this.smAz - half;
      t1[0] = this.smAz + half;
      t1[1] = el;
      t1[2] = this.smDist;
      t1[3] = gain;
    } else {
      t0[0] = this.smAz;
    }
  }
}
