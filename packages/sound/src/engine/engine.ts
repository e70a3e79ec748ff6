/**
 * The sound engine: a scene of layers → binaural mix → master gain and fades → limiter.
 * Same scene + seed → bit-identical output whatever the block sizes passed to `process`
 * (control values update on a fixed grid counted from frame 0; voices are block-size invariant).
 * `process` never allocates; everything else (setScene, trigger, pushPcm, …) may.
 *
 * PCM layers (`scene.pcmLayers`, see PcmLayer in ../scene): layers whose voice is a PcmSource
 * fed by `pushPcm` (speech, own audio) rather than a generator; otherwise they are layers like
 * any other (position, motion, spread, gain with the make-up gain, mute/solo, removal fade, the
 * limiter). They start at full level (the source fades its first 3 ms in), not with the layer fade.
 */
import type { GeneratorDef, GeneratorVoice } from "../generator";
import { generatorById } from "../generators/index";
import { sceneMasterGainDb } from "../loudness/scene-level";
import { hashString, Rng } from "../rng";
import {
  DEFAULT_FADE_IN,
  DEFAULT_FADE_OUT,
  DEFAULT_MOTION_PERIOD,
  DEFAULT_POSITION,
  DEFAULT_SPREAD,
  MAX_LAYERS,
  MOTION_KINDS,
  type MotionKind,
  type PcmLayer,
  type RoomKind,
  type Scene,
  type SceneLayer,
} from "../scene";
import { CONTROL, clamp, dbToGain, MAX_BLOCK } from "./constants";
import { Layer } from "./layer";
import { Limiter } from "./limiter";
import { type PcmPushOptions, PcmSource, type PcmStatus } from "./pcm-source";
import { Room } from "./room";
import { ShadowPole } from "./spatial";
import {
  DEFAULT_TRIGGER_PLACEMENT,
  TRIGGER_GENERATORS,
  type TriggerKind,
  type TriggerOptions,
} from "./triggers";

export interface EngineOptions {
  readonly sampleRate: number;
  readonly seed: number;
  /** Generator lookup (defaults to the built-in registry). */
  readonly generators?: (id: string) => GeneratorDef | undefined;
  /** Seconds a layer takes to fade in when added or out when removed (default 1.5). */
  readonly layerFade?: number;
  /**
   * Makes a layer's voice instead of `def.create(sampleRate, seed)`. The offline render uses it
   * to run the voices of an identical engine on another thread and feed their samples back.
   */
  readonly voices?: VoiceFactory;
}

export type VoiceFactory = (
  layerId: string,
  def: GeneratorDef,
  sampleRate: number,
  seed: number,
) => GeneratorVoice;

/** A scene layer's voice, as `Engine.layerVoices` lists it. */
export interface LayerVoice {
  readonly id: string;
  readonly channels: 1 | 2;
  readonly voice: GeneratorVoice;
}

/** At most this many PCM layers per scene. */
export const MAX_PCM_LAYERS = 8;

/**
 * The definitions PCM layers play under (no parameters). Their calibration makes PCM at −27 LUFS
 * (measured mono for mono layers, stereo for stereo ones) play at −27 LUFS in the mix at the
 * default position, like a generator at 0 dB: placement adds ~2.3 dB to a centred mono source
 * (both ears hear it) and takes ~3.8 dB from a stereo pair 60° apart (measured by
 * pcm-layer.test.ts, speech and uncorrelated noise).
 */
const PCM_DEFS: Readonly<Record<1 | 2, GeneratorDef>> = {
  1: pcmDef(1, -2.3),
  2: pcmDef(2, 3.8),
};

function pcmDef(channels: 1 | 2, calibrationDb: number): GeneratorDef {
  return {
    id: `pcm/${channels}`,
    label: "PCM",
    description: "Samples pushed by the host: synthesised speech or your own audio.",
    category: "bed",
    channels,
    calibrationDb,
    params: [],
    create: () => {
      throw new Error("a PCM layer's voice is its PcmSource");
    },
  };
}

/** Layer fields settable with `setLayerParam` besides the generator's own parameters. */
export const LAYER_FIELDS = [
  "gainDb",
  "mute",
  "solo",
  "azimuth",
  "elevation",
  "distance",
  "spread",
  "variation",
  "motion",
  "motionPeriod",
  "motionDepth",
] as const;

