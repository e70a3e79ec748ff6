import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handBuiltWav } from "../media/hand-built-wav.test-helpers";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";
import { sendFile, sineWav } from "./seed.test-helpers";

const backends = await testBackends();
const HTML = strToU8("<!doctype html><html><body><script>alert(document.cookie)</script></body></html>\n");

/** A Meridian archive holding one journal entry and one audio item whose file is `data`. */
function archiveWith(contentType: string, format: string, data: Uint8Array): Uint8Array {
  return archiveOf(
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
    { "media/media-1": data },
  );
}

/** A Meridian archive holding one journal entry and one link item with these details. */
function linkArchive(details: { url: string; embedUrl: string | null; provider: string }): Uint8Array {
  return archiveOf(
    {
      id: "link-1",
      kind: "link",
      name: "A talk",
      sizeBytes: 0,
      details,
      createdAt: "2024-06-01T10:00:00.000Z",
      file: null,
    },
    {},
  );
}

function archiveOf(media: Record<string, unknown>, files: Record<string, Uint8Array>): Uint8Array {
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
    media: [media],
  };
  return zipSync({ "archive.json": strToU8(JSON.stringify(archive)), ...files });
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

  it("refuses a WAV with 0 channels or no frames, as an upload is, naming the item", async () => {
    await refusedWithNothingWritten(
      archiveWith("audio/wav", "wav", handBuiltWav({ channels: 0, blockAlign: 4, data: Buffer.alloc(4800) })),
      /media\/media-1 \(the audio "page\.wav"\) is a WAV file that has 0 channels/,
    );
    await refusedWithNothingWritten(
      archiveWith("audio/wav", "wav", handBuiltWav({ channels: 2, data: Buffer.alloc(0) })),
      /media\/media-1 \(the audio "page\.wav"\) is a WAV file that has no audio frames/,
    );
  });

  it("refuses a link that is not an https URL (javascript:, data:, http:), naming the item", async () => {
    for (const url of [
      "javascript:alert(document.cookie)",
      "data:text/html,<script>alert(document.cookie)</script>",
      "http://example.com/talk",
      "not a url",
    ]) {
      await refusedWithNothingWritten(
        linkArchive({ url, embedUrl: "https://evil.example/embed", provider: "youtube" }),
        /media item link-1 \(the link "A talk"\) is not an https:\/\/ link/,
      );
    }
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

  it("stores a link's embed as the server computes it, whatever archive.json says", async () => {
    const cases = [
      {
        sent: {
          url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s",
          embedUrl: "https://evil.example/x",
          provider: "other",
        },
        stored: {
          url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s",
          embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90",
          provider: "youtube",
        },
      },
      {
        sent: { url: "https://example.com/talk", embedUrl: "https://evil.example/x", provider: "youtube" },
        stored: { url: "https://example.com/talk", embedUrl: null, provider: "other" },
      },
    ];
    for (const { sent, stored } of cases) {
      const res = await sendFile(h, ana, "/api/import", linkArchive(sent));
      expect(res.status).toBe(200);
      const links = (await body(await ana.get("/api/media"))).items.filter(
        (m: { kind: string }) => m.kind === "link",
      );
      expect(links).toHaveLength(1);
      expect(links[0]).toMatchObject({ kind: "link", name: "A talk", ...stored });
      expect((await ana.delete(`/api/media/${links[0].id}`)).status).toBe(204);
    }
  });
});
