import { BUILTIN_SCENES, createEngine, integratedLoudness } from "@meridian/sound";
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
    }
  });

  it("play the voice at −27 LUFS ±1 where it sits (make-up gain and nearness taken off)", () => {
    const sr = 16000;
    const n = sr * 3;
    // A −27 LUFS mono test signal, as the voice styles deliver.
    const tone = new Float32Array(n);
    for (let i = 0; i < n; i++)
      tone[i] = Math.sin((2 * Math.PI * 1000 * i) / sr) + 0.5 * Math.sin((2 * Math.PI * 300 * i) / sr);
    const k = 10 ** ((-27 - integratedLoudness(sr, [tone])) / 20);
    for (let i = 0; i < n; i++) tone[i] = (tone[i] ?? 0) * k;
    for (const { id, scene } of VOICE_BUILTIN_SCENES) {
      const engineScene = toEngineScene({
        ...scene,
        layers: scene.layers.map((l) => ({ ...l, mute: true })),
      });
      const engine = createEngine({ sampleRate: sr, seed: 1 });
      engine.setScene({ ...engineScene, fadeIn: 0 });
      engine.pushPcm("voice", tone, 1, sr);
      const l = new Float32Array(n);
      const r = new Float32Array(n);
      engine.process(l, r, n);
      const lufs = integratedLoudness(sr, [l.subarray(sr / 2, n - sr / 2), r.subarray(sr / 2, n - sr / 2)]);
      expect(Math.abs(lufs + 27), `${id}: ${lufs.toFixed(2)} LUFS`).toBeLessThanOrEqual(1);
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