export class Engine {
  readonly sampleRate: number;
  readonly seed: number;
  private readonly lookup: (id: string) => GeneratorDef | undefined;
  private readonly layerFade: number;
  private readonly voiceFactory: VoiceFactory | undefined;
  private layers: Layer[] = [];
  private readonly oneShots = new Map<string, Layer>();
  /** The sources of the scene's PCM layers by layer id (not those fading out). */
  private readonly pcm = new Map<string, PcmSource>();
  private readonly oneShotList: Layer[] = [];
  private readonly mixL = new Float32Array(MAX_BLOCK);
  private readonly mixR = new Float32Array(MAX_BLOCK);
  private readonly limiter: Limiter;
  /** The head-shadow pole every source shares, run on the summed mix. */
  private readonly pole: ShadowPole;
  /** The scene's early reflections (null when dry), and the one that follows a fade-out. */
  private room: Room | null = null;
  private pendingRoom: Room | null = null;
  private roomKind: RoomKind = "dry";
  private readonly rng: Rng;
  private frameCount = 0;
  private ctrlLeft = 0;
  // Master gain (smoothed) and fade envelope (linear position p, gain = curve(p)).
  private masterTarget = 1;
  /** The scene's make-up gain in dB (0 with "keep my level"), added to its layers' gains. */
  private makeupDb = 0;
  private masterSm = 1;
  private masterCur = 0;
  private masterStep = 0;
  private readonly masterCoef: number;
  private fadePos = 0;
  private fadeStep = 0;
  private started = false;
  private fadeOutSeconds = DEFAULT_FADE_OUT;
  private stopping = false;

  constructor(options: EngineOptions) {
    this.sampleRate = options.sampleRate;
    this.seed = options.seed >>> 0;
    this.lookup = options.generators ?? generatorById;
    this.layerFade = options.layerFade ?? 1.5;
    this.voiceFactory = options.voices;
    this.limiter = new Limiter(options.sampleRate, MAX_BLOCK);
    this.pole = new ShadowPole(options.sampleRate);
    this.rng = new Rng(this.seed ^ 0x2545f491);
    this.masterCoef = Math.exp(-CONTROL / (0.05 * options.sampleRate));
  }

  /** Frames rendered so far. */
  get frame(): number {
    return this.frameCount;
  }

  /** Output latency of the master limiter in frames. */
  get latency(): number {
    return this.limiter.latency;
  }

  /** True after a fade-out or stop has reached silence. */
  get finished(): boolean {
    return this.stopping && this.fadePos <= 0 && this.fadeStep === 0;
  }

  /** Scene seconds of fade-out (for sleep timers and the end of a render). */
  get sceneFadeOut(): number {
    return this.fadeOutSeconds;
  }

