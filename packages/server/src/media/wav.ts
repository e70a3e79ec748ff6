/**
 * Reads a WAV file from disk in blocks (constant memory) and measures its integrated loudness
 * with the sound package's BS.1770 meter. Decodes PCM 8/16/24/32-bit integer and 32/64-bit
 * float, plain or WAVE_FORMAT_EXTENSIBLE, RIFF or RF64.
 */
import { type FileHandle, open } from "node:fs/promises";
import { LoudnessMeter } from "@meridian/sound";

export interface WavInfo {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  float: boolean;
  dataOffset: number;
  dataBytes: number;
}

export interface WavLoudness {
  durationSeconds: number;
  /** Integrated loudness in LUFS; null when everything is below the meter's gate (silence). */
  lufs: number | null;
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buf, 0, length, position);
  return buf.subarray(0, bytesRead);
}

/** What a RIFF/RF64 WAVE file's chunks say, decodable or not. */
export interface WavLayout {
  /** The fmt chunk's fields; null when there is none before the data. */
  fmt: {
    formatTag: number;
    channels: number;
    sampleRate: number;
    blockAlign: number;
    bitsPerSample: number;
  } | null;
  /** Where the data chunk's bytes start and how many there are; null when there is no data chunk. */
  data: { offset: number; bytes: number } | null;
}

/** A read the layout walk asks for: `length` bytes at `position` (fewer at the end). */
interface ByteRange {
  position: number;
  length: number;
}

/** Walks a RIFF/RF64 WAVE file's chunks up to the data chunk, asking its driver for the bytes it
 * needs, so the same walk reads a file on disk (readWavLayout) or bytes in memory
 * (wavLayoutOfBytes). Returns the fmt and data chunks; null when it is not a WAVE file. */
function* walkWavLayout(fileSize: number): Generator<ByteRange, WavLayout | null, Buffer> {
  const head = yield { position: 0, length: 12 };
  const tag = head.toString("ascii", 0, 4);
  if ((tag !== "RIFF" && tag !== "RF64") || head.toString("ascii", 8, 12) !== "WAVE") return null;
  let pos = 12;
  let fmt: WavLayout["fmt"] = null;
  let ds64Data: number | null = null;
  while (pos + 8 <= fileSize) {
    const h = yield { position: pos, length: 8 };
    if (h.length < 8) break;
    const id = h.toString("ascii", 0, 4);
    const size = h.readUInt32LE(4);
    if (id === "ds64") {
      const d = yield { position: pos + 8, length: 28 };
      if (d.length >= 16) ds64Data = Number(d.readBigUInt64LE(8));
    } else if (id === "fmt ") {
      const f = yield { position: pos + 8, length: Math.min(size, 40) };
      if (f.length >= 16) {
        let formatTag = f.readUInt16LE(0);
        if (formatTag === 0xfffe && f.length >= 26) formatTag = f.readUInt16LE(24); // sub-format GUID
        fmt = {
          formatTag,
          channels: f.readUInt16LE(2),
          sampleRate: f.readUInt32LE(4),
          blockAlign: f.readUInt16LE(12),
          bitsPerSample: f.readUInt16LE(14),
        };
      }
    } else if (id === "data") {
      const declared = size === 0xffffffff && ds64Data !== null ? ds64Data : size;
      return { fmt, data: { offset: pos + 8, bytes: Math.max(0, Math.min(declared, fileSize - pos - 8)) } };
    }
    pos += 8 + size + (size & 1);
  }
  return { fmt, data: null };
}

/** The fmt and data chunks of a RIFF/RF64 WAVE file; null when it is not one. */
export async function readWavLayout(fh: FileHandle, fileSize: number): Promise<WavLayout | null> {
  const walk = walkWavLayout(fileSize);
  let step = walk.next();
  while (!step.done) step = walk.next(await readAt(fh, step.value.position, step.value.length));
  return step.value;
}

/** The same for a WAV file held in memory (an imported archive's). */
export function wavLayoutOfBytes(bytes: Uint8Array): WavLayout | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const walk = walkWavLayout(buf.length);
  let step = walk.next();
  while (!step.done) {
    const { position, length } = step.value;
    step = walk.next(buf.subarray(position, position + length));
  }
  return step.value;
}

/** The fmt and data chunks of a WAV file; null when it is not one we can decode. */
export async function readWavInfo(fh: FileHandle, fileSize: number): Promise<WavInfo | null> {
  const layout = await readWavLayout(fh, fileSize);
  const fmt = layout?.fmt;
  if (!layout?.data || !fmt) return null;
  const { formatTag, channels, sampleRate, bitsPerSample: bits } = fmt;
  const float = formatTag === 3;
  const ok =
    channels > 0 &&
    sampleRate >= 1000 &&
    ((formatTag === 1 && [8, 16, 24, 32].includes(bits)) || (float && (bits === 32 || bits === 64)));
  if (!ok) return null;
  return {
    channels,
    sampleRate,
    bitsPerSample: bits,
    float,
    dataOffset: layout.data.offset,
    dataBytes: layout.data.bytes,
  };
}

