import { type Archive, ImportFormatError, type ReadImport, readImportText } from "@meridian/core";
import { findNulPath } from "../errors";
import { checkScene } from "../scene-check";
import type { ImportLimits } from "./import-limits";
import { unpack } from "./unpack";

/**
 * The CPU- and memory-heavy half of an import, with no store or I/O: unpack (a zip under the
 * caps), parse, validate every record (an archive's scenes as the API checks them), refuse NUL
 * characters, and for an archive read the media
 * files it names. parse-thread.ts runs this off the event loop; the plan and the writes stay
 * on the main thread.
 */

export interface ParsedImport {
  read: ReadImport;
  /** Notes from unpacking (other journals in a Day One zip). */
  notes: string[];
  /** For an archive from a zip: the media files it names that the zip holds; null for a plain file. */
  files: Map<string, Uint8Array> | null;
}

export function parseImportBytes(bytes: Uint8Array, timeZone: string, limits: ImportLimits): ParsedImport {
  const unpacked = unpack(bytes, limits);
  const read = readImportText(unpacked.text, { timeZone, maxRecords: limits.records });
  // PostgreSQL can't store U+0000; refuse it on both backends alike, before writing.
  const nul = findNulPath(read.format === "meridian" ? read.archive : read.entries);
  if (nul) {
    const where =
      read.format === "meridian" ? `archive.json: ${nul.join(".")}` : `Entry ${Number(nul[0]) + 1}`;
    throw new ImportFormatError(`${where} contains a NUL character`);
  }
  if (read.format === "meridian") checkArchiveScenes(read.archive);
  let files: Map<string, Uint8Array> | null = null;
  if (unpacked.zip && read.format === "meridian") {
    files = new Map();
    for (const m of read.archive.media) {
      if (m.file === null || files.has(m.file)) continue;
      const data = unpacked.zip.read(m.file);
      if (data) files.set(m.file, data);
    }
  }
  return { read, notes: unpacked.notes, files };
}

/**
 * Every session and preset scene of an archive passes the check a scene sent to the API passes
 * (scene-check.ts: schema, unknown keys, registered generators and parameters), or the whole
 * import is refused naming the record. Scenes are stored as the archive gives them (an older
 * version stays as it was, so an export of the imported account matches the archive); a valid
 * one migrates on every later parse.
 */
function checkArchiveScenes(archive: Archive): void {
  const check = (scene: unknown, key: string) => {
    const checked = checkScene(scene, key);
    if (!checked.ok)
      throw new ImportFormatError(`archive.json is not valid: ${checked.field}: ${checked.message}`);
  };
  for (const [i, s] of archive.sessions.entries())
    if (s.scene !== null) check(s.scene, `sessions[${i}].scene`);
  for (const [i, p] of archive.presets.entries()) check(p.scene, `presets[${i}].scene`);
}