  /** Replace the scene: new layers fade in, missing ones fade out, kept ones glide to new values. */
  setScene(scene: Scene): void {
    if (scene.layers.length > MAX_LAYERS) throw new Error(`layers: at most ${MAX_LAYERS} layers`);
    const pcmSpecs = scene.pcmLayers ?? [];
    if (pcmSpecs.length > MAX_PCM_LAYERS) throw new Error(`pcmLayers: at most ${MAX_PCM_LAYERS} layers`);
    // Layer id → the definition id it plays (a generator, or pcm/1, pcm/2).
    const wanted = new Map<string, string>();
    scene.layers.forEach((l, i) => {
      if (wanted.has(l.id)) throw new Error(`layers[${i}].id: duplicate layer id "${l.id}"`);
      wanted.set(l.id, l.generator);
      if (!this.lookup(l.generator)) {
        throw new Error(`layers[${i}].generator: unknown generator "${l.generator}"`);
      }
    });
    pcmSpecs.forEach((l, i) => {
      if (wanted.has(l.id)) throw new Error(`pcmLayers[${i}].id: duplicate layer id "${l.id}"`);
      const ch = l.channels ?? 1;
      if (ch !== 1 && ch !== 2)
        throw new Error(`pcmLayers[${i}].channels: expected 1 or 2, got ${String(ch)}`);
      const sec = l.bufferSeconds;
      if (sec !== undefined && !(sec > 0 && sec <= 600)) {
        throw new Error(`pcmLayers[${i}].bufferSeconds: expected more than 0 and at most 600, got ${sec}`);
      }
      wanted.set(l.id, PCM_DEFS[ch].id);
    });
    const first = !this.started;
    this.started = true;
    // The make-up gain goes on the scene's layers, not the master: layers fading out keep the
    // old scene's level and kept layers glide, so a scene switch does not jump in level.
    this.makeupDb = sceneMasterGainDb(scene) - (scene.masterGainDb ?? 0);
    const fadeIn = first ? 0 : this.layerFade;
    for (const layer of this.layers) {
      if (!layer.removing && wanted.get(layer.id) !== layer.def.id) {
        layer.remove(this.layerFade);
        if (this.pcm.get(layer.id) === layer.voice) this.pcm.delete(layer.id);
      }
    }
    for (const spec of scene.layers) {
      let layer = this.layers.find((l) => l.id === spec.id && !l.removing && l.def.id === spec.generator);
      if (!layer) {
        layer = this.makeLayer(spec.id, this.lookup(spec.generator) as GeneratorDef, fadeIn);
        this.layers.push(layer);
      }
      this.applyLayer(layer, spec);
    }
    for (const spec of pcmSpecs) {
      const def = PCM_DEFS[spec.channels ?? 1];
      let layer = this.layers.find((l) => l.id === spec.id && !l.removing && l.def.id === def.id);
      if (!layer) {
        const source = new PcmSource(this.sampleRate, def.channels, spec.bufferSeconds);
        layer = new Layer({
          id: spec.id,
          def,
          sampleRate: this.sampleRate,
          seed: 0,
          voice: source,
          frame: this.frameCount,
          fadeIn: 0,
          positionSmoothing: 0.05,
        });
        this.layers.push(layer);
        this.pcm.set(spec.id, source);
      }
      (layer.voice as PcmSource).loop = spec.loop ?? false;
      this.applyPlacement(layer, spec);
    }
    this.masterTarget = dbToGain(scene.masterGainDb ?? 0);
    if (first) {
      this.masterSm = this.masterTarget;
      const fade = scene.fadeIn ?? DEFAULT_FADE_IN;
      this.fadePos = fade > 0 ? 0 : 1;
      this.fadeStep = fade > 0 ? CONTROL / (fade * this.sampleRate) : 0;
    }
    this.fadeOutSeconds = scene.fadeOut ?? DEFAULT_FADE_OUT;
    this.setRoom(scene.room ?? "dry", first);
  }

  /**
   * Change one layer value: a generator parameter by name, or one of LAYER_FIELDS
   * (mute/solo take booleans or 0/1, motion takes a motion kind). Unknown layers or names are ignored.
   */
  setLayerParam(layerId: string, name: string, value: number | boolean | string): boolean {
    const layer = this.layers.find((l) => l.id === layerId && !l.removing);
    if (!layer) return false;
    const num = typeof value === "number" ? value : value === true ? 1 : 0;
    switch (name) {
      case "gainDb":
        layer.gainDb = clamp(num, -80, 24) + this.makeupDb;
        return true;
      case "mute":
        layer.mute = num !== 0;
        return true;
      case "solo":
        layer.solo = num !== 0;
        return true;
      case "azimuth":
        layer.azimuth = num;
        return true;
      case "elevation":
        layer.elevation = clamp(num, -90, 90);
        return true;
      case "distance":
        layer.distance = clamp(num, 0.05, 50);
        return true;
      case "spread":
        layer.spread = clamp(num, 0, 180);
        return true;
      case "motion":
        if (typeof value === "string" && (MOTION_KINDS as readonly string[]).includes(value)) {
          layer.motion.kind = value as MotionKind;
          return true;
        }
        return false;
      case "motionPeriod":
        layer.motion.period = num === 0 ? DEFAULT_MOTION_PERIOD : num;
        return true;
      case "motionDepth":
        layer.motion.depth = num;
        return true;
      default:
        if (!layer.def.params.some((p) => p.name === name)) return false;
        layer.setParam(name, num);
        return true;
    }
  }

  /**
   * The voices of the scene's layers in scene order (not one-shot voices), with their parameters
   * applied by `setScene`. Running them elsewhere, block after block from frame 0, yields the
   * samples this engine's layers would make.
   */
  layerVoices(): LayerVoice[] {
    return this.layers
      .filter((l) => !l.removing && !(l.voice instanceof PcmSource))
      .map((l) => ({ id: l.id, channels: l.def.channels, voice: l.voice }));
  }

