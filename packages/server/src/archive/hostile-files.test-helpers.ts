import { Zip, ZipDeflate } from "fflate";

/** Test support (also used by scripts/import-stall.ts): files made to hurt an import. */

const MB = 1024 * 1024;

/**
 * A zip whose one file (`name`, archive.json by default) is `inflatedMb` MB of spaces: about
 * 1/1000 of that compressed. Built as a stream, so making it never holds the inflated size.
 */
export function zipBomb(inflatedMb: number, name = "archive.json"): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  const file = new ZipDeflate(name, { level: 1 });
  zip.add(file);
  const block = new Uint8Array(MB).fill(0x20);
  for (let i = 0; i < inflatedMb; i++) file.push(block, i === inflatedMb - 1);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The same zip with every central-directory record claiming `size` bytes unpacked (a bomb
 * that lies about its size, so only counting the output can catch it). */
export function lyingAboutSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, size, true);
  }
  return out;
}

/** A jrnl export of about `mb` MB (entries of ~80 × `repeat` characters, default 5). `badLast`:
 * the last entry has an impossible date, so the file is refused only once every entry has been read. */
export function bigJrnl(mb: number, options: { badLast?: boolean; repeat?: number } = {}): Uint8Array {
  const entry = (i: number) => ({
    title: `Evening ${i}`,
    body: `Listened to the rain scene for a while and wrote about the day, number ${i}. `.repeat(
      options.repeat ?? 5,
    ),
    date: `20${10 + (i % 14)}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
    time: "21:30",
    tags: ["@evening"],
    starred: false,
  });
  const one = JSON.stringify(entry(0)).length + 1;
  const count = Math.max(1, Math.round((mb * MB) / one));
  const entries = Array.from({ length: count }, (_, i) => entry(i));
  if (options.badLast) (entries[count - 1] as { date: string }).date = "2024-02-31";
  return new TextEncoder().encode(JSON.stringify({ tags: { "@evening": count }, entries }));
}
