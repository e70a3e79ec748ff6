import { describe, expect, it } from "vitest";
import { renderScene } from "../analysis/render";
import { createEngine } from "../engine/engine";
import { generatorById } from "../generators/index";
import type { Scene } from "../scene";
import { integratedLoudness, LoudnessMeter } from "./meter";
import { estimateSceneLoudness, measureMakeupGainDb, measureSceneLoudness } from "./scene-estimate";
import { SCENE_TARGET_LUFS, sceneMasterGainDb } from "./scene-level";

const noise = (generator: string, gainDb: number, distance = 1, azimuth = 0): Scene => ({
  version: 1,
  fadeIn: 0,
  layers: [{ id: "a", generator, gainDb, position: { azimuth, elevation: 0, distance } }],
});

const lufs = (scene: Scene, seconds = 6): number => {
  const out = renderScene(scene, { seconds, seed: 1 });
  return integratedLoudness(out.sampleRate, [out.l, out.r]);
};

describe("scene level-matching", () => {
  it("adds the make-up gain to the scene's level unless the scene keeps its level", () => {
    expect(sceneMasterGainDb({ masterGainDb: -3, makeupGainDb: 8 })).toBe(5);
    expect(sceneMasterGainDb({ masterGainDb: -3, makeupGainDb: 8, keepLevel: true })).toBe(-3);
    const base = noise("pink-noise", -20);
    const plain = lufs(base);
    expect(lufs({ ...base, makeupGainDb: 6 }) - plain).toBeCloseTo(6, 1);
    expect(lufs({ ...base, makeupGainDb: 6, keepLevel: true })).toBeCloseTo(plain, 2);
  });

  it("keeps the make-up gain when the master gain is moved live", () => {
    const engine = createEngine({ sampleRate: 48000, seed: 1 });
    engine.setScene({ ...noise("pink-noise", -20), makeupGainDb: 6 });
    engine.setMasterGain(-4);
    const n = 48000 * 4;
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    for (let f = 0; f < n; f += 1024) engine.process(l.subarray(f), r.subarray(f), Math.min(1024, n - f));
    const plain = lufs(noise("pink-noise", -20), 4);
    expect(integratedLoudness(48000, [l.subarray(48000), r.subarray(48000)]) - plain).toBeCloseTo(2, 0);
  });

  it("estimates gain, distance and near-ear placement analytically within 1 LU", () => {
    // Generator defaults, placed and mixed; measured against each generator's own level in
    // front at 1 m (its calibration reference, −27 LUFS when calibrated), so this checks the
    // placement and mixing model, not the generators' calibration.
    const offset = (g: string): number => lufs(noise(g, 0), 8) - SCENE_TARGET_LUFS;
    const ref = new Map(["pink-noise", "brown-noise", "white-noise"].map((g) => [g, offset(g)]));
    const scenes: Scene[] = [
      noise("pink-noise", -6),
      noise("brown-noise", 0, 3),
      noise("pink-noise", -10, 0.3),
      // Not modelled: the head's own level change by direction near the ear (white noise at
      // 0.25 m, 90°: 2.4 LU over the estimate after the diffuse-field EQ). Level-matching uses
      // the measured pass; the estimate only sets that pass's level.
      {
        version: 1,
        fadeIn: 0,
        layers: [
          {
            id: "a",
            generator: "pink-noise",
            gainDb: -8,
            position: { azimuth: -60, elevation: 0, distance: 2 },
          },
          {
            id: "b",
            generator: "brown-noise",
            gainDb: -4,
            position: { azimuth: 30, elevation: 0, distance: 0.5 },
          },
        ],
      },
    ];
    for (const scene of scenes) {
      const calibrated = (id: string) => {
        const def = generatorById(id);
        const off = ref.get(id) ?? 0;
        return def ? { ...def, calibrationDb: def.calibrationDb - off } : undefined;
      };
      const est = estimateSceneLoudness(scene);
      const recal = renderScene(scene, { seconds: 8, seed: 1 }, calibrated);
      const realCal = integratedLoudness(recal.sampleRate, [recal.l, recal.r]);
      expect(Math.abs(realCal - est), JSON.stringify(scene.layers)).toBeLessThan(1);
    }
  });

  it("measures a scene with a short linear pass and level-matches it to −27 LUFS", () => {
    for (const gainDb of [-30, -10, 6]) {
      const scene = noise("pink-noise", gainDb, 0.5);
      const measured = measureSceneLoudness(scene, { seconds: 6 });
      const matched = { ...scene, makeupGainDb: measureMakeupGainDb(scene, { seconds: 6 }) };
      expect(Math.abs(measured - lufs(scene))).toBeLessThan(0.3);
      expect(Math.abs(lufs(matched) - SCENE_TARGET_LUFS)).toBeLessThan(0.5);
    }
    // The listener's master level is theirs: it does not change the make-up gain.
    const scene = noise("pink-noise", -10);
    const quieter = { ...scene, masterGainDb: -12 };
    expect(measureMakeupGainDb(quieter, { seconds: 4 })).toBe(measureMakeupGainDb(scene, { seconds: 4 }));
  });

  it("switches between level-matched scenes without a level jump (≤ 2 LU)", () => {
    const a0 = noise("pink-noise", 4, 0.4);
    const b0 = noise("brown-noise", -14, 3);
    const a = { ...a0, makeupGainDb: measureMakeupGainDb(a0, { seconds: 6 }) };
    const b = { ...b0, makeupGainDb: measureMakeupGainDb(b0, { seconds: 6 }) };
    const engine = createEngine({ sampleRate: 48000, seed: 1 });
    engine.setScene(a);
    const meter = new LoudnessMeter(48000);
    const l = new Float32Array(4800);
    const r = new Float32Array(4800);
    const momentary: number[] = [];
    for (let i = 0; i < 80; i++) {
      if (i === 40) engine.setScene(b);
      engine.process(l, r, 4800);
      meter.push([l, r]);
      if (i >= 5) momentary.push(meter.momentary());
    }
    const lo = Math.min(...momentary);
    const hi = Math.max(...momentary);
    expect(hi - lo).toBeLessThanOrEqual(2);
  });
});