  /**
   * Queue PCM on a PCM layer: `samples` mono or interleaved stereo (`channels`) at any
   * `sampleRate` (8–192 kHz, converted to the engine's), mixed to the layer's channels. Returns
   * the input frames accepted: fewer than given when the layer's ring is full (push the rest
   * later), 0 for an unknown layer or one fading out. `endOfStream` marks the stream's last frame
   * (the layer then ends, or loops if its scene entry says `loop`). Throws on bad arguments.
   * Rate conversion runs inside this call (a few ms per second of audio pushed): on an audio
   * thread, push a few hundred milliseconds at a time rather than a whole story.
   */
  pushPcm(
    layerId: string,
    samples: Float32Array,
    channels: 1 | 2,
    sampleRate: number,
    options?: PcmPushOptions,
  ): number {
    const source = this.pcm.get(layerId);
    if (!source) return 0;
    return source.push(samples, channels, sampleRate, options);
  }

  /** Play position of a PCM layer (engine-rate frames), or undefined for an unknown layer. */
  pcmStatus(layerId: string): PcmStatus | undefined {
    return this.pcm.get(layerId)?.status();
  }

  /** Drop what a PCM layer has queued (skip, replay); it decays to silence in a few ms. */
  clearPcm(layerId: string): boolean {
    const source = this.pcm.get(layerId);
    source?.clear();
    return source !== undefined;
  }

  /** Master gain in dB (smoothed). */
  setMasterGain(db: number): void {
    this.masterTarget = dbToGain(clamp(db, -80, 12));
  }

  /**
   * Queue a one-shot ('key', 'pen', 'tap', 'page' or any generator id with a trigger) at
   * `options.frame` (absolute) or `options.delay` seconds from now (default: the next frame).
   * Returns false if the generator does not exist or the queue is full.
   */
  trigger(kind: TriggerKind | string, options: TriggerOptions = {}): boolean {
    const genId = TRIGGER_GENERATORS[kind as TriggerKind] ?? kind;
    const def = this.lookup(genId);
    if (!def) return false;
    let layer = this.oneShots.get(genId);
    if (!layer) {
      layer = this.makeLayer(`trigger:${genId}`, def, 0, 0.01);
      for (const [name, v] of Object.entries(def.triggerParams ?? {})) layer.setParam(name, v);
      this.oneShots.set(genId, layer);
      this.oneShotList.push(layer);
    }
    const place = DEFAULT_TRIGGER_PLACEMENT[kind as TriggerKind] ?? DEFAULT_TRIGGER_PLACEMENT.tap;
    const az = options.azimuth ?? place.azimuth + this.rng.range(-place.jitter, place.jitter);
    const el = options.elevation ?? place.elevation;
    const dist = options.distance ?? place.distance;
    const frame =
      options.frame ?? this.frameCount + Math.max(0, Math.round((options.delay ?? 0) * this.sampleRate));
    if (options.gainDb !== undefined) layer.gainDb = options.gainDb;
    return layer.enqueue(Math.max(frame, this.frameCount), clamp(options.strength ?? 1, 0, 1), az, el, dist);
  }

  /** Fade everything to silence over `seconds` (sleep timer); `finished` turns true at the end. */
  fadeOut(seconds: number = this.fadeOutSeconds): void {
    this.stopping = true;
    this.fadeStep = -CONTROL / (Math.max(seconds, 0.01) * this.sampleRate);
  }

  /** Stop quickly (50 ms fade, no click). */
  stop(): void {
    this.fadeOut(0.05);
  }

  /** Render `frames` stereo frames into outL/outR (overwritten). Allocation-free. */
  process(outL: Float32Array, outR: Float32Array, frames: number): void {
    let done = 0;
    while (done < frames) {
      const n = Math.min(frames - done, MAX_BLOCK);
      this.renderBlock(outL, outR, done, n);
      done += n;
    }
  }

