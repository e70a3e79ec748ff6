/**
 * A built-in scene's make-up gain, kept true when generators are recalibrated. `calibrate.ts
 * --scenes` measures each scene (BS.1770, limiter out of the way) and each of its layers alone,
 * and each layer's generator at its calibration reference (defaults, in front at 1 m) as it
 * renders then (scenes/levels.ts). A generator is meant to render −27 LUFS there; where it was
 * off when measured, the scene is taken as it will be once that generator is calibrated. So the
 * make-up gain holds when a generator is (re)calibrated to −27 LUFS, whatever its calibrationDb.
 */
import { renderGenerator } from "../analysis/render";
import type { GeneratorDef } from "../generator";
import { generatorById } from "../generators/index";
import type { Scene } from "../scene";
import { integratedLoudness } from "./meter";
import { MAX_MAKEUP_DB, measureSceneLoudness } from "./scene-estimate";
import { SCENE_TARGET_LUFS } from "./scene-level";

/** One measured layer: its loudness alone (LUFS, make-up 0) and its generator's at the reference then. */
export type LayerLevel = readonly [lufs: number, referenceLufs: number];

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

/** The scene's loudness (LUFS at make-up 0) with every generator at its −27 LUFS reference. */
export function calibratedSceneLoudness(scene: Scene, level: SceneLevel): number {
  const then: number[] = [];
  const now: number[] = [];
  for (const layer of scene.layers) {
    const measured = level.layers[layer.id];
    if (!measured) continue;
    const [lufs, ref] = measured;
    then.push(lufs);
    now.push(Number.isFinite(ref) ? lufs + SCENE_TARGET_LUFS - ref : lufs);
  }
  const before = powerSum(then);
  const after = powerSum(now);
  if (!Number.isFinite(before) || !Number.isFinite(after)) return level.lufs;
  return level.lufs + after - before;
}

/** The make-up gain (dB, one decimal) that brings the scene to −27 LUFS. */
export function calibratedMakeupGainDb(scene: Scene, level: SceneLevel): number {
  const lufs = calibratedSceneLoudness(scene, level);
  if (!Number.isFinite(lufs)) return 0;
  const db = Math.min(Math.max(SCENE_TARGET_LUFS - lufs, -MAX_MAKEUP_DB), MAX_MAKEUP_DB);
  return Math.round(db * 10) / 10;
}

export interface LevelOptions {
  /** Seconds of the long render (default 60). */
  readonly seconds?: number;
  /** Seconds of the short render averaged with it (default 24, the length scenes.test.ts checks). */
  readonly shortSeconds?: number;
  readonly lookup?: (id: string) => GeneratorDef | undefined;
}

const r2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Measure a scene for scenes/levels.ts: its loudness at make-up 0 (the mean of a long and a
 * short render, seed 1: evolving beds differ by up to ~1 LU between them), each layer's alone,
 * and each layer's generator at its reference.
 */
export function measureSceneLevel(scene: Scene, opts: LevelOptions = {}): SceneLevel {
  const lookup = opts.lookup ?? generatorById;
  const long = { seconds: opts.seconds ?? 60, seed: 1, lookup };
  const layers: Record<string, LayerLevel> = {};
  for (const layer of scene.layers) {
    const lufs = measureSceneLoudness({ ...scene, layers: [{ ...layer, mute: false, solo: false }] }, long);
    const def = lookup(layer.generator);
    let ref = Number.NaN;
    if (def) {
      const out = renderGenerator(def, { seconds: long.seconds, seed: 1 });
      ref = integratedLoudness(out.sampleRate, [out.l, out.r]);
    }
    layers[layer.id] = [r2(lufs), r2(ref)];
  }
  const a = measureSceneLoudness(scene, long);
  const b = measureSceneLoudness(scene, { ...long, seconds: opts.shortSeconds ?? 24 });
  return { lufs: r2((a + b) / 2), layers };
}
