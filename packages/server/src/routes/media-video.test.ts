import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadFile } from "../media/testing";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

/** An ftyp box (isom) and filler: sniffed as MP4 video. */
function fakeMp4(bytes = 6000): Buffer {
  const b = Buffer.alloc(bytes);
  b.writeUInt32BE(24, 0);
  b.write("ftypisom", 4, "ascii");
  b.write("isomavc1mp41", 12, "ascii");
  return b;
}

describe("own video files", () => {
  let h: Harness;
  let owner: Client;
  let member: Client;
  let ownerId: string;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-video-"));

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir });
    owner = await ownerClient(h);
    member = await memberClient(h, owner, "mia");
    ownerId = (await body(await owner.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores a video by its content, serves it with Range, lists it, and deletes it with its file", async () => {
    const res = await uploadFile(h, owner, fakeMp4(), "walk ☾.mp4", "/api/media/videos");
    expect(res.status).toBe(201);
    const v = await body(res);
    expect(v).toMatchObject({
      kind: "video",
      name: "walk ☾.mp4",
      format: "mp4",
      contentType: "video/mp4",
      sizeBytes: 6000,
    });
    expect(existsSync(join(dataDir, "media", ownerId, v.id))).toBe(true);
    const part = await owner.get(`/api/media/${v.id}/file`, { headers: { range: "bytes=0-11" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await part.arrayBuffer()).toString("ascii", 4, 8)).toBe("ftyp");
    const items = (await body(await owner.get("/api/media"))).items;
    expect(items.map((i: { id: string }) => i.id)).toContain(v.id);
    expect((await body(await owner.get("/api/media/usage"))).mediaBytes).toBe(6000);
    expect((await member.get(`/api/media/${v.id}/file`)).status).toBe(404);
    expect((await owner.delete(`/api/media/${v.id}`)).status).toBe(204);
    expect(existsSync(join(dataDir, "media", ownerId, v.id))).toBe(false);
  });

  it("refuses a text file named .mp4 and an audio-only M4A with 415, keeping nothing", async () => {
    const text = await uploadFile(h, owner, Buffer.from("not a video\n"), "clip.mp4", "/api/media/videos");
    expect(text.status).toBe(415);
    expect((await body(text)).error).toMatchObject({
      code: "unsupported_media_type",
      message: expect.stringMatching(/not a video file/),
    });
    const m4a = fakeMp4();
    m4a.write("M4A ", 8, "ascii");
    expect((await uploadFile(h, owner, m4a, "song.m4a", "/api/media/videos")).status).toBe(415);
    expect(readdirSync(join(dataDir, "media", ownerId))).toEqual([]);
  });
});
