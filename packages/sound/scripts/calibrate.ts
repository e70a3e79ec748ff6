/**
 * Measure calibration gains.
 *
 * Generators: render each one's defaults through the engine (front, 1 m) for 60 s with three
 * seeds, measure BS.1770 integrated loudness, and report the gain that brings it to −27 LUFS
 * (paste it into the definition: sound imports nothing, not even node:fs).
 *
 * Scenes: render each built-in scene (60 s and 24 s, averaged), each of its layers alone and
 * their generators at the reference (60 s; no fade-in, limiter out of the way), seed 1, and print
 * scenes/levels.ts: the scenes' make-up gains are computed from it at load, as if every generator
 * rendered exactly −27 LUFS at its reference (loudness/scene-calibration.ts).
 * scenes.test.ts fails when a built-in scene drifts outside −27 ± 1 LUFS.
 *
 *   npx tsx packages/sound/scripts/calibrate.ts                    # all generators, report only
 *   npx tsx packages/sound/scripts/calibrate.ts rain wind          # some
 *   npx tsx packages/sound/scripts/calibrate.ts --scenes > packages/sound/src/scenes/levels.ts
 */
import { renderGenerator } from "../src/analysis/render";
import type { GeneratorDef } from "../src/generator";
import { GENERATORS } from "../src/generators/index";
import { integratedLoudness } from "../src/loudness/meter";
import { calibratedMakeupGainDb, measureSceneLevel } from "../src/loudness/scene-calibration";
import { BUILTIN_SCENES } from "../src/scenes/index";

export const TARGET_LUFS = -27;
/** Seconds of each scene measurement (the figures are 60 s renders). */
export const SCENE_SECONDS = 60;
/** Seconds of the level check in scenes.test.ts. */
const TEST_SECONDS = 24;

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

/** Prints scenes/levels.ts (redirect it there); the report goes to stderr. */
function calibrateScenes(): void {
  const lines: string[] = [];
  for (const { id, scene } of BUILTIN_SCENES) {
    const level = measureSceneLevel(scene, { seconds: SCENE_SECONDS, shortSeconds: TEST_SECONDS });
    const db = calibratedMakeupGainDb(scene, level);
    const now = scene.makeupGainDb ?? 0;
    const flag = Math.abs(db - now) > 0.3 ? "  <- changed" : "";
    console.error(
      `${id.padEnd(20)} ${level.lufs.toFixed(1).padStart(6)} LUFS  makeupGainDb ${db.toFixed(1).padStart(5)}  (now ${now})${flag}`,
    );
    const layers = Object.entries(level.layers)
      .map(([k, [lufs, cal]]) => `"${k}": [${lufs}, ${cal}]`)
      .join(", ");
    lines.push(`  "${id}": { lufs: ${level.lufs}, layers: { ${layers} } },`);
  }
  console.log(`/**
 * Measured by \`npx tsx packages/sound/scripts/calibrate.ts --scenes > packages/sound/src/scenes/levels.ts\`
 * (then \`npx biome format --write\` it): each built-in scene's loudness at make-up 0 (mean of
 * 60 s and 24 s renders, seed 1) and each
 * layer's alone with its generator's loudness at the −27 LUFS reference then, as [LUFS, reference
 * LUFS]. The scenes' make-up gains are computed from these at load (loudness/scene-calibration.ts).
 */
import type { SceneLevel } from "../loudness/scene-calibration";

export const SCENE_LEVELS: Readonly<Record<string, SceneLevel>> = {
${lines.join("\n")}
};`);
}

const args = process.argv.slice(2);
const ids = args.filter((a) => !a.startsWith("--"));
if (args.includes("--scenes")) {
  calibrateScenes();
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
