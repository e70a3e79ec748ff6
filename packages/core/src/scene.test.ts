import type { Scene } from "@meridian/sound";
import { BUILTIN_SCENES, createEngine } from "@meridian/sound";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  fromEngineScene,
  MAX_VOICE_LAYERS,
  mediaLayerAudible,
  migrateScene,
  parseScene,
  sceneSchema,
  toEngineScene,
  voiceLayerAudible,
} from "./scene";
import { VOICE_CONTENT_IDS } from "./voice-library/index";

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

describe("voice layers", () => {
  const fields = (input: unknown) => {
    const r = parseScene(input);
    return r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`);
  };
  const withVoices = (voiceLayers: unknown[], extra: Record<string, unknown> = {}) => ({
    version: 2,
    layers: [{ id: "rain", generator: "rain" }],
    voiceLayers,
    ...extra,
  });

  it("are optional: a version 1 or 2 scene without them gets an empty list", () => {
    const v1 = parseScene({ version: 1, layers: [] });
    const v2 = parseScene({ version: 2, layers: [], mediaLayers: [] });
    expect(v1.ok && v1.scene.voiceLayers).toEqual([]);
    expect(v2.ok && v2.scene.voiceLayers).toEqual([]);
    expect(v2.ok && "pcmLayers" in toEngineScene(v2.scene)).toBe(false);
  });

  it("fill defaults per style: soft 130 wpm, whisper 120, close at the left ear", () => {
    const r = parseScene(
      withVoices([
        { id: "story", content: { kind: "story", id: "night-train" } },
        { id: "lines", content: { kind: "wind-down", id: "wind-down-room" }, style: "whisper" },
        { id: "babble", content: { kind: "wordless" } },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scene.voiceLayers?.[0]).toEqual({
      id: "story",
      content: { kind: "story", id: "night-train" },
      style: "soft",
      rateWpm: 130,
      gainDb: 0,
      mute: false,
      solo: false,
      position: { azimuth: -70, elevation: 0, distance: 0.4 },
      motion: { kind: "static" },
    });
    expect(r.scene.voiceLayers?.[1]?.rateWpm).toBe(120);
    expect(r.scene.voiceLayers?.[2]?.style).toBe("whisper");
    expect(r.scene.voiceLayers?.[2]?.rateWpm).toBe(120);
    // Parsing the parsed scene again changes nothing (presets and share links round-trip).
    const again = parseScene(JSON.parse(JSON.stringify(r.scene)));
    expect(again.ok && again.scene).toEqual(r.scene);
  });

  it("accept every built-in content id, the body scan as a story", () => {
    for (const id of VOICE_CONTENT_IDS) {
      const kind = id.startsWith("wind-down") ? "wind-down" : "story";
      expect(fields(withVoices([{ id: "v", content: { kind, id } }])), id).toEqual([]);
    }
    expect(fields(withVoices([{ id: "v", content: { kind: "story", id: "body-scan" } }]))).toEqual([]);
  });

  it("refuse anything but built-in content, naming the field", () => {
    const bad = (content: unknown) => fields(withVoices([{ id: "v", content }]))[0] ?? "";
    expect(bad({ kind: "story", id: "my diary" })).toMatch(
      /^voiceLayers\[0\]\.content\.id: must be the id of a built-in story .*night-train/,
    );
    expect(bad({ kind: "wind-down", id: "night-train" })).toMatch(
      /^voiceLayers\[0\]\.content\.id: must be the id of a built-in wind-down set/,
    );
    // Free text can never ride along: there is no field for it.
    expect(bad({ kind: "story", id: "night-train", text: "Dear diary" })).toMatch(
      /^voiceLayers\[0\]\.content/,
    );
    expect(bad({ kind: "text", text: "Dear diary" })).toMatch(/^voiceLayers\[0\]\.content/);
    expect(bad({ kind: "wordless", id: "x" })).toMatch(/^voiceLayers\[0\]\.content/);
    expect(bad(undefined)).toMatch(/^voiceLayers\[0\]\.content/);
    expect(
      fields(withVoices([{ id: "v", content: { kind: "story", id: "night-train" }, text: "hi" }]))[0],
    ).toMatch(/^voiceLayers\[0\]/);
  });

  it("check style, rate, position, start and the wordless voice's style", () => {
    const story = { kind: "story", id: "seaside-cottage" };
    const first = (layer: Record<string, unknown>) =>
      fields(withVoices([{ id: "v", content: story, ...layer }]))[0];
    expect(first({ style: "shout" })).toMatch(/^voiceLayers\[0\]\.style: must be soft or whisper/);
    expect(first({ rateWpm: 79 })).toMatch(/^voiceLayers\[0\]\.rateWpm: must be between 80 and 220/);
    expect(first({ rateWpm: 221 })).toMatch(/^voiceLayers\[0\]\.rateWpm/);
    expect(first({ rateWpm: 80 })).toBeUndefined();
    expect(first({ position: { azimuth: 200 } })).toMatch(/^voiceLayers\[0\]\.position\.azimuth/);
    expect(first({ startAt: 1.5 })).toMatch(/^voiceLayers\[0\]\.startAt/);
    expect(first({ startAt: -1 })).toMatch(/^voiceLayers\[0\]\.startAt/);
    expect(first({ startAt: 12 })).toBeUndefined();
    expect(fields(withVoices([{ id: "v", content: { kind: "wordless" }, style: "soft" }]))[0]).toMatch(
      /^voiceLayers\[0\]\.style: the wordless voice is always whisper/,
    );
  });

  it("keep ids unique across all three lists and allow at most four", () => {
    const story = { kind: "story", id: "night-train" };
    expect(fields(withVoices([{ id: "rain", content: story }]))[0]).toMatch(
      /^voiceLayers\[0\]\.id: duplicate/,
    );
    expect(
      fields(withVoices([{ id: "v", content: story }], { mediaLayers: [{ id: "v", mediaId: "m1" }] }))[0],
    ).toMatch(/^voiceLayers\[0\]\.id: duplicate/);
    const many = Array.from({ length: MAX_VOICE_LAYERS + 1 }, (_, i) => ({ id: `v${i}`, content: story }));
    expect(fields(withVoices(many))[0]).toMatch(/^voiceLayers: at most 4 voice layers/);
    expect(fields(withVoices(many.slice(0, MAX_VOICE_LAYERS)))).toEqual([]);
  });

  it("become the engine's PCM layers, placed and gained like any layer", () => {
    const r = parseScene(
      withVoices([
        {
          id: "story",
          content: { kind: "story", id: "night-train" },
          gainDb: -3,
          position: { azimuth: 40, distance: 0.3 },
          motion: { kind: "orbit", period: 60 },
        },
      ]),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const engine = toEngineScene(r.scene);
    expect(engine.layers.map((l) => l.id)).toEqual(["rain"]);
    expect(engine.pcmLayers).toEqual([
      {
        id: "story",
        channels: 1,
        loop: false,
        bufferSeconds: 60,
        gainDb: -3,
        mute: false,
        solo: false,
        position: { azimuth: 40, elevation: 0, distance: 0.3 },
        motion: { kind: "orbit", period: 60 },
      },
    ]);
    expect("voiceLayers" in engine).toBe(false);
    // The engine takes it, and the voice layer accepts pushed speech.
    const e = createEngine({ sampleRate: 48000, seed: 1 });
    e.setScene(engine);
    expect(e.pushPcm("story", new Float32Array(1600), 1, 16000)).toBe(1600);
    // Back from the engine's format, the voice content is gone (it lives in the studio scene).
    expect(fromEngineScene(engine).voiceLayers).toEqual([]);
  });

  it("solo means the same across generator, own-audio and voice layers", () => {
    const story = { kind: "story", id: "night-train" };
    const soloVoice = parseScene(
      withVoices([{ id: "story", content: story, solo: true }], {
        mediaLayers: [{ id: "hum", mediaId: "m1" }],
      }),
    );
    if (!soloVoice.ok) throw new Error("valid");
    const e1 = toEngineScene(soloVoice.scene);
    // The engine solos across its generator and PCM layers itself: the rain stays unmuted there.
    expect(e1.layers[0]?.mute).toBe(false);
    expect(e1.pcmLayers?.[0]?.solo).toBe(true);
    expect(mediaLayerAudible(soloVoice.scene.mediaLayers[0] as never, soloVoice.scene)).toBe(false);
    expect(voiceLayerAudible(soloVoice.scene.voiceLayers?.[0] as never, soloVoice.scene)).toBe(true);

    const soloMedia = parseScene(
      withVoices([{ id: "story", content: story }], {
        mediaLayers: [{ id: "hum", mediaId: "m1", solo: true }],
      }),
    );
    if (!soloMedia.ok) throw new Error("valid");
    const e2 = toEngineScene(soloMedia.scene);
    expect(e2.layers[0]?.mute).toBe(true);
    expect(e2.pcmLayers?.[0]?.mute).toBe(true);
    expect(voiceLayerAudible(soloMedia.scene.voiceLayers?.[0] as never, soloMedia.scene)).toBe(false);

    const muted = parseScene(withVoices([{ id: "story", content: story, mute: true }]));
    if (!muted.ok) throw new Error("valid");
    expect(toEngineScene(muted.scene).pcmLayers?.[0]?.mute).toBe(true);
    expect(voiceLayerAudible(muted.scene.voiceLayers?.[0] as never, muted.scene)).toBe(false);
  });
});
