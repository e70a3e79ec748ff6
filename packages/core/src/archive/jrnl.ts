import { isCalendarDate, isValidTimeZone, localToInstant } from "../sleep/time-zone";
import {
  checkBody,
  type ForeignImport,
  fitTitle,
  type ImportedEntry,
  ImportFormatError,
  keyCounter,
  localDateOf,
  normaliseTags,
} from "./imported";
import { sha256Hex } from "./sha256";

/** jrnl's `jrnl --export json`: { tags: {"@tag": n}, entries: [{ title, body, date, time,
 * tags: ["@tag"], starred }] }. Dates and times are wall-clock in the writer's zone, which
 * the file doesn't record, so they are read in `timeZone` (the importing account's). A
 * starred entry gets the tag "starred". */

const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function looksLikeJrnl(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.entries)) return false;
  const first = value.entries[0];
  return first === undefined ? "tags" in value : isRecord(first) && "date" in first && "body" in first;
}

export function parseJrnl(value: unknown, timeZone: string): ForeignImport {
  if (!isValidTimeZone(timeZone)) throw new ImportFormatError(`Unknown time zone ${timeZone}`);
  if (!isRecord(value) || !Array.isArray(value.entries))
    throw new ImportFormatError('This jrnl export has no "entries" list');
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const nextKey = keyCounter();
  const entries: ImportedEntry[] = value.entries.map((raw: unknown, index): ImportedEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(raw)) throw new ImportFormatError(`${where} is not an object`);
    const { title, body, date, time, tags, starred } = raw;
    if (typeof date !== "string" || !isCalendarDate(date))
      throw new ImportFormatError(`${where}: "date" should be a date written YYYY-MM-DD`);
    const clock = time === undefined ? "00:00" : time;
    const match = typeof clock === "string" ? TIME_RE.exec(clock) : null;
    if (!match) throw new ImportFormatError(`${where}: "time" should be a time written HH:MM`);
    if (title !== undefined && title !== null && typeof title !== "string")
      throw new ImportFormatError(`${where}: "title" should be text`);
    if (body !== undefined && body !== null && typeof body !== "string")
      throw new ImportFormatError(`${where}: "body" should be text`);
    if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== "string")))
      throw new ImportFormatError(`${where}: "tags" should be a list of text`);
    if (starred !== undefined && typeof starred !== "boolean")
      throw new ImportFormatError(`${where}: "starred" should be true or false`);
    const hhmm = `${match[1]?.padStart(2, "0")}:${match[2]}`;
    const instant = localToInstant(date, hhmm, timeZone).instantMs;
    if (body === null || body === undefined) {
      const named =
        typeof title === "string" && title.trim() !== "" ? ` ("${title.trim().slice(0, 60)}")` : "";
      warn(
        `${where}${named} has no text ("body" is ${body === null ? "null" : "missing"}); it would be imported as an empty entry`,
      );
    }
    const text = checkBody((body ?? "").replace(/\s+$/u, ""), where);
    const allTags = [...((tags as string[] | undefined) ?? []), ...(starred ? ["starred"] : [])];
    const source = JSON.stringify([date, hhmm, title ?? "", body ?? ""]);
    return {
      key: nextKey(`jrnl:${sha256Hex(source).slice(0, 40)}`),
      title: fitTitle(title ?? null),
      body: text,
      tags: normaliseTags(allTags, warn, where),
      createdAt: new Date(instant).toISOString(),
      timeZone,
      localDate: localDateOf(instant, timeZone),
    };
  });
  if (entries.length > 0) {
    warnings.unshift(
      `jrnl records no time zone; dates and times were read as ${timeZone} (your account's zone)`,
    );
  }
  return { format: "jrnl", entries, warnings };
}
