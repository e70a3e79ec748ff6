import type { Scene } from "@meridian/sound";
import { BUILTIN_SCENES } from "@meridian/sound";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  fromEngineScene,
  mediaLayerAudible,
  migrateScene,
  parseScene,
  sceneSchema,
  toEngineScene,
} from "./scene";

describe("scene schema", () => {
  it("gives the engine its own Scene type", () => {
    const parsed = sceneSchema.parse({ version: 1, layers: [] });
    expectTypeOf(toEngineScene(parsed)).toEqualTypeOf<Scene>();
    expect(toEngineScene(parsed)).toEqual({
      version: 1,
      masterGainDb: 0,
      fadeIn: 3,
      fadeOut: 10,
      layers: [],
    });
  });

  it("takes an optional room and passes it to the engine", () => {
    const r = parseScene({ version: 1, room: "close", layers: [] });
    expect(r.ok && toEngineScene(r.scene).room).toBe("close");
    const none = parseScene({ version: 1, layers: [] });
    expect(none.ok && "room" in toEngineScene(none.scene)).toBe(false);
    const bad = parseScene({ version: 1, room: "cathedral", layers: [] });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toContain("room");
  });

  it("migrates a version 1 scene to version 2 with no own-audio layers", () => {
    const v1 = { version: 1, name: "Old", layers: [{ id: "rain", generator: "rain" }] };
    expect(migrateScene(v1)).toEqual({ ...v1, version: 2 });
    const r = parseScene(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scene.version).toBe(2);
    expect(r.scene.mediaLayers).toEqual([]);
    expect(r.scene.layers[0]?.generator).toBe("rain");
    // A version 1 scene can't carry own-audio layers: that needs version 2.
    const bad = parseScene({ ...v1, mediaLayers: [] });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toContain("version");
  });

  it("takes own-audio layers with defaults, checks their fields and ids across both lists", () => {
    const r = parseScene({
      version: 2,
      layers: [{ id: "rain", generator: "rain" }],
      mediaLayers: [{ id: "hum", mediaId: "AbC_12-x", name: "hum.wav" }],
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scene.mediaLayers[0]).toEqual({
      id: "hum",
      mediaId: "AbC_12-x",
      name: "hum.wav",
      loop: true,
      gainDb: 0,
      mute: false,
      solo: false,
      position: { azimuth: 0, elevation: 0, distance: 1.5 },
      motion: { kind: "static" },
    });
    const fields = (input: unknown) => {
      const p = parseScene(input);
      return p.ok ? [] : p.errors.map((e) => e.field);
    };
    expect(
      fields({
        version: 2,
        layers: [{ id: "a", generator: "rain" }],
        mediaLayers: [{ id: "a", mediaId: "m" }],
      }),
    ).toContain("mediaLayers[0].id");
    expect(fields({ version: 2, layers: [], mediaLayers: [{ id: "b", mediaId: "../etc" }] })).toContain(
      "mediaLayers[0].mediaId",
    );
    expect(
      fields({ version: 2, layers: [], mediaLayers: [{ id: "b", mediaId: "m", motion: { kind: "spin" } }] }),
    ).toContain("mediaLayers[0].motion.kind");
    const many = Array.from({ length: 9 }, (_, i) => ({ id: `m${i}`, mediaId: `x${i}` }));
    expect(fields({ version: 2, layers: [], mediaLayers: many })).toContain("mediaLayers");
  });

  it("keeps own audio out of the engine's scene; a soloed file silences the generators", () => {
    const r = parseScene({
      version: 2,
      layers: [{ id: "rain", generator: "rain" }],
      mediaLayers: [
        { id: "hum", mediaId: "m1", solo: true },
        { id: "voice", mediaId: "m2" },
      ],
    });
    if (!r.ok) throw new Error("valid");
    const engine = toEngineScene(r.scene);
    expect(engine.version).toBe(1);
    expect("mediaLayers" in engine).toBe(false);
    expect(engine.layers[0]?.mute).toBe(true);
    expect(mediaLayerAudible(r.scene.mediaLayers[0] as never, r.scene)).toBe(true);
    expect(mediaLayerAudible(r.scene.mediaLayers[1] as never, r.scene)).toBe(false);
    expect(fromEngineScene(engine).mediaLayers).toEqual([]);
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
    expect(fields({ version: 3, layers: [] })).toContain("version");
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
