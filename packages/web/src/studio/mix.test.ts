import { fromEngineScene, isRandomMediaLayerId, parseScene, toEngineScene } from "@meridian/core";
import { BUILTIN_SCENES, generatorById, validateSceneGenerators } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import { decodeScene, encodeScene, mixFromHash } from "../audio/share";
import { EMPTY_SCENE, freshId, mediaLayerId, surpriseMix } from "./mix";

describe("surpriseMix", () => {
  it("makes 3–5 valid layers, each generator once, at most one plain noise, beds further away", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const mix = surpriseMix(seed * 7919);
      expect(mix.layers.length).toBeGreaterThanOrEqual(3);
      expect(mix.layers.length).toBeLessThanOrEqual(5);
      const parsed = parseScene(mix);
      expect(parsed.ok).toBe(true);
      expect(validateSceneGenerators(toEngineScene(mix))).toEqual([]);
      expect(mix.mediaLayers).toEqual([]);
      const gens = mix.layers.map((l) => l.generator);
      expect(new Set(gens).size).toBe(gens.length);
      expect(gens.filter((g) => g.endsWith("-noise")).length).toBeLessThanOrEqual(1);
      for (const l of mix.layers) {
        const bed = generatorById(l.generator)?.category === "bed";
        expect(l.position?.distance ?? 0).toBeGreaterThanOrEqual(bed ? 1.5 : 0.3);
        expect(l.gainDb).toBeLessThanOrEqual(-3);
      }
    }
  });

  it("is reproducible from its seed", () => {
    expect(surpriseMix(42)).toEqual(surpriseMix(42));
    expect(surpriseMix(42)).not.toEqual(surpriseMix(43));
  });
});

describe("share links", () => {
  it("round-trips every built-in scene, compressed", async () => {
    for (const { scene } of BUILTIN_SCENES) {
      const code = await encodeScene(fromEngineScene(scene));
      expect(code.startsWith("d")).toBe(true);
      const back = await decodeScene(code);
      expect(back.ok && back.scene).toEqual(
        parseScene(scene).ok ? (parseScene(scene) as { scene: unknown }).scene : null,
      );
    }
  });

  it("carries own-audio layers (by media id) and opens old version 1 links as version 2", async () => {
    const scene = {
      ...EMPTY_SCENE,
      mediaLayers: [
        {
          id: "hum-wav",
          mediaId: "Med1aId",
          name: "hum.wav",
          loop: false,
          gainDb: -3,
          mute: false,
          solo: false,
          position: { azimuth: 90, elevation: 10, distance: 0.5 },
          motion: { kind: "orbit" as const, period: 30 },
        },
      ],
    };
    const back = await decodeScene(await encodeScene(scene));
    expect(back.ok && back.scene.mediaLayers).toEqual(scene.mediaLayers);
    const v1 = `j${Buffer.from(JSON.stringify({ version: 1, layers: [{ id: "r", generator: "rain" }] })).toString("base64url")}`;
    const old = await decodeScene(v1);
    expect(old.ok && old.scene.version).toBe(2);
    expect(old.ok && old.scene.mediaLayers).toEqual([]);
  });

  it("reads the code from a hash and refuses damaged or foreign codes", async () => {
    expect(mixFromHash("#mix=dAbC-_")).toBe("dAbC-_");
    expect(mixFromHash("#other=1")).toBeNull();
    expect((await decodeScene("dQQ")).ok).toBe(false);
    expect((await decodeScene("xAAAA")).ok).toBe(false);
    const plain = `j${Buffer.from(JSON.stringify({ version: 1, layers: [{ id: "a", generator: "nope" }] })).toString("base64url")}`;
    const r = await decodeScene(plain);
    expect(r.ok).toBe(false);
  });

  it("names new layers uniquely", () => {
    expect(freshId("rain", [])).toBe("rain");
    expect(freshId("rain", [{ id: "rain" }])).toBe("rain-2");
  });

  it("gives own-audio layers random ids that say nothing about the file", () => {
    const ids = new Set<string>();
    let scene = EMPTY_SCENE;
    for (let i = 0; i < 8; i++) {
      const id = mediaLayerId(scene);
      expect(id).toMatch(/^m-[0-9a-f]{12}$/);
      expect(isRandomMediaLayerId(id)).toBe(true);
      ids.add(id);
      scene = {
        ...scene,
        mediaLayers: [
          ...scene.mediaLayers,
          {
            id,
            mediaId: `Med${i}`,
            name: "After the funeral - Mum's voice.wav",
            loop: true,
            gainDb: 0,
            mute: false,
            solo: false,
            position: { azimuth: 0, elevation: 0, distance: 1.5 },
            motion: { kind: "static" },
          },
        ],
      };
    }
    expect(ids.size).toBe(8);
    expect(parseScene(scene).ok).toBe(true);
    expect(JSON.stringify(scene.mediaLayers.map((l) => l.id))).not.toMatch(/funeral|mum|voice/);
  });
});
