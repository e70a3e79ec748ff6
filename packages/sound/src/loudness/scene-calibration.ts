/**
 * A built-in scene's make-up gain, kept true when generators are recalibrated. `calibrate.ts
 * --scenes` measures each scene (BS.1770, 60 s, limiter out of the way) and each of its layers
 * alone, and records them with the layers' generator `calibrationDb` at the time
 * (scenes/levels.ts). At load the make-up gain is that measurement, corrected for any change of
 * the generators' calibration since: a layer's level moves with its generator's calibration
 * (a plain gain), and the layers add as powers.
 */
import type { GeneratorDef } from "../generator";
import type { Scene } from "../scene";
import { MAX_MAKEUP_DB } from "./scene-estimate";
import { SCENE_TARGET_LUFS } from "./scene-level";

/** One measured layer: its loudness alone (LUFS, at make-up 0) and its generator's calibrationDb then. */
export type LayerLevel = readonly [lufs: number, calibrationDb: number];

export interface SceneLevel {
  /** The whole scene's loudness (LUFS) at make-up 0. */
  readonly lufs: number;
  /** By layer id. */
  readonly layers: Readonly<Record<string, LayerLevel>>;
}

function powerSum(levels: readonly number[]): number {
  let p = 0;
  for (const l of levels) if (Number.isFinite(l)) p += 10 ** (l / 10);
  return p > 0 ? 10 * Math.log10(p) : Number.NEGATIVE_INFINITY;
}

/** The scene's loudness now (LUFS at make-up 0), from its measurement and today's calibrations. */
export function calibratedSceneLoudness(
  scene: Scene,
  level: SceneLevel,
  lookup: (id: string) => GeneratorDef | undefined,
): number {
  const then: number[] = [];
  const now: number[] = [];
  for (const layer of scene.layers) {
    const measured = level.layers[layer.id];
    if (!measured) continue;
    const [lufs, cal] = measured;
    then.push(lufs);
    now.push(lufs + (lookup(layer.generator)?.calibrationDb ?? cal) - cal);
  }
  const before = powerSum(then);
  const after = powerSum(now);
  if (!Number.isFinite(before) || !Number.isFinite(after)) return level.lufs;
  return level.lufs + after - before;
}

/** The make-up gain (dB, one decimal) that brings the scene to −27 LUFS with today's calibrations. */
export function calibratedMakeupGainDb(
  scene: Scene,
  level: SceneLevel,
  lookup: (id: string) => GeneratorDef | undefined,
): number {
  const lufs = calibratedSceneLoudness(scene, level, lookup);
  if (!Number.isFinite(lufs)) return 0;
  const db = Math.min(Math.max(SCENE_TARGET_LUFS - lufs, -MAX_MAKEUP_DB), MAX_MAKEUP_DB);
  return Math.round(db * 10) / 10;
}
