import type { Scene } from "@meridian/sound";
import { BUILTIN_SCENES } from "@meridian/sound";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type ParsedScene, parseScene, sceneSchema } from "./scene";

describe("scene schema", () => {
  it("produces the engine's Scene type", () => {
    expectTypeOf<ParsedScene>().toExtend<Scene>();
    const parsed: Scene = sceneSchema.parse({ version: 1, layers: [] });
    expect(parsed.layers).toEqual([]);
  });

  it("fills defaults for a minimal layer", () => {
    const r = parseScene({ version: 1, layers: [{ id: "rain", generator: "rain" }] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const layer = r.scene.layers[0];
    expect(layer?.position).toEqual({ azimuth: 0, elevation: 0, distance: 1 });
    expect(layer?.motion).toEqual({ kind: "static" });
    expect(layer?.gainDb).toBe(0);
    expect(r.scene.fadeIn).toBe(3);
  });

  it("names the offending field in errors", () => {
    const r = parseScene({
      version: 1,
      layers: [
        { id: "a", generator: "rain" },
        { id: "b", generator: "wind", position: { azimuth: 400 } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.field).toBe("layers[1].position.azimuth");
    expect(r.errors[0]?.message).toMatch(/between -180 and 180/);
  });

  it("rejects a wrong version, unknown keys, bad motion and duplicate ids", () => {
    const fields = (input: unknown) => {
      const r = parseScene(input);
      return r.ok ? [] : r.errors.map((e) => e.field);
    };
    expect(fields({ version: 2, layers: [] })).toContain("version");
    expect(fields({ version: 1, layers: [], colour: "blue" })).toContain("(scene)");
    expect(fields({ version: 1, layers: [{ id: "a", generator: "x", motion: { kind: "spin" } }] })).toContain(
      "layers[0].motion.kind",
    );
    expect(
      fields({
        version: 1,
        layers: [
          { id: "a", generator: "x" },
          { id: "a", generator: "y" },
        ],
      }),
    ).toContain("layers[1].id");
    expect(fields({ version: 1 })).toContain("layers");
  });

  it("accepts every built-in scene", () => {
    expect(BUILTIN_SCENES.length).toBeGreaterThanOrEqual(10);
    for (const { id, scene } of BUILTIN_SCENES) {
      const r = parseScene(scene);
      expect(r.ok, `${id}: ${r.ok ? "" : JSON.stringify(r.errors)}`).toBe(true);
    }
  });
});
