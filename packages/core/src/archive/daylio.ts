import { isCalendarDate, isValidTimeZone, localToInstant } from "../sleep/time-zone";
import { CsvError, parseCsv } from "./csv";
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

/** Daylio's CSV export ("Export entries (CSV)"): a header row naming full_date, date, weekday,
 * time, mood, activities, note_title (newer versions) and note; activities are separated by
 * " | ". Each row becomes one entry:
 * - title: the note title, else "Mood: <mood> (<n>/9)";
 * - body: the note (Daylio's <br> line breaks become real ones);
 * - tags: "daylio", "mood-<mood>" and every activity;
 * - the mood maps onto Meridian's 1–9 pleasantness scale (DAYLIO_MOODS), shown in the title.
 * Dates and times are wall-clock in the writer's zone, read in `timeZone`. */

/** Daylio's five default moods → Meridian's pleasantness scale (1 very unpleasant … 9 very pleasant). */
export const DAYLIO_MOODS: Readonly<Record<string, number>> = {
  rad: 9,
  good: 7,
  meh: 5,
  bad: 3,
  awful: 1,
};

/** The same as a Map: a mood read from the file is looked up here, never on the object, so
 * "constructor" or "__proto__" is an unknown mood and not one of Object's properties. */
const MOOD_RATINGS: ReadonlyMap<string, number> = new Map(Object.entries(DAYLIO_MOODS));

const REQUIRED = ["full_date", "time", "mood"] as const;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::\d{2})?\s*([ap]\.?m\.?)?$/i;

export function looksLikeDaylio(text: string): boolean {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  return /(^|,)"?full_date"?(,|$)/.test(header) && /(^|,)"?mood"?(,|$)/.test(header);
}

function clock(raw: string): string | null {
  const m = TIME_RE.exec(raw.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = m[3]?.toLowerCase().replace(/\./g, "");
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === "pm" ? 12 : 0);
  } else if (hour > 23) return null;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

export function parseDaylio(text: string, timeZone: string): ForeignImport {
  if (!isValidTimeZone(timeZone)) throw new ImportFormatError(`Unknown time zone ${timeZone}`);
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError)
      throw new ImportFormatError(`This Daylio CSV is malformed. ${error.message}`);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw new ImportFormatError("This Daylio CSV is empty");
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const column = (name: string) => names.indexOf(name);
  for (const name of REQUIRED) {
    if (column(name) < 0) throw new ImportFormatError(`This Daylio CSV has no "${name}" column`);
  }
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const unknownMoods = new Set<string>();
  const nextKey = keyCounter();
  const get = (fields: string[], name: string) => {
    const i = column(name);
    return i < 0 ? "" : (fields[i] ?? "");
  };
  const entries = rows.map((row): ImportedEntry => {
    const where = `Line ${row.line}`;
    if (row.fields.length !== names.length)
      throw new ImportFormatError(
        `${where} has ${row.fields.length} fields; the header names ${names.length}`,
      );
    const date = get(row.fields, "full_date").trim();
    if (!isCalendarDate(date))
      throw new ImportFormatError(`${where}: full_date "${date}" is not a date written YYYY-MM-DD`);
    const time = clock(get(row.fields, "time"));
    if (time === null)
      throw new ImportFormatError(
        `${where}: time "${get(row.fields, "time")}" is not a time like 21:05 or 9:05 pm`,
      );
    const moodName = get(row.fields, "mood").trim();
    if (moodName === "") throw new ImportFormatError(`${where}: the mood is empty`);
    const mood = moodName.toLowerCase();
    const rating = MOOD_RATINGS.get(mood);
    if (rating === undefined) unknownMoods.add(moodName);
    const activities = get(row.fields, "activities")
      .split("|")
      .map((a) => a.trim())
      .filter((a) => a !== "");
    const noteTitle = get(row.fields, "note_title").trim();
    const note = get(row.fields, "note")
      .replace(/<br\s*\/?>/gi, "\n")
      .replace(/\r\n?/g, "\n")
      .trim();
    const instant = localToInstant(date, time, timeZone).instantMs;
    const source = JSON.stringify([date, time, mood, activities, noteTitle, note]);
    return {
      key: nextKey(`daylio:${sha256Hex(source).slice(0, 40)}`),
      title: fitTitle(
        noteTitle || (rating === undefined ? `Mood: ${moodName}` : `Mood: ${moodName} (${rating}/9)`),
      ),
      body: checkBody(note, where),
      tags: normaliseTags(["daylio", `mood-${mood}`, ...activities], warn, where),
      createdAt: new Date(instant).toISOString(),
      timeZone,
      localDate: localDateOf(instant, timeZone),
    };
  });
  for (const m of unknownMoods) {
    warnings.push(
      `"${m}" is not one of Daylio's five default moods; it is kept as a tag without a 1–9 rating`,
    );
  }
  if (entries.length > 0) {
    warnings.unshift(
      `Daylio records no time zone; dates and times were read as ${timeZone} (your account's zone)`,
    );
  }
  return { format: "daylio", entries, warnings };
}
