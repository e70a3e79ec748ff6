/**
 * Caps of one import, so a member cannot make the server hold or chew on more than this
 * (each set from the environment, read here for serve and `meridian import` alike:
 * MERIDIAN_IMPORT_LIMIT_MB, MERIDIAN_IMPORT_INFLATED_MB, MERIDIAN_IMPORT_MAX_FILES,
 * MERIDIAN_IMPORT_MAX_RECORDS). Past any of them the import is
 * refused with 413 and nothing is written. And how many imports the server takes on at once,
 * all accounts together (MERIDIAN_IMPORT_CONCURRENCY; past it 429), so many members importing
 * at once cannot add up to more memory than that many imports hold.
 */
export interface ImportLimits {
  /** The uploaded file (the request body). */
  bodyBytes: number;
  /** What the files read from a zip may unpack to, together. */
  inflatedBytes: number;
  /** Files (and folders) a zip may list. */
  zipFiles: number;
  /** Records in the file (entries; for an archive also sessions, diaries, check-ups…). */
  records: number;
  /** Imports in flight on the server, all accounts together, each counted from before its body
   * is read until it is answered (the server only; `meridian import` runs one). */
  concurrent: number;
}

const MB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  bodyBytes: 50 * MB,
  inflatedBytes: 256 * MB,
  zipFiles: 10_000,
  records: 100_000,
  concurrent: 2,
};

function positiveInt(name: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be 1–${max}, got "${value}"`);
  return n;
}

/** The caps the environment sets (unset variables keep their default). */
export function importLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<ImportLimits> {
  const limits: Partial<ImportLimits> = {};
  const read = (name: string) => {
    const value = env[name];
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const body = read("MERIDIAN_IMPORT_LIMIT_MB");
  if (body !== undefined) limits.bodyBytes = positiveInt("MERIDIAN_IMPORT_LIMIT_MB", body, 4096) * MB;
  const inflated = read("MERIDIAN_IMPORT_INFLATED_MB");
  if (inflated !== undefined)
    limits.inflatedBytes = positiveInt("MERIDIAN_IMPORT_INFLATED_MB", inflated, 16_384) * MB;
  const files = read("MERIDIAN_IMPORT_MAX_FILES");
  if (files !== undefined) limits.zipFiles = positiveInt("MERIDIAN_IMPORT_MAX_FILES", files, 10_000_000);
  const records = read("MERIDIAN_IMPORT_MAX_RECORDS");
  if (records !== undefined)
    limits.records = positiveInt("MERIDIAN_IMPORT_MAX_RECORDS", records, 100_000_000);
  const concurrent = read("MERIDIAN_IMPORT_CONCURRENCY");
  if (concurrent !== undefined)
    limits.concurrent = positiveInt("MERIDIAN_IMPORT_CONCURRENCY", concurrent, 1000);
  return limits;
}

export function importLimits(partial: Partial<ImportLimits> = {}): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...partial };
}

/** What a file past `bodyBytes` is told (the HTTP 413 and `meridian import` alike). */
export function fileTooLargeMessage(bodyBytes: number): string {
  return `The file is larger than the import limit of ${Math.round((bodyBytes / MB) * 10) / 10} MB.`;
}
