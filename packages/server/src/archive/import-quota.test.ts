import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reserveStorage } from "../media/quota";
import { toneWav } from "../media/testing";
import type { Store } from "../store/store";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";
import { prepareImport } from "./import-service";
import { sendFile } from "./seed.test-helpers";

const MB = 1024 * 1024;
const AT = "2024-06-01T10:00:00.000Z";
// 4.9 s of 48 kHz 16-bit stereo: 0.9 MB each.
const wav = toneWav({ seconds: 4.9, amplitude: 0.1 });

/** A Meridian archive with one entry and `count` WAV files of 0.9 MB (ids media-<tag>-<n>). */
function archiveWithAudio(count: number, tag: string): Uint8Array {
  const media = Array.from({ length: count }, (_, n) => ({
    id: `media-${tag}-${n}`,
    kind: "audio",
    name: `hum-${n}.wav`,
    sizeBytes: wav.length,
    details: {
      format: "wav",
      contentType: "audio/wav",
      durationSeconds: 4.9,
      loudnessLufs: null,
      gainDb: 0,
      loudnessSource: null,
    },
    createdAt: AT,
    file: `media/media-${tag}-${n}`,
  }));
  const archive = {
    format: "meridian-archive",
    version: 1,
    exportedAt: "2025-01-01T00:00:00.000Z",
    account: { username: "mallory", timeZone: "UTC", createdAt: "2024-01-01T00:00:00.000Z" },
    entries: [
      {
        id: `entry-${tag}`,
        clientId: null,
        title: "Alongside",
        body: "An entry in the same archive",
        promptId: null,
        promptText: null,
        revision: 1,
        createdAt: AT,
        updatedAt: AT,
        localDate: "2024-06-01",
        timeZone: "UTC",
        tags: [],
      },
    ],
    prompts: [],
    sessions: [],
    sleepDiaries: [],
    checkups: [],
    presets: [],
    media,
  };
  const files: Record<string, Uint8Array> = { "archive.json": strToU8(JSON.stringify(archive)) };
  for (const m of media) files[m.file] = wav;
  return zipSync(files, { level: 0 });
}

function upload(h: Harness, client: Client): Promise<Response> {
  return Promise.resolve(
    h.app.request("/api/media", {
      method: "POST",
      headers: {
        cookie: client.cookie ?? "",
        "x-meridian-client": "test",
        "content-type": "application/octet-stream",
        "x-filename": "f.wav",
      },
      body: wav,
    }),
  );
}

describe.each(await testBackends())("an import's media count against the storage quota on %s", (kind) => {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-import-quota-"));
  let h: Harness;
  let ana: Client;
  let userId: string;
  const onDisk = () => {
    const dir = join(dataDir, "media", userId);
    return existsSync(dir) ? readdirSync(dir).sort() : [];
  };
  const media = async () => (await body(await ana.get("/api/media"))).items as { id: string }[];
  const clear = async () => {
    for (const item of await media()) await ana.delete(`/api/media/${item.id}`);
    for (const e of (await body(await ana.get("/api/entries?limit=100"))).entries)
      await ana.delete(`/api/entries/${e.id}`);
  };

  beforeAll(async () => {
    h = await createHarness(kind, { dataDir, renderThreads: false, mediaQuotaBytes: 2 * MB });
    ana = await ownerClient(h, "ana");
    userId = (await body(await ana.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("refuses (413 quota_exceeded) an archive whose files would pass the quota; preview too; nothing written", async () => {
    await clear();
    const uploaded = await upload(h, ana);
    expect(uploaded.status).toBe(201);
    const kept = (await body(uploaded)).id;
    const zip = archiveWithAudio(2, "a"); // 1.8 MB more on top of 0.9 MB, against 2 MB
    for (const path of ["/api/import/preview", "/api/import"]) {
      const res = await sendFile(h, ana, path, zip);
      expect(res.status, path).toBe(413);
      expect((await body(res)).error).toMatchObject({
        code: "quota_exceeded",
        message: expect.stringMatching(
          /audio and video files of the archive \(2 MB\) would pass your storage quota: 1 MB of 2 MB used/,
        ),
      });
    }
    expect((await media()).map((m) => m.id)).toEqual([kept]);
    expect(onDisk()).toEqual([kept]);
    expect((await body(await ana.get("/api/entries?limit=10"))).entries).toEqual([]);
  });

  it("imports an archive that fits, then holds nothing back (the room is free again once deleted)", async () => {
    await clear();
    const res = await sendFile(h, ana, "/api/import", archiveWithAudio(2, "b"));
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await body(res)).toMatchObject({ imported: 3 });
    expect(onDisk()).toHaveLength(2);
    await clear();
    // Both fit only when the import's reservation was released.
    const [first, second] = await Promise.all([upload(h, ana), upload(h, ana)]);
    expect(first?.status).toBe(201);
    expect(second?.status).toBe(201);
  });

  it("an import racing uploads for the same room: never past the quota", async () => {
    await clear();
    const answers = await Promise.all([
      upload(h, ana),
      sendFile(h, ana, "/api/import", archiveWithAudio(2, "c")),
      upload(h, ana),
    ]);
    for (const r of answers) expect([200, 201, 413]).toContain(r.status);
    const usage = await body(await ana.get("/api/media/usage"));
    expect(usage.mediaBytes).toBeLessThanOrEqual(2 * MB);
    expect(onDisk()).toHaveLength((await media()).length);
  });

  it("holds the room while it writes: an upload asking then is refused", async () => {
    await clear();
    const files = { dataDir, mediaLimitBytes: 10 * MB, quotaBytes: 2 * MB };
    const quota = { files, studio: h.store.studio, renders: { usedBytes: () => 0 }, now: () => new Date() };
    // What an upload asking for 0.9 MB gets, asked at the moment the import stores each file.
    const asked: string[] = [];
    const uploadAsks = async () => {
      try {
        await (await reserveStorage(quota, userId, wav.length, "This file")).release();
        asked.push("granted");
      } catch (error) {
        asked.push((error as { code?: string }).code ?? String(error));
      }
    };
    const studio = h.secureStore.studio;
    const watched = new Proxy(studio, {
      get: (target, key) =>
        key === "insertMedia"
          ? async (...args: Parameters<typeof studio.insertMedia>) => {
              await uploadAsks();
              return target.insertMedia(...args);
            }
          : Reflect.get(target, key, target),
    });
    const store = new Proxy(h.secureStore, {
      get: (target, key) => (key === "studio" ? watched : Reflect.get(target, key, target)),
    }) as Store;
    const user = await h.secureStore.findUserById(userId);
    if (!user) throw new Error("no user");
    const prepared = await prepareImport({ store, files }, user, archiveWithAudio(2, "d"));
    await prepared.write();
    expect(asked).toEqual(["quota_exceeded", "quota_exceeded"]);
    expect(onDisk()).toHaveLength(2);
  });
});
