/**
 * Offline loudness estimate of a scene's mix, without rendering: every generator is calibrated
 * so its defaults play at −27 LUFS in front at 1 m (`calibrationDb`), so a layer's loudness is
 * −27 + its gain + what its placement does to the level at the two ears (the engine's per-ear
 * 1/r law and near-field proximity shelf, averaged over its motion and a stereo pair's spread),
 * and the layers add as powers (independent noises). The make-up gain is −27 minus this.
 *
 * Known blind spots (checked against BS.1770 renders in scene-level.test.ts): parameters away
 * from the defaults (−2.5 to +10 LU on the built-in scenes) and the head model's level change by
 * direction near the ear are not modelled, so level-matching measures (`measureSceneLoudness`).
 */
import { renderScene } from "../analysis/render";
import { DISTANCE_R0, HEAD_RADIUS, MAX_DISTANCE, MIN_DISTANCE } from "../engine/constants";
import type { GeneratorDef } from "../generator";
import { generatorById } from "../generators/index";
import { DEFAULT_POSITION, DEFAULT_SPREAD, type Scene, type SceneLayer } from "../scene";
import { integratedLoudness } from "./meter";
import { SCENE_TARGET_LUFS, sceneMasterGainDb } from "./scene-level";

const DEG = Math.PI / 180;
/** Points along a moving layer's path that are averaged. */
const PATH_POINTS = 24;
/** Share of the proximity shelf's boost (dB) that reaches the loudness of a typical layer. */
const PROXIMITY_SHARE = 0.35;

/** Mean power of the two ears, relative to a source in front at 1 m, for one direction. */
function placementPower(azimuth: number, elevation: number, distance: number): number {
  const dist = Math.min(Math.max(distance, MIN_DISTANCE), MAX_DISTANCE);
  const ce = Math.cos(elevation * DEG);
  const px = ce * Math.sin(azimuth * DEG) * dist;
  const py = ce * Math.cos(azimuth * DEG) * dist;
  const pz = Math.sin(elevation * DEG) * dist;
  const ear = (x: number): number => {
    const r = Math.max(Math.sqrt((px - x) ** 2 + py * py + pz * pz), MIN_DISTANCE);
    return ((1 + DISTANCE_R0) / (r + DISTANCE_R0)) ** 2;
  };
  const near = (0.6 - dist) / 0.5;
  const shelf = near <= 0 ? 0 : 6 * Math.min(near, 1) * PROXIMITY_SHARE;
  return ((ear(-HEAD_RADIUS) + ear(HEAD_RADIUS)) / 2) * 10 ** (shelf / 10);
}

const REFERENCE = placementPower(0, 0, 1);

/** Mean placement power of a layer over its motion (and its stereo pair), relative to front 1 m. */
export function layerPlacementPower(layer: SceneLayer, channels: 1 | 2): number {
  const pos = layer.position ?? DEFAULT_POSITION;
  const motion = layer.motion ?? { kind: "static" as const };
  const half = channels === 2 ? (layer.spread ?? DEFAULT_SPREAD) / 2 : 0;
  const offsets = channels === 2 ? [-half, half] : [0];
  let sum = 0;
  let count = 0;
  const points = motion.kind === "static" || motion.kind === "drift" ? 1 : PATH_POINTS;
  for (let i = 0; i < points; i++) {
    const phase = (i + 0.5) / points;
    let az = pos.azimuth;
    let dist = pos.distance;
    if (motion.kind === "orbit") az += 360 * phase;
    else if (motion.kind === "sweep") az += (motion.depth ?? 90) * Math.sin(2 * Math.PI * phase);
    else if (motion.kind === "approach") {
      const to = motion.depth ?? 0.15;
      dist += (to - dist) * 0.5 * (1 - Math.cos(2 * Math.PI * phase));
    }
    for (const off of offsets) {
      sum += placementPower(az + off, pos.elevation, dist);
      count++;
    }
  }
  return sum / count / REFERENCE;
}

/** Whether a layer is heard in the mix (not muted; soloed when any layer is). */
function audible(layer: SceneLayer, scene: Scene): boolean {
  const solo = scene.layers.some((l) => l.solo === true);
  return layer.mute !== true && (!solo || layer.solo === true);
}

