import { generatorById, validateSceneGenerators } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import { parseScene } from "./scene";

describe("scene layer parameters", () => {
  const packed = 121 ** 5 - 1; // the matched bed's largest packed band profile

  it("accepts the matched bed's packed profile, which the generator then range-checks", () => {
    const r = parseScene({
      version: 2,
      layers: [{ id: "bed", generator: "sham", params: { low: packed, mid: 0 } }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scene.layers[0]?.params?.low).toBe(packed);
    expect(generatorById("sham")).toBeDefined();
    expect(validateSceneGenerators(r.scene as never)).toEqual([]);
  });

  it("still refuses values beyond exact integers and out of the generator's range", () => {
    const huge = parseScene({ version: 2, layers: [{ id: "a", generator: "rain", params: { x: 1e13 } }] });
    expect(huge.ok).toBe(false);
    const r = parseScene({
      version: 2,
      layers: [{ id: "bed", generator: "sham", params: { low: packed + 1 } }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(validateSceneGenerators(r.scene as never).length).toBeGreaterThan(0);
  });
});
