import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

/** A PCM WAV of a 1 kHz sine at `amplitude` in every channel. */
function sineWav(options: {
  seconds: number;
  amplitude: number;
  channels?: number;
  bits?: 16 | 24 | 32;
  float?: boolean;
  sampleRate?: number;
}): Buffer {
  const { seconds, amplitude, channels = 2, bits = 16, float = false, sampleRate = 48000 } = options;
  const frames = Math.round(seconds * sampleRate);
  const bytes = bits / 8;
  const data = Buffer.alloc(frames * channels * bytes);
  for (let i = 0; i < frames; i++) {
    const x = amplitude * Math.sin((2 * Math.PI * 1000 * i) / sampleRate);
    for (let c = 0; c < channels; c++) {
      const o = (i * channels + c) * bytes;
      if (float) data.writeFloatLE(x, o);
      else if (bits === 16) data.writeInt16LE(Math.round(x * 32767), o);
      else if (bits === 24) data.writeIntLE(Math.round(x * 8388607), o, 3);
      else data.writeInt32LE(Math.round(x * 2147483647), o);
    }
  }
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(36 + data.length, 4);
  h.write("WAVE", 8, "ascii");
  h.write("fmt ", 12, "ascii");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(float ? 3 : 1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * bytes, 28);
  h.writeUInt16LE(channels * bytes, 32);
  h.writeUInt16LE(bits, 34);
  h.write("data", 36, "ascii");
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** A few MPEG-1 Layer III frame headers and filler: enough to be sniffed as MP3. */
function fakeMp3(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat([frame, frame, frame, frame, frame, frame, frame, frame, frame, frame, frame, frame]);
}

async function upload(h: Harness, client: Client, data: Buffer, name: string, query = ""): Promise<Response> {
  return h.app.request(`/api/media${query}`, {
    method: "POST",
    headers: {
      cookie: client.cookie ?? "",
      "x-meridian-client": "test",
      "content-type": "application/octet-stream",
      "x-filename": encodeURIComponent(name),
    },
    body: data,
  });
}

describe("own media", () => {
  let h: Harness;
  let owner: Client;
  let member: Client;
  let ownerId: string;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-media-"));
  const userDir = () => join(dataDir, "media", ownerId);

  beforeAll(async () => {
    h = await createHarness("sqlite", { dataDir, mediaLimitBytes: 2 * 1024 * 1024 });
    owner = await ownerClient(h);
    member = await memberClient(h, owner, "mia");
    ownerId = (await body(await owner.get("/api/me"))).id;
  });
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("stores an uploaded WAV, measures its loudness and matches the gain to the built-in layers", async () => {
    const wav = sineWav({ seconds: 3, amplitude: 0.1 });
    const res = await upload(h, owner, wav, "Sine ☾.wav", "?clientLufs=-5");
    expect(res.status, await res.clone().text()).toBe(201);
    const item = await body(res);
    expect(item).toMatchObject({
      kind: "audio",
      name: "Sine ☾.wav",
      format: "wav",
      contentType: "audio/wav",
      sizeBytes: wav.length,
      durationSeconds: 3,
      loudnessSource: "server",
    });
    // A 1 kHz sine at 0.1 in both channels is −20 LUFS (BS.1770); the layers sit at −27.
    expect(Math.abs(item.loudnessLufs - -20)).toBeLessThan(0.5);
    expect(Math.abs(item.gainDb - -7)).toBeLessThan(0.5);
    expect(item.gainDb).toBeCloseTo(-27 - item.loudnessLufs, 1);
    expect(readFileSync(join(userDir(), item.id)).equals(wav)).toBe(true);
    expect(readdirSync(userDir())).toEqual([item.id]);

    const list = (await body(await owner.get("/api/media"))).items;
    expect(list).toEqual([item]);
    expect(await body(await owner.get(`/api/media/${item.id}`))).toEqual(item);

    const file = await owner.get(`/api/media/${item.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("audio/wav");
    expect(file.headers.get("accept-ranges")).toBe("bytes");
    expect(Buffer.from(await file.arrayBuffer()).equals(wav)).toBe(true);

    const part = await owner.get(`/api/media/${item.id}/file`, { headers: { range: "bytes=0-11" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 0-11/${wav.length}`);
    expect(Buffer.from(await part.arrayBuffer()).toString("latin1")).toBe(
      wav.subarray(0, 12).toString("latin1"),
    );
    const tail = await owner.get(`/api/media/${item.id}/file`, { headers: { range: "bytes=-4" } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(wav.subarray(wav.length - 4))).toBe(true);
    const beyond = await owner.get(`/api/media/${item.id}/file`, {
      headers: { range: `bytes=${wav.length}-` },
    });
    expect(beyond.status).toBe(416);

    // Delete removes the row and the file.
    expect((await owner.delete(`/api/media/${item.id}`)).status).toBe(204);
    expect(existsSync(join(userDir(), item.id))).toBe(false);
    expect((await owner.get(`/api/media/${item.id}`)).status).toBe(404);
    expect((await owner.get(`/api/media/${item.id}/file`)).status).toBe(404);
    expect((await body(await owner.get("/api/media"))).items).toEqual([]);
  });

  it("decodes 24-bit and 32-bit float WAV and mono", async () => {
    const mono24 = await body(
      await upload(h, owner, sineWav({ seconds: 2, amplitude: 0.1, channels: 1, bits: 24 }), "m.wav"),
    );
    expect(Math.abs(mono24.loudnessLufs - -23.01)).toBeLessThan(0.5);
    const float = await body(
      await upload(h, owner, sineWav({ seconds: 2, amplitude: 0.05, bits: 32, float: true }), "f.wav"),
    );
    expect(Math.abs(float.loudnessLufs - -26.02)).toBeLessThan(0.5);
    const int32 = await body(
      await upload(h, owner, sineWav({ seconds: 2, amplitude: 0.1, bits: 32 }), "i.wav"),
    );
    expect(Math.abs(int32.loudnessLufs - -20)).toBeLessThan(0.5);
    const silent = await body(await upload(h, owner, sineWav({ seconds: 1, amplitude: 0 }), "quiet.wav"));
    expect(silent).toMatchObject({ loudnessLufs: null, gainDb: 0, loudnessSource: "server" });
    for (const m of [mono24, float, int32, silent])
      expect((await owner.delete(`/api/media/${m.id}`)).status).toBe(204);
    expect(readdirSync(userDir())).toEqual([]);
  });

  it("refuses a text file named .mp3 with 415 and keeps nothing", async () => {
    const text = Buffer.from("Dear diary, tonight the rain was soft.\n".repeat(200));
    const res = await upload(h, owner, text, "rain.mp3");
    expect(res.status).toBe(415);
    const err = (await body(res)).error;
    expect(err.code).toBe("unsupported_media_type");
    expect(err.message).toMatch(/rain\.mp3.*not an audio file.*Accepted: WAV, MP3/);
    expect((await body(await owner.get("/api/media"))).items).toEqual([]);
    expect(existsSync(userDir()) ? readdirSync(userDir()) : []).toEqual([]);
    // A tiny one (shorter than the sniffing window) too.
    expect((await upload(h, owner, Buffer.from("hello"), "x.mp3")).status).toBe(415);
    expect(existsSync(userDir()) ? readdirSync(userDir()) : []).toEqual([]);
  });

  it("takes the client's loudness for formats the server cannot decode", async () => {
    const withLufs = await upload(h, owner, fakeMp3(), "night.mp3", "?clientLufs=-18.5");
    expect(withLufs.status).toBe(201);
    const a = await body(withLufs);
    expect(a).toMatchObject({
      format: "mp3",
      contentType: "audio/mpeg",
      loudnessLufs: -18.5,
      gainDb: -8.5,
      loudnessSource: "client",
    });

    const b = await body(await upload(h, owner, fakeMp3(), "later.mp3"));
    expect(b).toMatchObject({ loudnessLufs: null, gainDb: 0, loudnessSource: null, durationSeconds: null });
    const patched = await owner.patch(`/api/media/${b.id}`, { clientLufs: -30, name: "Later" });
    expect(patched.status).toBe(200);
    expect(await body(patched)).toMatchObject({
      name: "Later",
      loudnessLufs: -30,
      gainDb: 3,
      loudnessSource: "client",
    });
    expect((await owner.patch(`/api/media/${b.id}`, { clientLufs: 5 })).status).toBe(400);
    expect((await upload(h, owner, fakeMp3(), "x.mp3", "?clientLufs=loud")).status).toBe(400);

    const wav = await body(await upload(h, owner, sineWav({ seconds: 1, amplitude: 0.1 }), "s.wav"));
    const conflict = await owner.patch(`/api/media/${wav.id}`, { clientLufs: -10 });
    expect(conflict.status).toBe(409);
    expect((await body(conflict)).error.code).toBe("loudness_measured_by_server");
    for (const m of [a, b, wav]) await owner.delete(`/api/media/${m.id}`);
  });

  it("answers 413 past the limit and 400 without a file name, keeping nothing", async () => {
    const big = sineWav({ seconds: 12, amplitude: 0.1 }); // ≈ 2.3 MB > 2 MiB
    const res = await upload(h, owner, big, "big.wav");
    expect(res.status).toBe(413);
    expect((await body(res)).error).toMatchObject({
      code: "payload_too_large",
      message: expect.stringMatching(/2 MB/),
    });
    // Without a Content-Length the limit is counted while streaming.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < big.length; i += 65536)
          controller.enqueue(new Uint8Array(big.subarray(i, i + 65536)));
        controller.close();
      },
    });
    const streamed = await h.app.request("/api/media", {
      method: "POST",
      headers: { cookie: owner.cookie ?? "", "x-meridian-client": "t", "x-filename": "big.wav" },
      body: stream,
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
    const noName = await h.app.request("/api/media", {
      method: "POST",
      headers: { cookie: owner.cookie ?? "", "x-meridian-client": "t" },
      body: sineWav({ seconds: 0.1, amplitude: 0.1 }),
    });
    expect(noName.status).toBe(400);
    expect((await body(noName)).error.field).toBe("x-filename");
    expect((await body(await owner.get("/api/media"))).items).toEqual([]);
    expect(existsSync(userDir()) ? readdirSync(userDir()) : []).toEqual([]);
  });

  it("saves video links, https only, YouTube on the privacy-enhanced domain", async () => {
    const yt = await owner.post("/api/media/links", {
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
    });
    expect(yt.status).toBe(201);
    expect(await body(yt)).toMatchObject({
      kind: "link",
      provider: "youtube",
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
      embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42",
    });
    const other = await body(
      await owner.post("/api/media/links", { url: "https://vimeo.com/1", title: "Rain" }),
    );
    expect(other).toMatchObject({ name: "Rain", provider: "other", embedUrl: null });
    for (const url of ["http://www.youtube.com/watch?v=dQw4w9WgXcQ", "javascript:alert(1)", "not a url"]) {
      const res = await owner.post("/api/media/links", { url });
      expect(res.status, url).toBe(400);
      expect((await body(res)).error.field).toBe("url");
    }
    const id = (await body(yt)).id;
    expect((await owner.get(`/api/media/${id}/file`)).status).toBe(404);
    expect((await owner.delete(`/api/media/${id}`)).status).toBe(204);
    expect((await owner.delete(`/api/media/${other.id}`)).status).toBe(204);
  });

  it("answers 404 for another user's media on every id route", async () => {
    const audio = await body(await upload(h, owner, sineWav({ seconds: 0.5, amplitude: 0.1 }), "mine.wav"));
    const link = await body(await owner.post("/api/media/links", { url: "https://youtu.be/dQw4w9WgXcQ" }));
    for (const id of [audio.id, link.id]) {
      expect((await member.get(`/api/media/${id}`)).status).toBe(404);
      expect((await member.patch(`/api/media/${id}`, { name: "x" })).status).toBe(404);
      expect((await member.get(`/api/media/${id}/file`)).status).toBe(404);
      expect((await member.delete(`/api/media/${id}`)).status).toBe(404);
    }
    expect((await body(await member.get("/api/media"))).items).toEqual([]);
    expect(existsSync(join(userDir(), audio.id))).toBe(true);
    expect((await owner.get(`/api/media/${audio.id}`)).status).toBe(200);
  });
});
