import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toneWav } from "../media/testing";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

const MB = 1024 * 1024;
// 4.9 s of 48 kHz 16-bit stereo: 0.9 MB.
const file = toneWav({ seconds: 4.9, amplitude: 0.1 });

/** POST /api/media with the bytes as a stream (in `chunk`-sized pieces); `declare` sends
 * Content-Length as a browser does; `failAfter` makes the body error after that many bytes. */
async function upload(
  h: Harness,
  client: Client,
  data: Buffer,
  options: { declare?: boolean; chunk?: number; failAfter?: number } = {},
): Promise<Response> {
  const { declare = true, chunk = 64 * 1024, failAfter } = options;
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 1));
      if (failAfter !== undefined && sent >= failAfter) {
        controller.error(new Error("connection reset"));
        return;
      }
      if (sent >= data.length) {
        controller.close();
        return;
      }
      controller.enqueue(new Uint8Array(data.subarray(sent, sent + chunk)));
      sent += chunk;
    },
  });
  return h.app.request("/api/media", {
    method: "POST",
    headers: {
      cookie: client.cookie ?? "",
      "x-meridian-client": "test",
      "content-type": "application/octet-stream",
      "x-filename": "f.wav",
      ...(declare ? { "content-length": String(data.length) } : {}),
    },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

describe.each(await testBackends())("the storage quota holds under parallel uploads (%s)", (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-quota-race-"));
  let h: Harness;
  let owner: Client;
  let ownerId: string;
  const onDisk = () => readdirSync(join(dataDir, "media", ownerId)).sort();

  beforeAll(async () => {
    h = await createHarness(kind, { dataDir, renderThreads: false, mediaQuotaBytes: 2 * MB });
    owner = await ownerClient(h);
    ownerId = (await body(await owner.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const clear = async () => {
    for (const item of (await body(await owner.get("/api/media"))).items)
      await owner.delete(`/api/media/${item.id}`);
  };

  for (const declare of [true, false]) {
    it(`8 parallel 0.9 MB uploads against a 2 MB quota: at most 2 stored (${declare ? "with" : "without"} Content-Length)`, async () => {
      await clear();
      const answers = await Promise.all(Array.from({ length: 8 }, () => upload(h, owner, file, { declare })));
      const created = answers.filter((r) => r.status === 201);
      const refused = answers.filter((r) => r.status !== 201);
      console.log(`${kind}, Content-Length ${declare}: ${created.length} of 8 got 201`);
      expect(created.length).toBeLessThanOrEqual(2);
      expect(created.length).toBeGreaterThanOrEqual(declare ? 2 : 1);
      for (const r of refused) {
        expect(r.status).toBe(413);
        expect((await body(r)).error).toMatchObject({
          code: "quota_exceeded",
          message: expect.stringMatching(/would pass your storage quota/),
        });
      }
      const ids = await Promise.all(created.map(async (r) => (await body(r)).id as string));
      expect(onDisk()).toEqual(ids.sort());
      const usage = await body(await owner.get("/api/media/usage"));
      expect(usage.mediaBytes).toBe(created.length * file.length);
      expect(usage.usedBytes).toBeLessThanOrEqual(2 * MB);
    });
  }

  it("releases the reservation of an upload that fails: refused content, a broken connection", async () => {
    await clear();
    const big = toneWav({ seconds: 10.5, amplitude: 0.1 }); // 1.92 MB: fits only when nothing is held
    const text = Buffer.alloc(1.5 * MB, "not audio at all ");
    const notAudio = await upload(h, owner, text);
    expect(notAudio.status).toBe(415);
    const broken = await upload(h, owner, big, { failAfter: 512 * 1024 });
    expect(broken.status).toBe(400);
    expect((await body(broken)).error.code).toBe("upload_interrupted");
    const brokenUndeclared = await upload(h, owner, big, { declare: false, failAfter: 512 * 1024 });
    expect(brokenUndeclared.status).toBe(400);
    expect(onDisk()).toEqual([]);
    const ok = await upload(h, owner, big);
    expect(ok.status, await ok.clone().text()).toBe(201);
    expect(onDisk()).toEqual([(await body(ok)).id]);
    // Now full: a render past what is left is refused, and the quota still counts renders.
    const scene = { version: 1, fadeIn: 0.1, fadeOut: 0.1, layers: [{ id: "rain", generator: "rain" }] };
    const render = await owner.post("/api/renders", { scene, durationSeconds: 1, format: "wav" });
    expect(render.status).toBe(413);
  });

  it("renders and uploads race for the same room: never past the quota", async () => {
    await clear();
    const scene = { version: 1, fadeIn: 0.1, fadeOut: 0.1, layers: [{ id: "rain", generator: "rain" }] };
    // A 5 s WAV render is 0.92 MB: two uploads and two renders cannot all fit in 2 MB.
    const answers = await Promise.all([
      upload(h, owner, file),
      owner.post("/api/renders", { scene, durationSeconds: 5, format: "wav" }),
      upload(h, owner, file),
      owner.post("/api/renders", { scene, durationSeconds: 5, format: "wav" }),
    ]);
    const accepted = answers.filter((r) => r.status === 201 || r.status === 202);
    expect(accepted.length).toBe(2);
    for (const r of answers) expect([201, 202, 413]).toContain(r.status);
    const usage = await body(await owner.get("/api/media/usage"));
    expect(usage.usedBytes).toBeLessThanOrEqual(2 * MB);
    for (const r of answers) if (r.status === 202) await owner.delete(`/api/renders/${(await body(r)).id}`);
  });
});
