/**
 * Streaming MP3 writer around @breezystack/lamejs (pure JS): encodes chunks as they come and
 * appends the frames to the file, so memory stays constant. Closing flushes the encoder.
 */
import { type FileHandle, open } from "node:fs/promises";
import type { Mp3Encoder } from "@breezystack/lamejs";
import { quantize16 } from "./wav-writer";

export const MP3_SAMPLE_RATES = [32000, 44100, 48000, 16000, 22050, 24000] as const;

export class Mp3Writer {
  private readonly enc: Mp3Encoder;
  private l = new Int16Array(0);
  private r = new Int16Array(0);
  private pos = 0;
  frames = 0;

  private constructor(
    private readonly fh: FileHandle,
    enc: Mp3Encoder,
  ) {
    this.enc = enc;
  }

  static async create(path: string, sampleRate: number, kbps = 160): Promise<Mp3Writer> {
    if (!(MP3_SAMPLE_RATES as readonly number[]).includes(sampleRate)) {
      throw new Error(`MP3 needs a sample rate of ${MP3_SAMPLE_RATES.join(", ")} Hz`);
    }
    // Loaded on first use: a WAV render does not carry the encoder in memory (~4 MB).
    const { Mp3Encoder } = await import("@breezystack/lamejs");
    const enc = new Mp3Encoder(2, sampleRate, kbps);
    return new Mp3Writer(await open(path, "w"), enc);
  }

  async write(channels: readonly Float32Array[], n: number): Promise<void> {
    if (this.l.length < n) {
      this.l = new Int16Array(n);
      this.r = new Int16Array(n);
    }
    const a = channels[0] as Float32Array;
    const b = channels[1] ?? a;
    for (let i = 0; i < n; i++) {
      this.l[i] = quantize16(a[i] as number);
      this.r[i] = quantize16(b[i] as number);
    }
    await this.append(this.enc.encodeBuffer(this.l.subarray(0, n), this.r.subarray(0, n)));
    this.frames += n;
  }

  async close(): Promise<void> {
    await this.append(this.enc.flush());
    await this.fh.close();
  }

  private async append(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    await this.fh.write(bytes, 0, bytes.length, this.pos);
    this.pos += bytes.length;
  }
}
