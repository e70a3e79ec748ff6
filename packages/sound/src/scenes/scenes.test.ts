import { describe, expect, it } from "vitest";
import { renderScene } from "../analysis/render";
import { generatorById } from "../generators/index";
import { calibratedMakeupGainDb, measureSceneLevel } from "../loudness/scene-calibration";
import { SCENE_TARGET_LUFS } from "../loudness/scene-level";
import { sceneLevelReport } from "../loudness/scene-report";
import { validateSceneGenerators } from "../validate";
import { BUILTIN_SCENES } from "./index";
import { SCENE_LEVELS } from "./levels";

/**
 * Level drift: each scene's make-up gain (from its levels measured by `calibrate.ts --scenes`,
 * 60 s renders, taken as if every generator rendered −27 LUFS at its reference) must still bring it to
 * −27 LUFS ± 1 LU. 24 s, one seed, no fade-in: the steady state,
 * affordable for CI (13 renders). Changing how a generator sounds (beyond its calibration) moves the scenes that
 * use it: rerun  npx tsx packages/sound/scripts/calibrate.ts --scenes > packages/sound/src/scenes/levels.ts
 */
const LEVEL_SECONDS = 24;

describe("built-in scenes", () => {
  it("has at least 10 named, described scenes with unique ids", () => {
    expect(BUILTIN_SCENES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(BUILTIN_SCENES.map((s) => s.id)).size).toBe(BUILTIN_SCENES.length);
    for (const { scene } of BUILTIN_SCENES) {
      expect(scene.name?.length).toBeGreaterThan(3);
      expect(scene.description?.length).toBeGreaterThan(20);
    }
  });

  for (const { id, scene } of BUILTIN_SCENES) {
    const ready = scene.layers.every((l) => generatorById(l.generator));
    it.skipIf(!ready)(`${id}: valid against the registry and renders`, () => {
      expect(validateSceneGenerators(scene)).toEqual([]);
      const out = renderScene(scene, { seconds: 1, seed: 1, sampleRate: 24000 });
      for (const v of out.l) expect(Number.isFinite(v)).toBe(true);
    });
  }

  it("stays level-matched when a generator is recalibrated to −27 LUFS", () => {
    // Measured while tapping was 4 dB under its reference (calibrationDb 4 dB short), then
    // tapping is calibrated: the scene's make-up gain already counts on that.
    const id = "fingertips-orbit";
    const json = BUILTIN_SCENES.find((s) => s.id === id)?.scene;
    if (!json) throw new Error(id);
    const miscalibrated = (g: string) => {
      const def = generatorById(g);
      return def && g === "tapping" ? { ...def, calibrationDb: def.calibrationDb - 4 } : def;
    };
    const level = measureSceneLevel(json, {
      seconds: LEVEL_SECONDS,
      shortSeconds: LEVEL_SECONDS,
      lookup: miscalibrated,
    });
    const tapsRef = level.layers.taps?.[1] ?? 0;
    expect(tapsRef).toBeLessThan(SCENE_LEVELS[id]?.layers.taps?.[1] ?? 0);
    const scene = { ...json, makeupGainDb: calibratedMakeupGainDb(json, level) };
    const r = sceneLevelReport(scene, { seconds: LEVEL_SECONDS, seed: 1 });
    expect(Math.abs(r.lufs - SCENE_TARGET_LUFS), `${r.lufs.toFixed(1)} LUFS`).toBeLessThanOrEqual(1);
  });

  for (const { id, scene } of BUILTIN_SCENES) {
    const ready = scene.layers.every((l) => generatorById(l.generator));
    it.skipIf(!ready)(`${id}: plays at −27 LUFS ± 1 LU and leaves the limiter as a safety net`, () => {
      expect(scene.makeupGainDb, "measure it: calibrate.ts --scenes > scenes/levels.ts").toBeTypeOf("number");
      const r = sceneLevelReport(scene, { seconds: LEVEL_SECONDS, seed: 1 });
      expect(Math.abs(r.lufs - SCENE_TARGET_LUFS), `${r.lufs.toFixed(1)} LUFS`).toBeLessThanOrEqual(1);
      // The limiter turns down by more than 1 dB on under 1% of 10 ms frames.
      expect(r.limitedShare, `max ${r.maxReductionDb.toFixed(1)} dB`).toBeLessThan(0.01);
      expect(r.truePeakDb).toBeLessThanOrEqual(-1);
    });
  }
});
