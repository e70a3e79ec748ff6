/**
 * Audio type by content (magic bytes), never by file name: RIFF/WAVE, MP3 (ID3 tag or an MPEG
 * audio frame header), Ogg (Vorbis or Opus), FLAC, ISO BMFF (M4A/AAC) and raw ADTS AAC.
 */
import type { AudioFormat } from "../store/studio-store";

export interface SniffedAudio {
  format: AudioFormat;
  contentType: string;
}

/** Bytes of the file's start that sniffing looks at (an ID3 tag may push the audio further). */
export const SNIFF_BYTES = 4096;

export const ACCEPTED_AUDIO = "WAV, MP3, OGG (Vorbis or Opus), FLAC, M4A/AAC";

const ascii = (b: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...b.subarray(start, Math.min(b.length, start + length)));

/** A plausible MPEG-1/2/2.5 Layer I–III frame header at `i`. */
function isMpegFrame(b: Uint8Array, i: number): boolean {
  const b1 = b[i + 1];
  const b2 = b[i + 2];
  if (b[i] !== 0xff || b1 === undefined || b2 === undefined) return false;
  if ((b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 3; // 01 reserved
  const layer = (b1 >> 1) & 3; // 00 reserved (ADTS)
  const bitrate = b2 >> 4; // 1111 invalid
  const rate = (b2 >> 2) & 3; // 11 reserved
  return version !== 1 && layer !== 0 && bitrate !== 15 && rate !== 3;
}

/** An ADTS (raw AAC) header at `i`: sync 0xFFF, layer 00, a valid sampling index. */
function isAdtsFrame(b: Uint8Array, i: number): boolean {
  const b1 = b[i + 1];
  const b2 = b[i + 2];
  if (b[i] !== 0xff || b1 === undefined || b2 === undefined) return false;
  return (b1 & 0xf6) === 0xf0 && ((b2 >> 2) & 0xf) < 13;
}

const ISO_AUDIO_BRANDS = new Set([
  "M4A ",
  "M4B ",
  "M4P ",
  "F4A ",
  "F4B ",
  "mp41",
  "mp42",
  "isom",
  "iso2",
  "iso3",
  "iso4",
  "iso5",
  "iso6",
  "dash",
  "3gp4",
  "3gp5",
  "3gp6",
  "3g2a",
]);

function sniffAt(b: Uint8Array, i: number, complete: boolean): SniffedAudio | null | "more" {
  if (b.length - i < 12) return complete ? null : "more";
  if (ascii(b, i, 4) === "fLaC") return { format: "flac", contentType: "audio/flac" };
  if (isMpegFrame(b, i)) return { format: "mp3", contentType: "audio/mpeg" };
  if (isAdtsFrame(b, i)) return { format: "aac", contentType: "audio/aac" };
  return null;
}

/**
 * What audio `head` (the first bytes of a file) starts, or null when it is none we take.
 * `complete` says `head` is the whole file (so a short head is not "wait for more").
 */
export function sniffAudio(head: Uint8Array, complete = true): SniffedAudio | null {
  const b = head;
  if (b.length >= 12 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WAVE")
    return { format: "wav", contentType: "audio/wav" };
  if (b.length >= 12 && ascii(b, 0, 4) === "RF64" && ascii(b, 8, 4) === "WAVE")
    return { format: "wav", contentType: "audio/wav" };
  if (ascii(b, 0, 4) === "OggS") {
    // The first page's first packet names the codec: byte 26 holds the segment count.
    const segments = b[26] ?? 0;
    const packet = 27 + segments;
    if (ascii(b, packet, 8) === "OpusHead") return { format: "opus", contentType: "audio/ogg; codecs=opus" };
    if (ascii(b, packet, 7) === "\u0001vorbis") return { format: "ogg", contentType: "audio/ogg" };
    if (ascii(b, packet, 5) === "\u007fFLAC") return { format: "ogg", contentType: "audio/ogg" };
    return null;
  }
  if (b.length >= 12 && ascii(b, 4, 4) === "ftyp") {
    const boxSize = ((b[0] ?? 0) << 24) | ((b[1] ?? 0) << 16) | ((b[2] ?? 0) << 8) | (b[3] ?? 0);
    const end = Math.min(b.length, Math.max(16, boxSize));
    const brands = [ascii(b, 8, 4)];
    for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, 4));
    return brands.some((brand) => ISO_AUDIO_BRANDS.has(brand))
      ? { format: "m4a", contentType: "audio/mp4" }
      : null;
  }
  if (ascii(b, 0, 3) === "ID3" && b.length >= 10) {
    // Skip the tag (synchsafe size, plus a footer when flagged) and look at what follows.
    const size =
      (((b[6] ?? 0) & 0x7f) << 21) |
      (((b[7] ?? 0) & 0x7f) << 14) |
      (((b[8] ?? 0) & 0x7f) << 7) |
      ((b[9] ?? 0) & 0x7f);
    const after = 10 + size + (((b[5] ?? 0) & 0x10) !== 0 ? 10 : 0);
    // A tag longer than what we read (album art): trust it, MP3 is by far the common case.
    if (after + 12 > b.length && !complete) return { format: "mp3", contentType: "audio/mpeg" };
    let i = after;
    while (i < b.length && b[i] === 0) i++; // padding
    const found = sniffAt(b, i, true);
    return found === "more" ? null : found;
  }
  const found = sniffAt(b, 0, complete);
  return found === "more" ? null : found;
}

/**
 * Every Content-Type the sniffers above can give: the only types media is served with. A stored
 * type outside this list (an old import trusted the archive's word) is never sent to a browser.
 */
export const SERVABLE_TYPES: ReadonlySet<string> = new Set([
  "audio/wav",
  "audio/ogg; codecs=opus",
  "audio/ogg",
  "audio/mp4",
  "audio/mpeg",
  "audio/flac",
  "audio/aac",
  "video/quicktime",
  "video/mp4",
  "video/webm",
]);

export interface SniffedVideo {
  format: "mp4" | "webm" | "mov";
  contentType: string;
}

export const ACCEPTED_VIDEO = "MP4 (M4V), WebM or QuickTime MOV";

/** Audio-only ISO BMFF brands: an M4A is not a video. */
const ISO_AUDIO_ONLY = new Set(["M4A ", "M4B ", "M4P ", "F4A ", "F4B "]);

/** What video `head` starts (MP4/M4V/MOV by their ftyp box, WebM by its EBML DocType), or null. */
export function sniffVideo(head: Uint8Array): SniffedVideo | null {
  const b = head;
  if (b.length >= 12 && ascii(b, 4, 4) === "ftyp") {
    const major = ascii(b, 8, 4);
    if (ISO_AUDIO_ONLY.has(major)) return null;
    if (major === "qt  ") return { format: "mov", contentType: "video/quicktime" };
    return { format: "mp4", contentType: "video/mp4" };
  }
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) {
    // The EBML header names its DocType within the first few dozen bytes.
    if (ascii(b, 0, Math.min(b.length, 64)).includes("webm"))
      return { format: "webm", contentType: "video/webm" };
  }
  return null;
}
