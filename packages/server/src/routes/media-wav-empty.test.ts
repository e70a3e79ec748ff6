import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uploadFile } from "../media/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

/** A hand-built WAV: RIFF header, a 16-byte fmt chunk with these fields, then `data` bytes of
 * data (or no data chunk at all with `data: null`). */
function wav(fields: {
  formatTag?: number;
  channels: number;
  sampleRate?: number;
  bits?: number;
  blockAlign?: number;
  data: Buffer | null;
  fmt?: boolean;
}): Buffer {
  const { formatTag = 1, channels, sampleRate = 48000, bits = 16, data, fmt = true } = fields;
  const blockAlign = fields.blockAlign ?? (channels * bits) / 8;
  const chunks: Buffer[] = [];
  if (fmt) {
    const f = Buffer.alloc(24);
    f.write("fmt ", 0, "ascii");
    f.writeUInt32LE(16, 4);
    f.writeUInt16LE(formatTag, 8);
    f.writeUInt16LE(channels, 10);
    f.writeUInt32LE(sampleRate, 12);
    f.writeUInt32LE(sampleRate * blockAlign, 16);
    f.writeUInt16LE(blockAlign, 20);
    f.writeUInt16LE(bits, 22);
    chunks.push(f);
  }
  if (data) {
    const d = Buffer.alloc(8);
    d.write("data", 0, "ascii");
    d.writeUInt32LE(data.length, 4);
    chunks.push(d, data, Buffer.alloc(data.length & 1));
  }
  const rest = Buffer.concat(chunks);
  const h = Buffer.alloc(12);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(4 + rest.length, 4);
  h.write("WAVE", 8, "ascii");
  return Buffer.concat([h, rest]);
}

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
