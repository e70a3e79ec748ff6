import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";
import { sendFile, sineWav } from "./seed.test-helpers";

const backends = await testBackends();
const HTML = strToU8("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n");

/** A Meridian archive holding one journal entry and one audio item whose file is `data`. */
function archiveWith(contentType: string, format: string, data: Uint8Array): Uint8Array {
  const archive = {
    format: "meridian-archive",
    version: 1,
    exportedAt: "2025-01-01T00:00:00.000Z",
    account: { username: "mallory", timeZone: "UTC", createdAt: "2024-01-01T00:00:00.000Z" },
    entries: [
      {
        id: "entry-1",
        clientId: null,
        title: "Alongside",
        body: "An entry in the same archive",
        promptId: null,
        promptText: null,
        revision: 1,
        createdAt: "2024-06-01T10:00:00.000Z",
        updatedAt: "2024-06-01T10:00:00.000Z",
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
    media: [
      {
        id: "media-1",
        kind: "audio",
        name: "page.wav",
        sizeBytes: data.length,
        details: {
          format,
          contentType,
          durationSeconds: null,
          loudnessLufs: null,
          gainDb: 0,
          loudnessSource: null,
        },
        createdAt: "2024-06-01T10:00:00.000Z",
        file: "media/media-1",
      },
    ],
  };
  return zipSync({ "archive.json": strToU8(JSON.stringify(archive)), "media/media-1": data });
}

describe.each(backends)("import decides a media file's type by its bytes on %s", (kind) => {
  let h: Harness;
  let ana: Client;
  let userId: string;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-import-type-"));
  const mediaFiles = () => {
    const dir = join(dataDir, "media", userId);
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  beforeAll(async () => {
    h = await createHarness(kind, { dataDir });
    ana = await ownerClient(h, "ana");
    userId = (await body(await ana.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const refusedWithNothingWritten = async (zip: Uint8Array, message: RegExp) => {
    for (const path of ["/api/import/preview", "/api/import"]) {
      const res = await sendFile(h, ana, path, zip);
      expect(res.status).toBe(400);
      const answer = await body(res);
      expect(answer.error.code).toBe("import_invalid");
      expect(answer.error.message).toMatch(message);
    }
    expect((await body(await ana.get("/api/media"))).items).toEqual([]);
    expect((await body(await ana.get("/api/entries?limit=10"))).entries).toEqual([]);
    expect(mediaFiles()).toEqual([]);
  };

  it("refuses an item that says text/html and holds HTML; nothing is written", async () => {
    await refusedWithNothingWritten(
      archiveWith("text/html", "wav", HTML),
      /media\/media-1 \(the audio "page\.wav"\) is not audio Meridian takes/,
    );
  });

  it("refuses an item that says audio/wav but holds HTML", async () => {
    await refusedWithNothingWritten(
      archiveWith("audio/wav", "wav", HTML),
      /media\/media-1 \(the audio "page\.wav"\) is not audio Meridian takes/,
    );
  });

  it("refuses a real WAV declared as something else", async () => {
    await refusedWithNothingWritten(
      archiveWith("text/html", "wav", sineWav(0.1)),
      /media\/media-1 \(the audio "page\.wav"\) is WAV \(audio\/wav\), but archive\.json says text\/html \(format wav\)/,
    );
  });

  it("imports a real WAV declared as one", async () => {
    const res = await sendFile(h, ana, "/api/import", archiveWith("audio/wav", "wav", sineWav(0.1)));
    expect(res.status).toBe(200);
    expect(await body(res)).toMatchObject({ imported: 2 });
    const [item] = (await body(await ana.get("/api/media"))).items;
    expect(item).toMatchObject({ kind: "audio", name: "page.wav" });
    expect(mediaFiles()).toHaveLength(1);
    const file = await ana.get(`/api/media/${item.id}/file`);
    expect(file.headers.get("content-type")).toBe("audio/wav");
  });
});
