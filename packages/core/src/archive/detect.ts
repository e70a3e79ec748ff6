import { looksLikeDayOne, parseDayOne } from "./day-one";
import { looksLikeDaylio, parseDaylio } from "./daylio";
import { type ForeignImport, ImportFormatError, ImportLimitError } from "./imported";
import { looksLikeJrnl, parseJrnl } from "./jrnl";
import { ARCHIVE_FORMAT, type Archive, ArchiveSchema } from "./schema";

/** Reads an import file's text, whatever it is: a Meridian archive.json, a jrnl or Day One
 * JSON export, or a Daylio CSV. Throws ImportFormatError with a message naming what is wrong;
 * a file that reads without error is complete and valid (nothing is imported half-way). */

export type ReadImport = { format: "meridian"; archive: Archive; warnings: string[] } | ForeignImport;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const ARCHIVE_LISTS = ["entries", "prompts", "sessions", "sleepDiaries", "checkups", "presets", "media"];

/** Records a parsed JSON file holds (before validating them): an archive's lists, else `entries`. */
function recordCount(value: unknown): number {
  if (!isRecord(value)) return 0;
  const lists = value.format === ARCHIVE_FORMAT ? ARCHIVE_LISTS : ["entries"];
  return lists.reduce((n, k) => n + (Array.isArray(value[k]) ? (value[k] as unknown[]).length : 0), 0);
}

function checkRecords(count: number, max: number | undefined): void {
  if (max !== undefined && count > max) {
    throw new ImportLimitError(
      "records",
      `The file holds ${count.toLocaleString("en")} records; an import takes at most ${max.toLocaleString("en")} at a time`,
    );
  }
}

/** `maxRecords`: more records than this refuses the file with ImportLimitError (checked
 * before the records are validated). */
export function readImportText(text: string, options: { timeZone: string; maxRecords?: number }): ReadImport {
  const trimmed = text.replace(/^\uFEFF/, "").trimStart();
  if (trimmed === "") throw new ImportFormatError("The file is empty");
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      const detail = error instanceof Error ? error.message : "";
      throw new ImportFormatError(`The file looks like JSON but is not valid JSON (${detail})`);
    }
    checkRecords(recordCount(value), options.maxRecords);
    if (isRecord(value) && value.format === ARCHIVE_FORMAT)
      return { format: "meridian", archive: readArchive(value), warnings: [] };
    if (looksLikeDayOne(value)) return parseDayOne(value);
    if (looksLikeJrnl(value)) return parseJrnl(value, options.timeZone);
    throw new ImportFormatError(
      "This JSON file is not a Meridian archive, a jrnl export or a Day One export (no entries list in a known shape)",
    );
  }
  if (looksLikeDaylio(trimmed)) {
    const read = parseDaylio(trimmed, options.timeZone);
    checkRecords(read.entries.length, options.maxRecords);
    return read;
  }
  throw new ImportFormatError(
    "Unknown file type: Meridian reads its own archive (.zip or archive.json), jrnl JSON, Day One JSON (Journal.json or its zip) and Daylio CSV",
  );
}

/** Validates a parsed archive.json: the schema, then that every reference points inside it. */
export function readArchive(value: unknown): Archive {
  const parsed = ArchiveSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") ?? "";
    throw new ImportFormatError(
      `archive.json is not valid: ${path ? `${path}: ` : ""}${issue?.message ?? "invalid"}`,
    );
  }
  // Validated, but the records are used as read (zod's output reorders keys and fills in
  // defaults), so an archive restored and exported again gives the same bytes.
  const archive = value as Archive;
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    for (const id of ids) {
      if (seen.has(id))
        throw new ImportFormatError(`archive.json is not valid: two ${what} share the id ${id}`);
      seen.add(id);
    }
    return seen;
  };
  const entries = unique(
    "entries",
    archive.entries.map((e) => e.id),
  );
  unique(
    "prompts",
    archive.prompts.map((p) => p.id),
  );
  const sessions = unique(
    "sessions",
    archive.sessions.map((s) => s.id),
  );
  unique(
    "sleep diaries",
    archive.sleepDiaries.map((d) => d.id),
  );
  unique(
    "sleep diaries (nights)",
    archive.sleepDiaries.map((d) => d.nightOf),
  );
  unique(
    "check-ups",
    archive.checkups.map((c) => c.id),
  );
  unique(
    "presets",
    archive.presets.map((p) => p.id),
  );
  unique(
    "media items",
    archive.media.map((m) => m.id),
  );
  for (const [i, s] of archive.sessions.entries()) {
    if (s.entryId !== null && !entries.has(s.entryId))
      throw new ImportFormatError(
        `archive.json is not valid: sessions.${i}.entryId names an entry that is not in the archive`,
      );
  }
  for (const [i, d] of archive.sleepDiaries.entries()) {
    if (d.sessionId !== null && !sessions.has(d.sessionId))
      throw new ImportFormatError(
        `archive.json is not valid: sleepDiaries.${i}.sessionId names a session that is not in the archive`,
      );
  }
  for (const [i, m] of archive.media.entries()) {
    if ((m.kind !== "link") !== (m.file !== null))
      throw new ImportFormatError(
        `archive.json is not valid: media.${i}.file should name the file of an audio or video item (and only of one)`,
      );
  }
  return archive;
}
