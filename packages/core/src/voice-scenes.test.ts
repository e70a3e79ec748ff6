import { BUILTIN_SCENES, createEngine } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import { parseScene, toEngineScene } from "./scene";
import { storyById, voiceContentById } from "./voice-library/index";
import { VOICE_BUILTIN_SCENES, VOICE_SCENE_BED_DB, voiceBuiltinScene } from "./voice-scenes";

describe("built-in scenes with a voice", () => {
  it("are at least three with a story, each a valid scene with a unique id and name", () => {
    const withStory = VOICE_BUILTIN_SCENES.filter((s) =>
      s.scene.voiceLayers.some((v) => v.content.kind === "story" && storyById(v.content.id)),
    );
    expect(withStory.length).toBeGreaterThanOrEqual(3);
    const ids = [...BUILTIN_SCENES.map((s) => s.id), ...VOICE_BUILTIN_SCENES.map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const names = [...BUILTIN_SCENES, ...VOICE_BUILTIN_SCENES].map((s) => s.scene.name);
    expect(new Set(names).size).toBe(names.length);
    for (const { id, scene } of VOICE_BUILTIN_SCENES) {
      const again = parseScene(JSON.parse(JSON.stringify(scene)));
      expect(again.ok && again.scene, id).toEqual(scene);
      expect(scene.description?.length ?? 0).toBeGreaterThan(40);
      for (const v of scene.voiceLayers) {
        if (v.content.kind !== "wordless") expect(voiceContentById(v.content.id)).toBeDefined();
      }
    }
    expect(voiceBuiltinScene("night-train-story")?.name).toBe("Night train story with rain");
    expect(voiceBuiltinScene("library-rain")).toBeUndefined();
  });

  it("keep the bed's make-up gain, the bed 3 dB down, and the voice at its own −27 LUFS", () => {
    for (const { id, bed, scene } of VOICE_BUILTIN_SCENES) {
      const base = BUILTIN_SCENES.find((s) => s.id === bed)?.scene;
      expect(base, id).toBeDefined();
      if (!base) continue;
      expect(scene.makeupGainDb).toBe(base.makeupGainDb);
      expect(scene.layers.map((l) => l.gainDb)).toEqual(
        base.layers.map((l) => (l.gainDb ?? 0) + VOICE_SCENE_BED_DB),
      );
      // The engine adds the make-up gain to PCM layers too: the voice's gain takes it back off.
      expect((scene.voiceLayers[0]?.gainDb ?? 0) + (scene.makeupGainDb ?? 0)).toBeCloseTo(0, 1);
    }
  });

  it("play in the engine: one PCM layer per voice layer", () => {
    for (const { id, scene } of VOICE_BUILTIN_SCENES) {
      const engineScene = toEngineScene(scene);
      expect(
        engineScene.pcmLayers?.map((l) => l.id),
        id,
      ).toEqual(scene.voiceLayers.map((v) => v.id));
      const engine = createEngine({ sampleRate: 16000, seed: 1 });
      engine.setScene(engineScene);
      expect(engine.pushPcm("voice", new Float32Array(160), 1, 16000)).toBe(160);
    }
  });
});
