import { ARCHIVE_JSON_NAME, ImportFormatError } from "@meridian/core";
import type { ImportLimits } from "./import-limits";
import { type InflateBudget, inflateEntry, isZip, listZip, type ZipEntry } from "./zip-reader";

/** A zip as uploaded: its listing, and its files inflated one by one on demand, all under one
 * budget (the import's unpacked-size cap). */
export class OpenZip {
  private readonly budget: InflateBudget;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly entries: Map<string, ZipEntry>,
    inflatedBytes: number,
  ) {
    this.budget = { left: inflatedBytes, cap: inflatedBytes };
  }

  /** Names of the files (not folders, nor macOS resource forks). */
  names(): string[] {
    return [...this.entries.keys()].filter((n) => !n.endsWith("/") && !n.startsWith("__MACOSX/"));
  }

  /** A file's content, or null when the zip has no such file. */
  read(name: string): Uint8Array | null {
    const entry = this.entries.get(name);
    return entry ? inflateEntry(this.bytes, entry, this.budget) : null;
  }
}

/** An uploaded import file as text (plus, for a zip, the zip to read other files from). */
export interface Unpacked {
  text: string;
  zip: OpenZip | null;
  notes: string[];
}

const decoder = new TextDecoder("utf-8", { fatal: true });

function text(bytes: Uint8Array, what: string): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ImportFormatError(`${what} is not UTF-8 text`);
  }
}

/** The file's text: the file itself, or from a zip archive.json (a Meridian archive) or the
 * Day One journal. Nothing else of a zip is inflated here. */
export function unpack(
  bytes: Uint8Array,
  limits: Pick<ImportLimits, "inflatedBytes" | "zipFiles">,
): Unpacked {
  if (bytes.length === 0) throw new ImportFormatError("The file is empty");
  if (!isZip(bytes)) return { text: text(bytes, "The file"), zip: null, notes: [] };
  const entries = new Map(listZip(bytes, limits.zipFiles).map((e) => [e.name, e]));
  const zip = new OpenZip(bytes, entries, limits.inflatedBytes);
  const names = zip.names();
  if (names.includes(ARCHIVE_JSON_NAME)) {
    return { text: text(zip.read(ARCHIVE_JSON_NAME) as Uint8Array, ARCHIVE_JSON_NAME), zip, notes: [] };
  }
  // A Day One export zip: Journal.json (or one JSON file per journal) plus a photos folder.
  const json = names.filter((n) => n.toLowerCase().endsWith(".json")).sort();
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
  return { text: text(zip.read(first) as Uint8Array, first), zip, notes };
}
