/**
 * Measure each generator's calibration gain: render its defaults through the engine (front,
 * 1 m) for 60 s with three seeds, measure BS.1770 integrated loudness, and
 * report the gain that brings it to −27 LUFS.
 *
 *   npx tsx packages/sound/scripts/calibrate.ts            # all generators, report only
 *   npx tsx packages/sound/scripts/calibrate.ts rain wind  # some
 * (sound imports nothing, not even node:fs, so paste the value into the definition yourself.)
 */
import { renderGenerator } from "../src/analysis/render";
import type { GeneratorDef } from "../src/generator";
import { GENERATORS } from "../src/generators/index";
import { integratedLoudness } from "../src/loudness/meter";

export const TARGET_LUFS = -27;

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

const ids = process.argv.slice(2);
for (const def of GENERATORS) {
  if (ids.length > 0 && !ids.includes(def.id)) continue;
  const db = measureCalibration(def);
  const flag = Math.abs(db - def.calibrationDb) > 0.3 ? "  <- update the definition" : "";
  console.log(
    `${def.id.padEnd(16)} calibrationDb: ${db.toFixed(1).padStart(6)}  (now ${def.calibrationDb})${flag}`,
  );
}