/**
 * Estimated integrated loudness (LUFS) of a scene's mix at a master gain of 0 dB, before its
 * make-up gain: the listener's own master level is theirs, on top of the level-matching.
 * −Infinity for a silent scene. Unknown generators are skipped.
 */
export function estimateSceneLoudness(
  scene: Scene,
  lookup: (id: string) => GeneratorDef | undefined = generatorById,
): number {
  let power = 0;
  for (const layer of scene.layers) {
    const def = lookup(layer.generator);
    if (!def || !audible(layer, scene)) continue;
    const gain = 10 ** ((layer.gainDb ?? 0) / 10);
    power += gain * layerPlacementPower(layer, def.channels);
  }
  if (power <= 0) return Number.NEGATIVE_INFINITY;
  return SCENE_TARGET_LUFS + 10 * Math.log10(power);
}

/** Most make-up gain a scene gets (a near-silent scene is not pushed into the limiter). */
export const MAX_MAKEUP_DB = 30;

/** The make-up gain (dB, one decimal) that brings a scene's estimated loudness to −27 LUFS. */
export function estimateMakeupGainDb(
  scene: Scene,
  lookup: (id: string) => GeneratorDef | undefined = generatorById,
): number {
  const lufs = estimateSceneLoudness(scene, lookup);
  if (!Number.isFinite(lufs)) return 0;
  const db = Math.min(Math.max(SCENE_TARGET_LUFS - lufs, -MAX_MAKEUP_DB), MAX_MAKEUP_DB);
  return Math.round(db * 10) / 10;
}

/** The scene with its make-up gain set from the estimate (its own level kept as it is). */
export function withMakeupGain(
  scene: Scene,
  lookup: (id: string) => GeneratorDef | undefined = generatorById,
): Scene {
  return { ...scene, makeupGainDb: estimateMakeupGainDb(scene, lookup) };
}

export interface MeasureOptions {
  /** Seconds rendered (default 12). */
  readonly seconds?: number;
  readonly seed?: number;
  readonly sampleRate?: number;
  readonly lookup?: (id: string) => GeneratorDef | undefined;
}

/**
 * Level (LUFS, by the analytic estimate) the measuring pass renders at: far under the limiter
 * (which then stays linear) and far over BS.1770's −70 LUFS absolute gate, even when the
 * estimate is 10 LU off.
 */
const PROBE_LUFS = -42;

/**
 * BS.1770 integrated loudness (LUFS) of a short offline render of the scene's mix at a master
 * gain of 0 dB before its make-up gain (no fade-in), with the limiter kept out of the way. The analytic
 * `estimateSceneLoudness` misses what parameters do to a generator's level (up to 10 LU on the
 * built-in scenes), so level-matching uses this pass.
 */
export function measureSceneLoudness(scene: Scene, opts: MeasureOptions = {}): number {
  const estimate = estimateSceneLoudness(scene, opts.lookup);
  if (!Number.isFinite(estimate)) return Number.NEGATIVE_INFINITY;
  const headroom = estimate - PROBE_LUFS;
  const probe: Scene = {
    ...scene,
    fadeIn: 0,
    makeupGainDb: 0,
    keepLevel: false,
    masterGainDb: -headroom,
  };
  const out = renderScene(
    probe,
    { seconds: opts.seconds ?? 12, seed: opts.seed ?? 1, sampleRate: opts.sampleRate ?? 48000 },
    opts.lookup,
  );
  return integratedLoudness(out.sampleRate, [out.l, out.r]) + headroom;
}

/** The make-up gain (dB, one decimal) that brings a scene's measured loudness to −27 LUFS. */
export function measureMakeupGainDb(scene: Scene, opts: MeasureOptions = {}): number {
  const lufs = measureSceneLoudness(scene, opts);
  if (!Number.isFinite(lufs)) return 0;
  const db = Math.min(Math.max(SCENE_TARGET_LUFS - lufs, -MAX_MAKEUP_DB), MAX_MAKEUP_DB);
  return Math.round(db * 10) / 10;
}

export { sceneMasterGainDb };