/** Why a WAV layout holds nothing to play, or null when it has at least one frame. */
function emptyLayoutReason(layout: WavLayout | null): string | null {
  if (!layout) return null; // not RIFF/WAVE: the sniffer decides what it is
  if (!layout.fmt) return "has no format chunk before its audio, so it cannot be played";
  if (layout.fmt.channels === 0) return "has 0 channels: there is no audio in it";
  if (layout.fmt.sampleRate === 0) return "has a sample rate of 0, so it cannot be played";
  // PCM frames are channels × bytes per sample; other codecs say their block size in fmt.
  const pcm = layout.fmt.formatTag === 1 || layout.fmt.formatTag === 3;
  const frameBytes = pcm
    ? layout.fmt.channels * Math.ceil(layout.fmt.bitsPerSample / 8)
    : layout.fmt.blockAlign;
  if (!layout.data || frameBytes === 0 || layout.data.bytes < frameBytes)
    return "has no audio frames (its data is empty)";
  return null;
}

/**
 * Why a WAV file holds nothing to play, in words for its owner ("has 0 channels", "has no audio
 * frames"), or null when it has at least one frame. Checked on upload and on import whether or
 * not the server can decode the codec (a browser may decode what the server cannot).
 */
export async function emptyWavReason(path: string): Promise<string | null> {
  const fh = await open(path, "r");
  try {
    return emptyLayoutReason(await readWavLayout(fh, (await fh.stat()).size));
  } finally {
    await fh.close();
  }
}

/** emptyWavReason for a WAV file held in memory (an imported archive's). */
export function emptyWavBytesReason(bytes: Uint8Array): string | null {
  return emptyLayoutReason(wavLayoutOfBytes(bytes));
}

const BLOCK_FRAMES = 16384;

/** Integrated loudness and duration of a WAV file; null when it is not decodable PCM. */
export async function measureWavFile(path: string): Promise<WavLoudness | null> {
  const fh = await open(path, "r");
  try {
    const info = await readWavInfo(fh, (await fh.stat()).size);
    if (!info) return null;
    const bytes = info.bitsPerSample / 8;
    const frameBytes = bytes * info.channels;
    const frames = Math.floor(info.dataBytes / frameBytes);
    const used = Math.min(info.channels, 2);
    const meter = new LoudnessMeter(info.sampleRate, used);
    const chans = Array.from({ length: used }, () => new Float32Array(BLOCK_FRAMES));
    const buf = Buffer.alloc(BLOCK_FRAMES * frameBytes);
    for (let done = 0; done < frames; ) {
      const n = Math.min(BLOCK_FRAMES, frames - done);
      const { bytesRead } = await fh.read(buf, 0, n * frameBytes, info.dataOffset + done * frameBytes);
      const got = Math.floor(bytesRead / frameBytes);
      if (got === 0) break;
      for (let c = 0; c < used; c++) {
        const out = chans[c] as Float32Array;
        for (let i = 0, o = c * bytes; i < got; i++, o += frameBytes) out[i] = sampleAt(buf, o, info);
      }
      meter.push(chans, 0, got);
      done += got;
    }
    const lufs = meter.integrated();
    return { durationSeconds: frames / info.sampleRate, lufs: Number.isFinite(lufs) ? lufs : null };
  } finally {
    await fh.close();
  }
}

export function sampleAt(buf: Buffer, o: number, info: WavInfo): number {
  if (info.float) return info.bitsPerSample === 32 ? buf.readFloatLE(o) : buf.readDoubleLE(o);
  switch (info.bitsPerSample) {
    case 8:
      return ((buf[o] as number) - 128) / 128;
    case 16:
      return buf.readInt16LE(o) / 32768;
    case 24:
      return buf.readIntLE(o, 3) / 8388608;
    default:
      return buf.readInt32LE(o) / 2147483648;
  }
}

/** Built-in layers render at −27 LUFS with their default parameters. */
export const LAYER_TARGET_LUFS = -27;

/** Gain (dB) that brings audio at `lufs` to the built-in layers' level, within the layer gain
 * range −60…12, to 0.1 dB; 0 when the loudness is unknown. */
export function matchingGainDb(lufs: number | null): number {
  if (lufs === null || !Number.isFinite(lufs)) return 0;
  const gain = Math.min(12, Math.max(-60, LAYER_TARGET_LUFS - lufs));
  return Math.round(gain * 10) / 10;
}
