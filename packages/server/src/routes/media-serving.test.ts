import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../ids";
import { toneWav, uploadFile } from "../media/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

/** A row an old import could leave: its stored type is whatever the archive said. */
async function plantMedia(
  h: Harness,
  dataDir: string,
  userId: string,
  contentType: string,
  bytes: Buffer,
  name = "page.html",
): Promise<string> {
  const id = newId();
  mkdirSync(join(dataDir, "media", userId), { recursive: true });
  writeFileSync(join(dataDir, "media", userId, id), bytes);
  await h.secureStore.studio.insertMedia(userId, {
    id,
    kind: "audio",
    name,
    sizeBytes: bytes.length,
    details: {
      format: "wav",
      contentType,
      durationSeconds: null,
      loudnessLufs: null,
      gainDb: 0,
      loudnessSource: null,
    },
    createdAt: new Date().toISOString(),
  });
  return id;
}

const html = Buffer.from("<!doctype html><script>alert(document.cookie)</script>");

describe("serving media: allow-listed types only, always with Content-Disposition and nosniff", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-media-serving-"));
  let h: Harness;
  let owner: Client;
  let ownerId: string;

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir, renderThreads: false });
    owner = await ownerClient(h);
    ownerId = (await body(await owner.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const type of ["text/html", "text/javascript", "image/svg+xml", "audio/wav\u000bx", "AUDIO/WAV"]) {
    it(`never serves a stored ${JSON.stringify(type)} row as that type (GET, Range, HEAD)`, async () => {
      const id = await plantMedia(h, dataDir, ownerId, type, html);
      for (const [method, headers] of [
        ["GET", {}],
        ["GET", { range: "bytes=0-9" }],
        ["HEAD", {}],
      ] as const) {
        const res = await owner.send(method, `/api/media/${id}/file`, undefined, { headers });
        const served = res.headers.get("content-type") ?? "";
        expect(served.toLowerCase()).not.toContain("html");
        expect(served.toLowerCase()).not.toContain("javascript");
        expect(served.toLowerCase()).not.toContain("svg");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.status).toBe(415);
        if (method === "GET") {
          const text = await res.text();
          expect(text).not.toContain("<script>");
          expect(JSON.parse(text).error.code).toBe("unsupported_media_type");
        }
      }
    });
  }

  it("serves an uploaded WAV inline as audio/wav with a safe file name on 200, 206 and HEAD", async () => {
    const wav = toneWav({ seconds: 0.2, amplitude: 0.1 });
    const item = await body(await uploadFile(h, owner, wav, 'Mum\'s "voice" ☾;\r\n.wav'));
    for (const [method, headers, status] of [
      ["GET", {}, 200],
      ["GET", { range: "bytes=0-11" }, 206],
      ["HEAD", {}, 200],
      ["GET", { range: `bytes=${wav.length}-` }, 416],
    ] as const) {
      const res = await owner.send(method, `/api/media/${item.id}/file`, undefined, { headers });
      expect(res.status).toBe(status);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const disposition = res.headers.get("content-disposition") ?? "";
      if (status === 416) continue;
      expect(res.headers.get("content-type")).toBe("audio/wav");
      expect(disposition).toMatch(
        /^inline; filename="[A-Za-z0-9 ._-]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/,
      );
      expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1] ?? "")).toBe(
        'Mum\'s "voice" ☾;.wav',
      );
    }
  });

  it("serves a planted row of an allow-listed type inline", async () => {
    const id = await plantMedia(h, dataDir, ownerId, "audio/mpeg", Buffer.alloc(100), "a.mp3");
    const res = await owner.get(`/api/media/${id}/file`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("audio/mpeg");
    expect(res.headers.get("content-disposition")).toBe(`inline; filename="a.mp3"; filename*=UTF-8''a.mp3`);
  });

  it("sends a render download as an attachment with nosniff (GET and HEAD)", async () => {
    const scene = { version: 1, fadeIn: 0.1, fadeOut: 0.1, layers: [{ id: "rain", generator: "rain" }] };
    const r = await body(await owner.post("/api/renders", { scene, durationSeconds: 1, format: "wav" }));
    const until = Date.now() + 30_000;
    while ((await body(await owner.get(`/api/renders/${r.id}`))).status !== "done") {
      if (Date.now() > until) throw new Error("render timed out");
      await new Promise((res) => setTimeout(res, 50));
    }
    for (const method of ["GET", "HEAD"]) {
      const res = await owner.send(method, `/api/renders/${r.id}/file`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("audio/wav");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="meridian-mix-/);
    }
  });
});
