import { ImportFormatError, ImportLimitError } from "@meridian/core";
import { Inflate } from "fflate";

/**
 * Reading an uploaded zip without trusting it: the central directory lists the files (their
 * count is capped before anything else), and a file is inflated only when asked for, as a
 * stream in small slices whose output is counted as it comes. It stops as soon as the output
 * passes what the file's header declares or what is left of the import's budget, so a zip
 * bomb costs at most one slice's output (≤ ~17 MB) beyond the cap, never its full size.
 */

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** As the central directory declares it (the output is checked against it). */
  size: number;
  /** Where the file's local header starts. */
  localOffset: number;
}

/** Compressed bytes pushed into the inflater at once: one push's output is at most ~1032×. */
const SLICE = 16 * 1024;
const MB = 1024 * 1024;

const damaged = (detail: string) => new ImportFormatError(`The zip file is damaged (${detail})`);

export function isZip(b: Uint8Array): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

class Reader {
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private check(at: number, length: number): void {
    if (at < 0 || at + length > this.bytes.length) throw damaged("a record points past the end");
  }
  u16(at: number): number {
    this.check(at, 2);
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    this.check(at, 4);
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    const value = this.u32(at) + this.u32(at + 4) * 2 ** 32;
    if (!Number.isSafeInteger(value)) throw damaged("a size is out of range");
    return value;
  }
}

const utf8 = new TextDecoder("utf-8");
const latin1 = new TextDecoder("latin1");

/** The files the zip's central directory lists (at most `maxFiles`, else ImportLimitError). */
export function listZip(bytes: Uint8Array, maxFiles: number): ZipEntry[] {
  const r = new Reader(bytes);
  let end = -1;
  for (let at = bytes.length - 22; at >= 0 && at >= bytes.length - 22 - 0xffff; at--) {
    if (r.u32(at) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw damaged("no central directory");
  let count = r.u16(end + 10);
  let offset = r.u32(end + 16);
  if (end >= 20 && r.u32(end - 20) === 0x07064b50) {
    const z64 = r.u64(end - 12);
    if (r.u32(z64) !== 0x06064b50) throw damaged("bad ZIP64 directory");
    count = r.u64(z64 + 32);
    offset = r.u64(z64 + 48);
  }
  if (count > maxFiles) {
    throw new ImportLimitError(
      "files",
      `The zip holds ${count.toLocaleString("en")} files; an import takes at most ${maxFiles.toLocaleString("en")}`,
    );
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (r.u32(at) !== 0x02014b50) throw damaged("bad central directory record");
    const flags = r.u16(at + 8);
    const method = r.u16(at + 10);
    let compressedSize = r.u32(at + 20);
    let size = r.u32(at + 24);
    const nameLength = r.u16(at + 28);
    const extraLength = r.u16(at + 30);
    const commentLength = r.u16(at + 32);
    let localOffset = r.u32(at + 42);
    const nameStart = at + 46;
    if (nameStart + nameLength > bytes.length) throw damaged("a file name points past the end");
    const rawName = bytes.subarray(nameStart, nameStart + nameLength);
    const name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
    // ZIP64: the sizes and offset that do not fit 32 bits follow in the 0x0001 extra field.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let x = nameStart + nameLength;
      const xEnd = x + extraLength;
      while (x + 4 <= xEnd && r.u16(x) !== 0x0001) x += 4 + r.u16(x + 2);
      if (x + 4 > xEnd) throw damaged(`${name}: missing ZIP64 sizes`);
      let field = x + 4;
      if (size === 0xffffffff) {
        size = r.u64(field);
        field += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = r.u64(field);
        field += 8;
      }
      if (localOffset === 0xffffffff) localOffset = r.u64(field);
    }
    entries.push({ name, method, encrypted: (flags & 1) !== 0, compressedSize, size, localOffset });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Budget shared by the files of one import: bytes of output still allowed. */
export interface InflateBudget {
  left: number;
  /** The whole cap, for the message. */
  readonly cap: number;
}

const overCap = (budget: InflateBudget) =>
  new ImportLimitError(
    "size",
    `The zip unpacks to more than ${Math.round(budget.cap / MB)} MB; an import may unpack to at most that`,
  );

/** One file's content, inflated as a counted stream; its bytes are its own (transferable). */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const r = new Reader(bytes);
  if (entry.encrypted) throw new ImportFormatError(`${entry.name} in the zip is encrypted`);
  if (entry.size > budget.left) throw overCap(budget);
  if (r.u32(entry.localOffset) !== 0x04034b50) throw damaged(`${entry.name}: bad local header`);
  const start = entry.localOffset + 30 + r.u16(entry.localOffset + 26) + r.u16(entry.localOffset + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged(`${entry.name} is cut short`);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw damaged(`${entry.name}: stored sizes differ`);
    budget.left -= entry.size;
    return bytes.slice(start, end);
  }
  if (entry.method !== 8) {
    throw new ImportFormatError(
      `${entry.name} in the zip uses compression method ${entry.method}; only stored and deflated files can be read`,
    );
  }
  // Output past the declared size is a lying header; past the budget, a bomb. Either stops here.
  const allowed = Math.min(entry.size, budget.left);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    size += chunk.length;
    if (size > allowed) over = true;
    else chunks.push(chunk);
  });
  try {
    for (let at = start; at < end && !over; at += SLICE) {
      const stop = Math.min(end, at + SLICE);
      inflater.push(bytes.subarray(at, stop), stop === end);
    }
    if (start === end) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    throw damaged(`${entry.name}: ${error instanceof Error ? error.message : "unreadable"}`);
  }
  if (over) {
    if (size > budget.left) throw overCap(budget);
    throw new ImportLimitError("size", `${entry.name} in the zip unpacks to more than its header says`);
  }
  if (size !== entry.size)
    throw damaged(`${entry.name} unpacks to ${size} bytes; its header says ${entry.size}`);
  budget.left -= size;
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