  private renderBlock(outL: Float32Array, outR: Float32Array, offset: number, n: number): void {
    const mixL = this.mixL;
    const mixR = this.mixR;
    mixL.fill(0, 0, n);
    mixR.fill(0, 0, n);
    let soloActive = false;
    const layers = this.layers;
    for (let i = 0; i < layers.length; i++) if ((layers[i] as Layer).solo) soloActive = true;
    for (let i = 0; i < layers.length; i++) (layers[i] as Layer).render(mixL, mixR, n, soloActive);
    const shots = this.oneShotList;
    for (let i = 0; i < shots.length; i++) (shots[i] as Layer).render(mixL, mixR, n, false);
    this.dropDeadLayers();
    // The shared head-shadow pole, then master gain × fade on the control grid, ramped per sample.
    const pole = this.pole;
    let i = 0;
    let g = this.masterCur;
    while (i < n) {
      if (this.ctrlLeft === 0) {
        this.masterCur = g;
        this.masterTick();
        pole.flush();
        const room = this.room;
        if (room !== null) {
          room.flush();
          if (room.silent) {
            this.room = this.pendingRoom;
            this.pendingRoom = null;
          }
        }
        this.ctrlLeft = CONTROL;
      }
      const m = Math.min(n - i, this.ctrlLeft);
      pole.run(mixL, mixR, i, m);
      if (this.room !== null) this.room.run(mixL, mixR, i, m);
      const step = this.masterStep;
      const e = i + m;
      if (step !== 0) {
        for (let k = i; k < e; k++) {
          g += step;
          mixL[k] = (mixL[k] as number) * g;
          mixR[k] = (mixR[k] as number) * g;
        }
      } else if (g !== 1) {
        // Steady gain: the same products as the ramp above (g += 0 leaves g unchanged).
        for (let k = i; k < e; k++) {
          mixL[k] = (mixL[k] as number) * g;
          mixR[k] = (mixR[k] as number) * g;
        }
      }
      i = e;
      this.ctrlLeft -= m;
    }
    this.masterCur = g;
    this.limiter.run(mixL, mixR, 0, n, outL, outR, offset);
    this.frameCount += n;
  }

  /** Change the room: a room fades out before the next one fades in (both made here, not in `process`). */
  private setRoom(kind: RoomKind, first: boolean): void {
    if (kind === this.roomKind) return;
    this.roomKind = kind;
    const next = kind === "dry" ? null : new Room(this.sampleRate, kind, this.seed, !first);
    if (this.room === null || first) {
      this.room = next;
    } else {
      this.room.fadeOut();
      this.pendingRoom = next;
    }
  }

  private masterTick(): void {
    const t = this.masterTarget;
    this.masterSm = t + (this.masterSm - t) * this.masterCoef;
    if (Math.abs(this.masterSm - t) < 1e-7) this.masterSm = t;
    if (this.fadeStep !== 0) {
      this.fadePos = clamp(this.fadePos + this.fadeStep, 0, 1);
      if (this.fadePos === 0 || this.fadePos === 1) this.fadeStep = 0;
    }
    const p = this.fadePos;
    // Fade curve: smoothstep on a squared position (gentle start, no abrupt end).
    const f = p * p * (3 - 2 * p);
    const target = this.masterSm * f;
    this.masterStep = (target - this.masterCur) / CONTROL;
  }

  private dropDeadLayers(): void {
    const layers = this.layers;
    let w = 0;
    for (let r = 0; r < layers.length; r++) {
      const l = layers[r] as Layer;
      if (!l.dead) layers[w++] = l;
    }
    if (w !== layers.length) layers.length = w;
  }

  private makeLayer(id: string, def: GeneratorDef, fadeIn: number, positionSmoothing?: number): Layer {
    const seed = (this.seed ^ Math.imul(hashString(id) ^ hashString(def.id), 0x9e3779b1)) >>> 0;
    return new Layer({
      id,
      def,
      sampleRate: this.sampleRate,
      seed,
      voice: this.voiceFactory?.(id, def, this.sampleRate, seed),
      frame: this.frameCount,
      fadeIn,
      positionSmoothing: positionSmoothing ?? 0.05,
    });
  }

  private applyLayer(layer: Layer, spec: SceneLayer): void {
    for (const [name, v] of Object.entries(spec.params ?? {})) layer.setParam(name, v);
    if (spec.variation !== undefined) layer.setParam("variation", spec.variation);
    this.applyPlacement(layer, spec);
  }

  /** Gain, mute/solo, position, spread and motion: what generator and PCM layers share. */
  private applyPlacement(layer: Layer, spec: SceneLayer | PcmLayer): void {
    layer.gainDb = (spec.gainDb ?? 0) + this.makeupDb;
    layer.mute = spec.mute ?? false;
    layer.solo = spec.solo ?? false;
    const pos = spec.position ?? DEFAULT_POSITION;
    layer.azimuth = pos.azimuth;
    layer.elevation = clamp(pos.elevation, -90, 90);
    layer.distance = clamp(pos.distance, 0.05, 50);
    layer.spread = clamp(spec.spread ?? DEFAULT_SPREAD, 0, 180);
    const m = spec.motion;
    layer.setMotion(m?.kind ?? "static", m?.period ?? DEFAULT_MOTION_PERIOD, m?.depth);
  }
}

export function createEngine(options: EngineOptions): Engine {
  return new Engine(options);
}
