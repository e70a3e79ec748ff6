import { isInstrumentId } from "@meridian/core";
import type { Selectable } from "kysely";
import type { CheckupResponsesTable, RitualSessionsTable, SleepDiariesTable } from "./ritual-schema";
import type {
  CheckupRecord,
  NewRitualSession,
  RitualSessionChanges,
  RitualSessionRecord,
  SleepDiaryRecord,
} from "./ritual-store";

/** Rows ↔ records of the ritual tables. JSON columns hold what the server validated before
 * writing, so reading them back trusts their shape. */

const parse = <T>(text: string): T => JSON.parse(text) as T;

/** Digits, sign, point and exponent: the characters of a JSON number. */
function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 101 || c === 69;
}

/**
 * A top-level number in JSON text written by JSON.stringify (as every JSON column here is),
 * found without parsing the whole text; null when the key is absent or its value isn't a number.
 * In such text a quote inside a string is always escaped, so `"key":` can only be a key; the
 * callers read keys that no nested object of theirs repeats. Text laid out any other way (a
 * space after the colon, say) is parsed properly instead.
 */
export function jsonNumberAt(text: string, key: string): number | null {
  const pattern = `"${key}":`;
  const at = text.indexOf(pattern);
  if (at < 0) return text.includes(`"${key}"`) ? parsedNumberAt(text, key) : null;
  const start = at + pattern.length;
  let end = start;
  while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
  if (end === start)
    return text.startsWith("null", start) || text.charAt(start) === '"' ? null : parsedNumberAt(text, key);
  const value = Number(text.slice(start, end));
  return Number.isFinite(value) ? value : null;
}

function parsedNumberAt(text: string, key: string): number | null {
  const value = (JSON.parse(text) as Record<string, unknown> | null)?.[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

export function toRitualSession(row: Selectable<RitualSessionsTable>): RitualSessionRecord {
  return {
    id: row.id,
    userId: row.user_id,
    clientId: row.client_id,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    timeZone: row.time_zone,
    localDate: row.local_date,
    checkIn: parse(row.check_in),
    checkOut: row.check_out === null ? null : parse(row.check_out),
    scene: row.scene === null ? null : parse(row.scene),
    media: parse(row.media),
    entryId: row.entry_id,
    promptId: row.prompt_id,
    condition: parse(row.condition),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function fromNewRitualSession(userId: string, s: NewRitualSession): Selectable<RitualSessionsTable> {
  return {
    id: s.id,
    user_id: userId,
    client_id: s.clientId,
    status: "active",
    started_at: s.startedAt,
    ended_at: s.endedAt ?? null,
    time_zone: s.timeZone,
    local_date: s.localDate,
    check_in: JSON.stringify(s.checkIn),
    check_out: null,
    scene: s.scene === null ? null : JSON.stringify(s.scene),
    media: JSON.stringify(s.media),
    entry_id: null,
    prompt_id: s.promptId,
    condition: JSON.stringify(s.condition ?? { kind: "open" }),
    created_at: s.startedAt,
    updated_at: s.startedAt,
  };
}

/** The SET clause of an update: only the fields the change names. */
export function ritualSessionSet(c: RitualSessionChanges): Partial<Selectable<RitualSessionsTable>> {
  const set: Partial<Selectable<RitualSessionsTable>> = { updated_at: c.updatedAt };
  if (c.status !== undefined) set.status = c.status;
  if (c.endedAt !== undefined) set.ended_at = c.endedAt;
  if (c.checkOut !== undefined) set.check_out = c.checkOut === null ? null : JSON.stringify(c.checkOut);
  if (c.scene !== undefined) set.scene = c.scene === null ? null : JSON.stringify(c.scene);
  if (c.media !== undefined) set.media = JSON.stringify(c.media);
  if (c.entryId !== undefined) set.entry_id = c.entryId;
  if (c.promptId !== undefined) set.prompt_id = c.promptId;
  if (c.condition !== undefined) set.condition = JSON.stringify(c.condition);
  return set;
}

/** A complete session record as a row (bulk import). */
export function fromRitualSession(r: RitualSessionRecord): Selectable<RitualSessionsTable> {
  return {
    id: r.id,
    user_id: r.userId,
    client_id: r.clientId,
    status: r.status,
    started_at: r.startedAt,
    ended_at: r.endedAt,
    time_zone: r.timeZone,
    local_date: r.localDate,
    check_in: JSON.stringify(r.checkIn),
    check_out: r.checkOut === null ? null : JSON.stringify(r.checkOut),
    scene: r.scene === null ? null : JSON.stringify(r.scene),
    media: JSON.stringify(r.media),
    entry_id: r.entryId,
    prompt_id: r.promptId,
    condition: JSON.stringify(r.condition),
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

/** A complete sleep diary record as a row (bulk import). */
export function fromSleepDiary(d: SleepDiaryRecord): Selectable<SleepDiariesTable> {
  return {
    id: d.id,
    user_id: d.userId,
    night_of: d.nightOf,
    fields: JSON.stringify(d.fields),
    derived: JSON.stringify(d.derived),
    session_id: d.sessionId,
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

export function toSleepDiary(row: Selectable<SleepDiariesTable>): SleepDiaryRecord {
  return {
    id: row.id,
    userId: row.user_id,
    nightOf: row.night_of,
    fields: parse(row.fields),
    derived: parse(row.derived),
    sessionId: row.session_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCheckup(row: Selectable<CheckupResponsesTable>): CheckupRecord {
  if (!isInstrumentId(row.instrument_id)) {
    throw new Error(`Stored check-up ${row.id} has an unknown instrument ${row.instrument_id}`);
  }
  return {
    id: row.id,
    userId: row.user_id,
    instrumentId: row.instrument_id,
    answers: parse(row.answers),
    total: row.total === null ? null : Number(row.total),
    bandId: row.band,
    completedAt: row.completed_at,
    localDate: row.local_date,
    timeZone: row.time_zone,
    createdAt: row.created_at,
  };
}

export function fromCheckup(c: CheckupRecord): Selectable<CheckupResponsesTable> {
  return {
    id: c.id,
    user_id: c.userId,
    instrument_id: c.instrumentId,
    answers: JSON.stringify(c.answers),
    total: c.total,
    band: c.bandId,
    completed_at: c.completedAt,
    local_date: c.localDate,
    time_zone: c.timeZone,
    created_at: c.createdAt,
  };
}
