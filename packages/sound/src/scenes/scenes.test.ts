import { describe, expect, it } from "vitest";
import { renderScene } from "../analysis/render";
import { generatorById } from "../generators/index";
import { validateSceneGenerators } from "../validate";
import { BUILTIN_SCENES } from "./index";

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
});
