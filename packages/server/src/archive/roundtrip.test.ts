import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";
import { download, normaliseArchive, seedAccount, sendFile, unzip } from "./seed.test-helpers";

const backends = await testBackends();
const NOW = "2025-03-14T21:30:00.000Z";
const text = (b: Uint8Array | undefined) => new TextDecoder().decode(b);

describe.each(backends)("archive round trip on %s", (kind) => {
  let h: Harness;
  let owner: Client;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-archive-"));

  beforeAll(async () => {
    h = await createHarness(kind, { dataDir, now: () => new Date(NOW) });
    owner = await ownerClient(h, "ana");
    const me = await body(await owner.get("/api/me"));
    await seedAccount(h, owner, me.id);
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("export → import into a fresh account → export gives the same JSON and the same media bytes", async () => {
    const zip = await download(owner, "/api/export");
    const files = unzip(zip);
    const original = text(files["archive.json"]);
    const archive = JSON.parse(original);
    expect(archive).toMatchObject({
      format: "meridian-archive",
      version: 1,
      account: { username: "ana", timeZone: "UTC" },
    });
    expect(archive.entries).toHaveLength(3);
    expect(archive.entries.find((e: { title: string }) => e.title === "Rain at the window")).toMatchObject({
      revision: 2,
      promptId: "mindfulness-01",
      clientId: "client-entry-0001",
      tags: ["evening-routine", "rain"],
    });
    expect(archive.sessions.length).toBeGreaterThan(10);
    expect(archive.sleepDiaries.length).toBeGreaterThan(10);
    expect(archive.checkups.length).toBeGreaterThan(0);
    expect(archive.media.map((m: { kind: string }) => m.kind).sort()).toEqual(["audio", "link"]);
    const audio = archive.media.find((m: { kind: string }) => m.kind === "audio");
    expect(files[audio.file]?.length).toBe(audio.sizeBytes);
    expect(original).not.toContain("passwordHash");

    const fresh = await memberClient(h, owner, "ben");
    // Without its audio file the archive is refused, and nothing of it is written.
    const { [audio.file]: _left, ...withoutAudio } = files;
    const partial = await sendFile(h, fresh, "/api/import", zipSync(withoutAudio));
    expect(partial.status).toBe(400);
    expect((await body(partial)).error.message).toBe(
      `${audio.file} (the audio "hum.wav") is missing from the zip`,
    );
    expect((await body(await fresh.get("/api/entries"))).entries).toHaveLength(0);

    const preview = await body(await sendFile(h, fresh, "/api/import/preview", zip));
    expect(preview).toMatchObject({
      format: "meridian",
      duplicateCount: 0,
      counts: { entries: { total: 3, new: 3 } },
    });
    expect((await body(await fresh.get("/api/entries"))).entries).toHaveLength(0); // the preview wrote nothing
    const result = await sendFile(h, fresh, "/api/import", zip);
    expect(result.status).toBe(200);
    expect(await body(result)).toMatchObject({ imported: preview.total, newCount: preview.total });

    const again = unzip(await download(fresh, "/api/export"));
    const roundTrip = text(again["archive.json"]);
    expect(normaliseArchive(roundTrip)).toBe(normaliseArchive(original));
    const audio2 = JSON.parse(roundTrip).media.find((m: { kind: string }) => m.kind === "audio");
    expect(
      Buffer.from(again[audio2.file] as Uint8Array).equals(Buffer.from(files[audio.file] as Uint8Array)),
    ).toBe(true);

    // The imported entries are searchable at once.
    const hits = await body(await fresh.get("/api/search?q=shoulders"));
    expect(hits.hits.map((hit: { entry: { title: string } }) => hit.entry.title)).toEqual([
      "Rain at the window",
    ]);

    // Importing the same zip again, into either account, adds nothing.
    for (const client of [fresh, owner]) {
      const second = await body(await sendFile(h, client, "/api/import", zip));
      expect(second).toMatchObject({ imported: 0, newCount: 0, duplicateCount: preview.total });
    }
    const third = text(unzip(await download(fresh, "/api/export"))["archive.json"]);
    expect(normaliseArchive(third)).toBe(normaliseArchive(original));
  });

  it("exports Markdown files with front matter, one per entry", async () => {
    const files = unzip(await download(owner, "/api/export?format=markdown"));
    const names = Object.keys(files).sort();
    expect(names).toEqual([
      "journal/2025-03-14 After the session.md",
      "journal/2025-03-14 Rain at the window.md",
      "journal/2025-03-14.md",
    ]);
    const written = new TextDecoder().decode(files["journal/2025-03-14 After the session.md"]);
    // The entry written at the session's check-out carries its moods and scene.
    expect(written).toBe(
      [
        "---",
        'title: "After the session"',
        "date: 2025-03-14",
        `created: "${NOW}"`,
        `updated: "${NOW}"`,
        'time_zone: "UTC"',
        "tags:",
        '  - "session"',
        "mood_before:",
        "  pleasantness: 4",
        "  energy: 6",
        "  anxiety: 40",
        "  stress: 7",
        "mood_after:",
        "  pleasantness: 6",
        "  energy: 5",
        "  anxiety: 25",
        "  stress: 5",
        'scene: "Evening rain"',
        "---",
        "",
        "Calmer. 🌧️ Ünïcödé too.",
        "",
      ].join("\n"),
    );
    const prompted = new TextDecoder().decode(files["journal/2025-03-14 Rain at the window.md"]);
    expect(prompted).toContain('prompt: "');
    expect(prompted).toContain('  - "evening-routine"');

    const one = await owner.get(
      `/api/export/entries/${(await body(await owner.get("/api/entries?limit=1"))).entries[0].id}`,
    );
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(one.headers.get("content-disposition")).toContain("attachment;");
    expect(await one.text()).toMatch(/^---\n/);
  });

  it("leaves out (and names) a media file gone from disk instead of cutting the zip short", async () => {
    const me = await body(await owner.get("/api/me"));
    const before = JSON.parse(text(unzip(await download(owner, "/api/export"))["archive.json"]));
    const audio = before.media.find((m: { kind: string }) => m.kind === "audio");
    rmSync(join(dataDir, "media", me.id, audio.id));
    const files = unzip(await download(owner, "/api/export"));
    const after = JSON.parse(text(files["archive.json"]));
    expect(after.media.map((m: { kind: string }) => m.kind)).toEqual(["link"]);
    expect(text(files["MISSING-FILES.txt"])).toContain(`hum.wav (audio, id ${audio.id})`);
    expect(after.entries).toEqual(before.entries);
  });
});
