/** Test files for the studio's media and render tests: generated WAV, a sniffable MP3, uploads. */
import type { Client, Harness } from "../test/harness";

/** A PCM 16-bit WAV of a sine at `amplitude` in every channel. */
export function toneWav(options: {
  seconds: number;
  amplitude: number;
  frequency?: number;
  channels?: number;
  sampleRate?: number;
}): Buffer {
  const { seconds, amplitude, frequency = 1000, channels = 2, sampleRate = 48000 } = options;
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    const x = Math.round(amplitude * 32767 * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
    for (let c = 0; c < channels; c++) data.writeInt16LE(x, (i * channels + c) * 2);
  }
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(36 + data.length, 4);
  h.write("WAVEfmt ", 8, "ascii");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36, "ascii");
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** MPEG-1 Layer III frame headers and filler: sniffed as MP3 (not decodable audio). */
export function fakeMp3(): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat(Array.from({ length: 12 }, () => frame));
}

/** POST /api/media with the file as the raw body. */
export function uploadFile(h: Harness, client: Client, data: Buffer, name: string, path = "/api/media") {
  return h.app.request(path, {
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
