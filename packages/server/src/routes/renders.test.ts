import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { readWav } from "../render/wav-writer";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

const scene = {
  version: 1,
  name: "Test rain",
  fadeIn: 0.2,
  fadeOut: 0.5,
  layers: [{ id: "rain", generator: "rain" }],
};

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function untilStatus(client: Client, id: string, statuses: string[]) {
  return waitFor(async () => {
    const r = await body(await client.get(`/api/renders/${id}`));
    return statuses.includes(r.status) ? r : undefined;
  });
}

describe.each([
  ["a worker thread", true],
  ["the event loop", false],
])("renders in %s", (_label, threads) => {
  let h: Harness;
  let owner: Client;
  let member: Client;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-renders-"));
  const rendersDir = join(dataDir, "renders");

  // A thread that fails to start falls back to the event loop with a warning: not here.
  const warn = vi.spyOn(console, "warn");

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir, renderThreads: threads });
    owner = await ownerClient(h);
    member = await memberClient(h, owner, "mia");
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    expect(warn.mock.calls.filter((c) => String(c[0]).includes("render thread"))).toEqual([]);
    warn.mockRestore();
  });

  it("renders a short scene to a valid WAV of the expected length, kept after the download until deleted", async () => {
    const res = await owner.post("/api/renders", { scene, durationSeconds: 2, format: "wav", seed: 7 });
    expect(res.status).toBe(202);
    const queued = await body(res);
    expect(queued).toMatchObject({
      status: expect.stringMatching(/queued|running/),
      format: "wav",
      durationSeconds: 2,
    });
    expect(queued.fileName).toBe("test-rain-2s.wav");
    const done = await untilStatus(owner, queued.id, ["done", "failed"]);
    expect(done).toMatchObject({ status: "done", progress: 1, error: null });
    expect(done.sizeBytes).toBe(80 + 2 * 48000 * 4);

    const file = await owner.get(`/api/renders/${queued.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("audio/wav");
    expect(file.headers.get("content-disposition")).toMatch(/attachment; filename="test-rain-2s.wav"/);
    const wav = readWav(Buffer.from(await file.arrayBuffer()));
    expect(wav).toMatchObject({ sampleRate: 48000, channels: 2 });
    expect(wav.samples[0]?.length).toBe(96000);
    expect(wav.samples[0]?.some((s) => s !== 0)).toBe(true);
    expect(done.warnings).toEqual([]);
    // Downloaded: still listed and downloadable until deleted, then gone with its file.
    expect((await owner.get(`/api/renders/${queued.id}`)).status).toBe(200);
    expect(readdirSync(rendersDir).sort()).toEqual([`${queued.id}.json`, `${queued.id}.wav`]);
    expect((await owner.delete(`/api/renders/${queued.id}`)).status).toBe(204);
    expect((await owner.get(`/api/renders/${queued.id}`)).status).toBe(404);
    expect(readdirSync(rendersDir)).toEqual([]);
  });

  it("renders a preset or a built-in scene to MP3", async () => {
    const preset = await body(await owner.post("/api/presets", { name: "P", scene }));
    const r = await body(
      await owner.post("/api/renders", { presetId: preset.id, durationSeconds: 1, format: "mp3" }),
    );
    const done = await untilStatus(owner, r.id, ["done", "failed"]);
    expect(done.status).toBe("done");
    const file = await owner.get(`/api/renders/${r.id}/file`);
    expect(file.headers.get("content-type")).toBe("audio/mpeg");
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes[0]).toBe(0xff);
    expect((await owner.delete(`/api/renders/${r.id}`)).status).toBe(204);
    const b = await body(
      await owner.post("/api/renders", { builtInSceneId: "ocean-sleep", durationSeconds: 1, format: "wav" }),
    );
    expect((await untilStatus(owner, b.id, ["done", "failed"])).status).toBe("done");
    expect((await owner.delete(`/api/renders/${b.id}`)).status).toBe(204);
    expect((await owner.get(`/api/renders/${b.id}`)).status).toBe(404);
    expect(readdirSync(rendersDir)).toEqual([]);
  });

  it("cancels a running render, removes its file, and runs one render at a time per user", async () => {
    const long = await body(
      await owner.post("/api/renders", { scene, durationSeconds: 3600, format: "wav" }),
    );
    const next = await body(await owner.post("/api/renders", { scene, durationSeconds: 1, format: "wav" }));
    const running = await waitFor(async () => {
      const r = await body(await owner.get(`/api/renders/${long.id}`));
      return r.status === "running" && r.progress > 0 ? r : undefined;
    });
    expect(running.progress).toBeLessThan(1);
    expect((await body(await owner.get(`/api/renders/${next.id}`))).status).toBe("queued");
    expect((await owner.get(`/api/renders/${long.id}/file`)).status).toBe(409);
    // The event loop stays responsive while it renders.
    const t0 = performance.now();
    expect((await owner.get("/api/me")).status).toBe(200);
    expect(performance.now() - t0).toBeLessThan(500);
    const withEta = await waitFor(async () => {
      const r = await body(await owner.get(`/api/renders/${long.id}`));
      return r.etaSeconds !== null ? r : undefined;
    });
    expect(withEta.etaSeconds).toBeGreaterThan(0);

    expect((await owner.delete(`/api/renders/${long.id}`)).status).toBe(204);
    const cancelled = await body(await owner.get(`/api/renders/${long.id}`));
    expect(cancelled.status).toBe("cancelled");
    expect(existsSync(join(rendersDir, `${long.id}.wav`))).toBe(false);
    // The queued one runs next.
    expect((await untilStatus(owner, next.id, ["done", "failed"])).status).toBe("done");
    const list = (await body(await owner.get("/api/renders"))).renders.map((r: { id: string }) => r.id);
    expect(list.slice(0, 2)).toEqual([next.id, long.id]);
    await owner.delete(`/api/renders/${next.id}`);
    expect(readdirSync(rendersDir)).toEqual([]);
  });

  it("validates the request", async () => {
    const bad = await owner.post("/api/renders", {
      scene: { ...scene, layers: [{ id: "x", generator: "rain", gainDb: 99 }] },
      durationSeconds: 1,
      format: "wav",
    });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error.field).toBe("scene.layers[0].gainDb");
    const tooLong = await owner.post("/api/renders", {
      scene,
      durationSeconds: 12 * 3600 + 1,
      format: "wav",
    });
    expect((await body(tooLong)).error.field).toBe("durationSeconds");
    expect((await owner.post("/api/renders", { durationSeconds: 1, format: "wav" })).status).toBe(400);
    expect((await owner.post("/api/renders", { scene, durationSeconds: 1, format: "flac" })).status).toBe(
      400,
    );
    expect(
      (
        await owner.post("/api/renders", {
          scene,
          builtInSceneId: "ocean-sleep",
          durationSeconds: 1,
          format: "wav",
        })
      ).status,
    ).toBe(400);
    expect(
      (await owner.post("/api/renders", { presetId: "nope", durationSeconds: 1, format: "wav" })).status,
    ).toBe(404);
    expect(
      (await owner.post("/api/renders", { builtInSceneId: "nope", durationSeconds: 1, format: "wav" }))
        .status,
    ).toBe(404);
  });

  it("refuses more than three unfinished renders per user", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await owner.post("/api/renders", { scene, durationSeconds: 3600, format: "wav" });
      expect(res.status).toBe(202);
      ids.push((await body(res)).id);
    }
    const fourth = await owner.post("/api/renders", { scene, durationSeconds: 1, format: "wav" });
    expect(fourth.status).toBe(409);
    expect((await body(fourth)).error.code).toBe("too_many_renders");
    for (const id of ids) expect((await owner.delete(`/api/renders/${id}`)).status).toBe(204);
    expect(readdirSync(rendersDir)).toEqual([]);
  });

  it("answers 404 for another user's render on every id route, and keeps other users' presets out", async () => {
    const preset = await body(await owner.post("/api/presets", { name: "Mine", scene }));
    expect(
      (await member.post("/api/renders", { presetId: preset.id, durationSeconds: 1, format: "wav" })).status,
    ).toBe(404);
    const r = await body(await owner.post("/api/renders", { scene, durationSeconds: 1, format: "wav" }));
    await untilStatus(owner, r.id, ["done"]);
    expect((await member.get(`/api/renders/${r.id}`)).status).toBe(404);
    expect((await member.get(`/api/renders/${r.id}/file`)).status).toBe(404);
    expect((await member.delete(`/api/renders/${r.id}`)).status).toBe(404);
    expect((await body(await member.get("/api/renders"))).renders).toEqual([]);
    expect((await owner.get(`/api/renders/${r.id}`)).status).toBe(200);
    expect((await owner.delete(`/api/renders/${r.id}`)).status).toBe(204);
  });
});
