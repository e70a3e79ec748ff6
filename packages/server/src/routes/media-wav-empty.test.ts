import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handBuiltWav as wav } from "../media/hand-built-wav.test-helpers";
import { uploadFile } from "../media/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

describe("WAV uploads with nothing to play are refused", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-wav-empty-"));
  let h: Harness;
  let owner: Client;
  let ownerId: string;
  const onDisk = () => {
    const dir = join(dataDir, "media", ownerId);
    return existsSync(dir) ? readdirSync(dir) : [];
  };

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir });
    owner = await ownerClient(h);
    ownerId = (await body(await owner.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const cases: [string, Buffer, RegExp][] = [
    ["0 channels", wav({ channels: 0, blockAlign: 4, data: Buffer.alloc(4800) }), /0 channels/],
    [
      "0 channels, unknown codec",
      wav({ formatTag: 0x11, channels: 0, data: Buffer.alloc(64) }),
      /0 channels/,
    ],
    ["an empty data chunk", wav({ channels: 2, data: Buffer.alloc(0) }), /no audio frames/],
    ["less than one frame of data", wav({ channels: 2, data: Buffer.alloc(3) }), /no audio frames/],
    ["no data chunk", wav({ channels: 2, data: null }), /no audio frames/],
    [
      "frames of 0 bytes",
      wav({ formatTag: 0x11, channels: 2, blockAlign: 0, data: Buffer.alloc(64) }),
      /no audio frames/,
    ],
    ["no fmt chunk", wav({ channels: 2, data: Buffer.alloc(400), fmt: false }), /no format chunk/],
  ];
  for (const [what, file, message] of cases) {
    it(`refuses a WAV with ${what}: 415 with a clear message, nothing kept`, async () => {
      const res = await uploadFile(h, owner, file, "empty.wav");
      expect(res.status).toBe(415);
      const error = (await body(res)).error;
      expect(error.code).toBe("unsupported_media_type");
      expect(error.message).toMatch(message);
      expect(error.message).toContain("empty.wav");
      expect(onDisk()).toEqual([]);
      expect((await body(await owner.get("/api/media"))).items).toEqual([]);
    });
  }

  it("takes a short WAV (480 frames) and a single frame", async () => {
    const res = await uploadFile(h, owner, wav({ channels: 1, data: Buffer.alloc(960) }), "short.wav");
    expect(res.status).toBe(201);
    expect((await body(res)).durationSeconds).toBe(0.01);
    const one = await uploadFile(h, owner, wav({ channels: 2, data: Buffer.alloc(4) }), "one.wav");
    expect(one.status).toBe(201);
  });
});
