/**
 * Measure calibration gains.
 *
 * Generators: render each one's defaults through the engine (front, 1 m) for 60 s with three
 * seeds, measure BS.1770 integrated loudness, and report the gain that brings it to −27 LUFS
 * (paste it into the definition: sound imports nothing, not even node:fs).
 *
 * Scenes: render each built-in scene (no fade-in, limiter out of the way) for 60 s, seed 1, and
 * report the make-up gain that brings it to −27 LUFS, to paste into the scene JSON's
 * `makeupGainDb` (next to `masterGainDb`). scenes.test.ts fails when a built-in scene drifts
 * outside −27 ± 1 LUFS.
 *
 *   npx tsx packages/sound/scripts/calibrate.ts                    # all generators, report only
 *   npx tsx packages/sound/scripts/calibrate.ts rain wind          # some
 *   npx tsx packages/sound/scripts/calibrate.ts --scenes           # all built-in scenes
 *   npx tsx packages/sound/scripts/calibrate.ts --scenes night-cabin ocean-sleep
 */
import { renderGenerator } from "../src/analysis/render";
import type { GeneratorDef } from "../src/generator";
import { GENERATORS } from "../src/generators/index";
import { integratedLoudness } from "../src/loudness/meter";
import { measureMakeupGainDb } from "../src/loudness/scene-estimate";
import { BUILTIN_SCENES } from "../src/scenes/index";

export const TARGET_LUFS = -27;
/** Seconds of each scene measurement (the figures are 60 s renders). */
export const SCENE_SECONDS = 60;

export function measureCalibration(def: GeneratorDef, seconds = 60, seeds = [1, 2, 3]): number {
  // Render well below the limiter's ceiling (so it stays linear), then correct; repeat once
  // if the first guess was far off.
  let cal = Math.min(def.calibrationDb, -20);
  for (let pass = 0; pass < 2; pass++) {
    const raw: GeneratorDef = { ...def, calibrationDb: cal };
    let sum = 0;
    for (const seed of seeds) {
      const { l, r, sampleRate } = renderGenerator(raw, { seconds, seed, sampleRate: 48000 });
      sum += integratedLoudness(sampleRate, [l, r]);
    }
    const error = TARGET_LUFS - sum / seeds.length;
    cal += error;
    if (Math.abs(error) < 2) break;
  }
  return Math.round(cal * 10) / 10;
}

function calibrateScenes(ids: readonly string[]): void {
  for (const { id, scene } of BUILTIN_SCENES) {
    if (ids.length > 0 && !ids.includes(id)) continue;
    const db = measureMakeupGainDb(scene, { seconds: SCENE_SECONDS, seed: 1 });
    const now = scene.makeupGainDb;
    const flag = now === undefined || Math.abs(db - now) > 0.3 ? `  <- update src/scenes/${id}.json` : "";
    console.log(
      `${id.padEnd(20)} "makeupGainDb": ${db.toFixed(1).padStart(5)}  (now ${now ?? "unset"})${flag}`,
    );
  }
}

const args = process.argv.slice(2);
const ids = args.filter((a) => !a.startsWith("--"));
if (args.includes("--scenes")) {
  calibrateScenes(ids);
} else {
  for (const def of GENERATORS) {
    if (ids.length > 0 && !ids.includes(def.id)) continue;
    const db = measureCalibration(def);
    const flag = Math.abs(db - def.calibrationDb) > 0.3 ? "  <- update the definition" : "";
    console.log(
      `${def.id.padEnd(16)} calibrationDb: ${db.toFixed(1).padStart(6)}  (now ${def.calibrationDb})${flag}`,
    );
  }
}
