import { ARCHIVE_JSON_NAME, ImportFormatError } from "@meridian/core";
import { unzipSync } from "fflate";

/** An uploaded import file as text (plus, for a zip, the other files in it). */
export interface Unpacked {
  text: string;
  /** Files of a zip by path; null for a plain file. */
  zip: Map<string, Uint8Array> | null;
  notes: string[];
}

/** A zip may unpack to at most this many bytes (the upload itself is capped at 50 MB). */
export const MAX_UNZIPPED_BYTES = 512 * 1024 * 1024;

const decoder = new TextDecoder("utf-8", { fatal: true });

function text(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ImportFormatError(`${what} is not UTF-8 text`);
  }
}

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

export function unpack(bytes: Uint8Array): Unpacked {
  if (bytes.length === 0) throw new ImportFormatError("The file is empty");
  if (!isZip(bytes)) return { text: text(bytes, "The file"), zip: null, notes: [] };
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED_BYTES) throw new ImportFormatError("The zip unpacks to more than 512 MB");
        return !f.name.endsWith("/") && !f.name.startsWith("__MACOSX/");
      },
    });
  } catch (error) {
    if (error instanceof ImportFormatError) throw error;
    throw new ImportFormatError(
      `The zip file is damaged (${error instanceof Error ? error.message : "unreadable"})`,
    );
  }
  const zip = new Map(Object.entries(files));
  const archive = zip.get(ARCHIVE_JSON_NAME);
  if (archive) return { text: text(archive, ARCHIVE_JSON_NAME), zip, notes: [] };
  // A Day One export zip: Journal.json (or one JSON file per journal) plus a photos folder.
  const json = [...zip.keys()].filter((n) => n.toLowerCase().endsWith(".json")).sort();
  const first = json.includes("Journal.json") ? "Journal.json" : json[0];
  if (first === undefined) {
    throw new ImportFormatError(
      `The zip holds neither ${ARCHIVE_JSON_NAME} (a Meridian archive) nor a Day One Journal.json`,
    );
  }
  const notes =
    json.length > 1
      ? [
          `Only ${first} was read; the zip also holds ${json.filter((n) => n !== first).join(", ")} (import those one at a time)`,
        ]
      : [];
  return { text: text(zip.get(first) as Uint8Array, first), zip, notes };
}
