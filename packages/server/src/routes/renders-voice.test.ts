import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planNarration } from "@meridian/voice/narration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWav } from "../render/wav-writer";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

const STORY = "night-train";
const startAt = planNarration({ kind: "story", id: STORY }).sentences.length - 1;
const bed = {
  version: 2,
  name: "Voice test",
  fadeIn: 0.2,
  fadeOut: 0.5,
  layers: [{ id: "rain", generator: "rain", gainDb: -6 }],
};
const withVoice = {
  ...bed,
  voiceLayers: [{ id: "story", content: { kind: "story", id: STORY }, style: "whisper", startAt }],
};

async function untilDone(client: Client, id: string) {
  const until = Date.now() + 120_000;
  for (;;) {
    const r = await body(await client.get(`/api/renders/${id}`));
    if (r.status === "done" || r.status === "failed") return r;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((res) => setTimeout(res, 100));
  }
}

describe("voice layers through the studio routes", () => {
  let h: Harness;
  let owner: Client;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-voice-routes-"));

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir, renderThreads: true });
    owner = await ownerClient(h);
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("queues and renders a scene with a voice layer in a worker thread; the voice is in the file", async () => {
    const files: Float32Array[] = [];
    for (const scene of [withVoice, bed]) {
      const res = await owner.post("/api/renders", { scene, durationSeconds: 4, format: "wav", seed: 5 });
      expect(res.status).toBe(202);
      const done = await untilDone(owner, (await body(res)).id);
      expect(done).toMatchObject({ status: "done", error: null });
      const file = await owner.get(`/api/renders/${done.id}/file`);
      files.push(
        Float32Array.from(readWav(Buffer.from(await file.arrayBuffer())).samples[0] ?? [], (v) => v / 32768),
      );
    }
    const [voiced, plain] = files as [Float32Array, Float32Array];
    let e = 0;
    for (let i = 0; i < voiced.length; i++) e += ((voiced[i] ?? 0) - (plain[i] ?? 0)) ** 2;
    expect(Math.sqrt(e / voiced.length)).toBeGreaterThan(3e-3);
  }, 180_000);

  it("renders a built-in scene with a story by its id", async () => {
    const res = await owner.post("/api/renders", {
      builtInSceneId: "seaside-story",
      durationSeconds: 3,
      format: "wav",
    });
    expect(res.status).toBe(202);
    const done = await untilDone(owner, (await body(res)).id);
    expect(done).toMatchObject({ status: "done", fileName: "seaside-cottage-story-with-waves-3s.wav" });
    const missing = await owner.post("/api/renders", {
      builtInSceneId: "no-such-story",
      durationSeconds: 3,
      format: "wav",
    });
    expect(missing.status).toBe(404);
  }, 120_000);

  it("refuses voice content that isn't built in, naming the field, and never takes text", async () => {
    const bad = async (content: unknown) => {
      const res = await owner.post("/api/renders", {
        scene: { ...bed, voiceLayers: [{ id: "v", content }] },
        durationSeconds: 4,
        format: "wav",
      });
      expect(res.status).toBe(400);
      return (await body(res)).error;
    };
    expect(await bad({ kind: "story", id: "my-journal" })).toMatchObject({
      code: "validation_failed",
      field: "scene.voiceLayers[0].content.id",
    });
    expect((await bad({ kind: "text", text: "Dear diary" })).field).toMatch(
      /^scene\.voiceLayers\[0\]\.content/,
    );
    expect((await bad({ kind: "story", id: STORY, text: "Dear diary" })).field).toMatch(
      /^scene\.voiceLayers\[0\]\.content/,
    );
  });

  it("keeps voice layers in a preset, with their defaults filled", async () => {
    const created = await owner.post("/api/presets", { name: "Train story", scene: withVoice });
    expect(created.status).toBe(201);
    const p = await body(created);
    expect(p.scene.voiceLayers).toEqual([
      {
        id: "story",
        content: { kind: "story", id: STORY },
        style: "whisper",
        rateWpm: 120,
        startAt,
        gainDb: 0,
        mute: false,
        solo: false,
        position: { azimuth: -70, elevation: 0, distance: 0.4 },
        motion: { kind: "static" },
      },
    ]);
    expect((await body(await owner.get(`/api/presets/${p.id}`))).scene.voiceLayers).toEqual(
      p.scene.voiceLayers,
    );
    const bad = await owner.post("/api/presets", {
      name: "Bad",
      scene: { ...bed, voiceLayers: [{ id: "v", content: { kind: "wind-down", id: "nope" } }] },
    });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.field).toBe("scene.voiceLayers[0].content.id");
  });
});
