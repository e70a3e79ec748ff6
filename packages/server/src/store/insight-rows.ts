/**
 * The numbers the insights read, kept in plain columns beside the JSON they come from
 * (migration 0004_insights), so GET /api/insights never parses a scene snapshot, a media list or a
 * diary's timeline, and never touches a sealed note. Written with every insert and update of a
 * session or diary (kysely-ritual-store.ts); `ins_v` says the row's facts are there (rows written
 * some other way are computed from their JSON when loaded, see loadInsightsRows).
 */
import { randomUUID } from "node:crypto";
import type { CheckIn, CheckOut, MediaUsed, SleepDerived, SleepDiaryInput } from "@meridian/core";
import { type Generated, type Kysely, sql } from "kysely";
import { knownTriggers, sceneTriggers } from "../insights/observations";
import { ARRAY_ROWS_MARK } from "./dialects";
import type { RitualTables } from "./ritual-schema";
import type {
  InsightsDiaryRow,
  InsightsMood,
  InsightsRows,
  InsightsSessionRow,
  RitualSessionChanges,
} from "./ritual-store";
import type { Database } from "./schema";

/** Version of the facts written now; rows with another (or none) are recomputed when read. */
export const INSIGHT_FACTS_VERSION = 1;

export interface SessionInsightColumns {
  ins_v: number | null;
  ins_in_pleasantness: number | null;
  ins_in_energy: number | null;
  ins_in_anxiety: number | null;
  /** Null without a check-out. */
  ins_out_pleasantness: number | null;
  ins_out_energy: number | null;
  ins_out_anxiety: number | null;
  ins_out_tingles: number | null;
  /** JSON array of the scene's trigger generator ids (observations.ts sceneTriggers). */
  ins_triggers: string | null;
  /** presetId of the first media item of kind preset. */
  ins_preset_id: string | null;
  /** audioId of the first own-audio media item. */
  ins_media_id: string | null;
}

export interface DiaryInsightColumns {
  ins_v: number | null;
  ins_sol_minutes: number | null;
  ins_sleep_efficiency: number | null;
  ins_quality: number | null;
}

/** One row per user who wrote ritual data since 0004_insights: a random token replaced with every
 * write to their sessions, diaries or check-ups, so an answer computed for one token is still
 * right while the token is (in any process; a restored backup brings back its own tokens). */
export interface InsightStampsTable {
  user_id: string;
  stamp: string;
  /** Ritual writes so far (0008_insights_seq); the session or diary written carries it in ins_seq. */
  seq: Generated<number>;
  /** The seq of the last delete or import: rows may have gone, so a cache reloads everything. */
  purge_seq: Generated<number>;
}

/** The seq of the write that last wrote the row (0 for rows from before 0008_insights_seq). */
export interface InsightSeqColumn {
  ins_seq: number | null;
}

/** Merged into the ritual tables' row types (Kysely's withTables intersects them). */
export type InsightTables = {
  ritual_sessions: SessionInsightColumns & InsightSeqColumn;
  sleep_diaries: DiaryInsightColumns & InsightSeqColumn;
  insight_stamps: InsightStampsTable;
};

type Db = Kysely<Database & RitualTables & InsightTables>;

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The preset and own-media ids a session's media list names (the first of each kind). */
export function mediaIds(media: readonly unknown[]): { presetId: string | null; mediaId: string | null } {
  let presetId: string | null = null;
  let mediaId: string | null = null;
  for (const item of media as { kind?: unknown; presetId?: unknown; audioId?: unknown }[]) {
    if (item === null || typeof item !== "object") continue;
    if (presetId === null && item.kind === "preset" && typeof item.presetId === "string")
      presetId = item.presetId;
    if (mediaId === null && item.kind === "own-audio" && typeof item.audioId === "string")
      mediaId = item.audioId;
  }
  return { presetId, mediaId };
}

function checkOutColumns(c: Partial<CheckOut> | null) {
  return {
    ins_out_pleasantness: c ? num(c.pleasantness) : null,
    ins_out_energy: c ? num(c.energy) : null,
    ins_out_anxiety: c ? num(c.anxiety) : null,
    ins_out_tingles: c ? num(c.tingles) : null,
  };
}

function sceneColumns(scene: unknown) {
  return { ins_triggers: JSON.stringify(sceneTriggers(scene)) };
}

function mediaColumns(media: readonly unknown[]) {
  const ids = mediaIds(media);
  return { ins_preset_id: ids.presetId, ins_media_id: ids.mediaId };
}

/** Every fact of a whole session (insert, import, backfill). */
export function sessionFacts(s: {
  checkIn: Partial<CheckIn>;
  checkOut: Partial<CheckOut> | null;
  scene: unknown;
  media: readonly unknown[];
}): SessionInsightColumns {
  return {
    ins_v: INSIGHT_FACTS_VERSION,
    ins_in_pleasantness: num(s.checkIn.pleasantness),
    ins_in_energy: num(s.checkIn.energy),
    ins_in_anxiety: num(s.checkIn.anxiety),
    ...checkOutColumns(s.checkOut),
    ...sceneColumns(s.scene),
    ...mediaColumns(s.media),
  };
}

/** The facts an update changes (only those whose source the update names). */
export function sessionFactChanges(c: RitualSessionChanges): Partial<SessionInsightColumns> {
  return {
    ...(c.checkOut !== undefined ? checkOutColumns(c.checkOut) : {}),
    ...(c.scene !== undefined ? sceneColumns(c.scene) : {}),
    ...(c.media !== undefined ? mediaColumns(c.media as MediaUsed[]) : {}),
  };
}

/** The facts of a sleep diary. */
export function diaryFacts(
  fields: Partial<SleepDiaryInput>,
  derived: Partial<SleepDerived>,
): DiaryInsightColumns {
  return {
    ins_v: INSIGHT_FACTS_VERSION,
    ins_sol_minutes: num(derived.sleepOnsetLatencyMinutes),
    ins_sleep_efficiency: num(derived.sleepEfficiency),
    ins_quality: num(fields.quality),
  };
}

/** Ids per look-up of rows without facts (well under both backends' bound-parameter limits). */
const STALE_CHUNK = 500;

const NAN_MOOD: InsightsMood = { pleasantness: Number.NaN, energy: Number.NaN, anxiety: Number.NaN };

/** Parses each distinct triggers text once (a user's sessions reuse a handful of scenes); ids that
 * are not registered generators (rows stored before scenes were validated) are dropped. */
class TriggerTexts {
  readonly #seen = new Map<string, readonly string[]>();
  parse(text: string | null): readonly string[] {
    if (text === null) return [];
    let list = this.#seen.get(text);
    if (!list) {
      const parsed: unknown = JSON.parse(text);
      list = Array.isArray(parsed) ? knownTriggers(parsed) : [];
      this.#seen.set(text, list);
    }
    return list;
  }
}

/** The sessions' columns the insights read, in the order of an array row (ARRAY_ROWS_MARK). */
const SESSION_COLUMNS = [
  "id",
  "status",
  "started_at",
  "time_zone",
  "local_date",
  "condition",
  "ins_v",
  "ins_in_pleasantness",
  "ins_in_energy",
  "ins_in_anxiety",
  "ins_out_pleasantness",
  "ins_out_energy",
  "ins_out_anxiety",
  "ins_out_tingles",
  "ins_triggers",
  "ins_preset_id",
  "ins_media_id",
] as const;

type SessionColumns = SessionInsightColumns & {
  id: string;
  status: InsightsSessionRow["status"];
  started_at: string;
  time_zone: string;
  local_date: string;
  condition: string;
};

/** One session row, whether the driver answered an array (SQLite) or an object (PostgreSQL). */
function sessionColumnsOf(row: unknown): SessionColumns {
  if (!Array.isArray(row)) return row as SessionColumns;
  return {
    id: row[0],
    status: row[1],
    started_at: row[2],
    time_zone: row[3],
    local_date: row[4],
    condition: row[5],
    ins_v: row[6],
    ins_in_pleasantness: row[7],
    ins_in_energy: row[8],
    ins_in_anxiety: row[9],
    ins_out_pleasantness: row[10],
    ins_out_energy: row[11],
    ins_out_anxiety: row[12],
    ins_out_tingles: row[13],
    ins_triggers: row[14],
    ins_preset_id: row[15],
    ins_media_id: row[16],
  };
}

/** The diaries' columns, in array-row order. */
const DIARY_COLUMNS = [
  "night_of",
  "session_id",
  "ins_v",
  "ins_sol_minutes",
  "ins_sleep_efficiency",
  "ins_quality",
] as const;

type DiaryColumns = DiaryInsightColumns & { night_of: string; session_id: string | null };

function diaryColumnsOf(row: unknown): DiaryColumns {
  if (!Array.isArray(row)) return row as DiaryColumns;
  return {
    night_of: row[0],
    session_id: row[1],
    ins_v: row[2],
    ins_sol_minutes: row[3],
    ins_sleep_efficiency: row[4],
    ins_quality: row[5],
  };
}

/**
 * Everything the insights read, in three queries (one per table) over plain columns; `from`/`to`
 * are inclusive local dates (sessions, check-ups) and nights (diaries). Rows without facts (none
 * after the migration, unless written by a path that bypasses the store) are completed from their
 * JSON in a fourth query.
 */
export async function loadInsightsRows(
  db: Db,
  userId: string,
  range: { from?: string; to?: string },
): Promise<InsightsRows> {
  return (await loadInsightsParts(db, userId, range)).rows;
}

/**
 * loadInsightsRows, optionally only the sessions and diaries written after seq `seqAbove` (and
 * without check-ups), and telling how many rows had no facts (`stale`: recomputed from JSON, which
 * a cache must not keep, because nothing marks them when they are completed).
 */
export async function loadInsightsParts(
  db: Db,
  userId: string,
  range: { from?: string; to?: string },
  seqAbove?: number,
): Promise<{ rows: InsightsRows; stale: number }> {
  let sq = db
    .selectFrom("ritual_sessions")
    .modifyFront(sql.raw(ARRAY_ROWS_MARK))
    .select([...SESSION_COLUMNS])
    .where("user_id", "=", userId);
  let dq = db
    .selectFrom("sleep_diaries")
    .modifyFront(sql.raw(ARRAY_ROWS_MARK))
    .select([...DIARY_COLUMNS])
    .where("user_id", "=", userId);
  if (range.from !== undefined) {
    sq = sq.where("local_date", ">=", range.from);
    dq = dq.where("night_of", ">=", range.from);
  }
  if (range.to !== undefined) {
    sq = sq.where("local_date", "<=", range.to);
    dq = dq.where("night_of", "<=", range.to);
  }
  let sessionAnswer: unknown[];
  let diaryAnswer: unknown[];
  let checkups: InsightsRows["checkups"] = [];
  if (seqAbove === undefined) {
    [sessionAnswer, diaryAnswer, checkups] = await Promise.all([
      sq.orderBy("started_at").orderBy("id").execute(),
      dq.orderBy("night_of").execute(),
      loadCheckupRows(db, userId, range),
    ]);
  } else {
    // The rows written since seq `seqAbove`, and any without a seq (written by something that
    // bypassed the store). Asked as two searches of the (user_id, ins_seq) index each: one query
    // with `ins_seq > n or ins_seq is null` ordered by start made SQLite walk every row of the
    // user in start order instead (a millisecond and more for ten years, after every write).
    const [newer, newerNights, unnumbered, unnumberedNights] = await Promise.all([
      sq.where("ins_seq", ">", seqAbove).orderBy("started_at").orderBy("id").execute(),
      dq.where("ins_seq", ">", seqAbove).orderBy("night_of").execute(),
      sq.where("ins_seq", "is", null).execute(),
      dq.where("ins_seq", "is", null).execute(),
    ]);
    sessionAnswer = [...(newer as unknown[]), ...(unnumbered as unknown[])];
    diaryAnswer = [...(newerNights as unknown[]), ...(unnumberedNights as unknown[])];
  }
  const sessionRows = sessionAnswer.map(sessionColumnsOf);
  const diaryRows = diaryAnswer.map(diaryColumnsOf);

  const stale = sessionRows.filter((r) => r.ins_v !== INSIGHT_FACTS_VERSION).map((r) => r.id);
  const staleNights = diaryRows.filter((r) => r.ins_v !== INSIGHT_FACTS_VERSION).map((r) => r.night_of);
  const recomputed = new Map<string, SessionInsightColumns>();
  const recomputedNights = new Map<string, DiaryInsightColumns>();
  for (let i = 0; i < stale.length; i += STALE_CHUNK) {
    for (const r of await db
      .selectFrom("ritual_sessions")
      .select(["id", "check_in", "check_out", "scene", "media"])
      .where("user_id", "=", userId)
      .where("id", "in", stale.slice(i, i + STALE_CHUNK))
      .execute()) {
      recomputed.set(r.id, sessionFactsOfRow(r));
    }
  }
  for (let i = 0; i < staleNights.length; i += STALE_CHUNK) {
    for (const r of await db
      .selectFrom("sleep_diaries")
      .select(["night_of", "fields", "derived"])
      .where("user_id", "=", userId)
      .where("night_of", "in", staleNights.slice(i, i + STALE_CHUNK))
      .execute()) {
      recomputedNights.set(r.night_of, diaryFacts(JSON.parse(r.fields), JSON.parse(r.derived)));
    }
  }

  const triggers = new TriggerTexts();
  const sessions: InsightsSessionRow[] = sessionRows.map((row) => {
    const f = recomputed.get(row.id) ?? row;
    const checkIn =
      f.ins_in_anxiety === null
        ? NAN_MOOD
        : {
            pleasantness: f.ins_in_pleasantness ?? Number.NaN,
            energy: f.ins_in_energy ?? Number.NaN,
            anxiety: f.ins_in_anxiety,
          };
    return {
      id: row.id,
      status: row.status,
      startedAt: row.started_at,
      timeZone: row.time_zone,
      localDate: row.local_date,
      checkIn,
      checkOut:
        f.ins_out_anxiety === null && f.ins_out_pleasantness === null && f.ins_out_energy === null
          ? null
          : {
              pleasantness: f.ins_out_pleasantness ?? Number.NaN,
              energy: f.ins_out_energy ?? Number.NaN,
              anxiety: f.ins_out_anxiety ?? Number.NaN,
              tingles: f.ins_out_tingles,
            },
      triggers: triggers.parse(f.ins_triggers),
      presetId: f.ins_preset_id,
      mediaId: f.ins_media_id,
      condition: row.condition,
    };
  });
  const diaries: InsightsDiaryRow[] = diaryRows.map((row) => {
    const f = recomputedNights.get(row.night_of) ?? row;
    return {
      nightOf: row.night_of,
      sessionId: row.session_id,
      solMinutes: f.ins_sol_minutes,
      sleepEfficiency: f.ins_sleep_efficiency,
      quality: f.ins_quality,
    };
  });
  return {
    rows: {
      sessions,
      diaries,
      checkups,
    },
    stale: stale.length + staleNights.length,
  };
}

/** The scored check-ups in the range, in the order they were completed. */
export async function loadCheckupRows(
  db: Db,
  userId: string,
  range: { from?: string; to?: string },
): Promise<InsightsRows["checkups"]> {
  let cq = db
    .selectFrom("checkup_responses")
    .select(["instrument_id", "local_date", "total"])
    .where("user_id", "=", userId)
    .where("total", "is not", null);
  if (range.from !== undefined) cq = cq.where("local_date", ">=", range.from);
  if (range.to !== undefined) cq = cq.where("local_date", "<=", range.to);
  const rows = await cq.orderBy("completed_at").orderBy("id").execute();
  return rows.map((r) => ({
    instrumentId: r.instrument_id,
    localDate: r.local_date,
    total: Number(r.total),
  }));
}

/** Facts of a stored session row from its JSON columns (backfill and stale rows). */
export function sessionFactsOfRow(r: {
  check_in: string;
  check_out: string | null;
  scene: string | null;
  media: string;
}): SessionInsightColumns {
  const media = JSON.parse(r.media) as unknown;
  return sessionFacts({
    checkIn: JSON.parse(r.check_in) as Partial<CheckIn>,
    checkOut: r.check_out === null ? null : (JSON.parse(r.check_out) as Partial<CheckOut>),
    scene: r.scene === null ? null : (JSON.parse(r.scene) as unknown),
    media: Array.isArray(media) ? media : [],
  });
}

/**
 * Marks the user's ritual data as changed (see InsightStampsTable) and returns the new seq for the
 * rows this write touches. Call it inside the write's transaction and before the write: the
 * stamps row stays locked until the transaction ends, so seqs are taken in commit order and every
 * row with ins_seq ≤ n is committed once n is visible (what the row cache relies on). `purge`
 * (deletes, imports) makes the next cached read a full one.
 */
export async function bumpInsightStamp(
  db: Db,
  userId: string,
  options: { purge?: boolean } = {},
): Promise<number> {
  const stamp = randomUUID();
  const next = sql<number>`insight_stamps.seq + 1`;
  const row = await db
    .insertInto("insight_stamps")
    .values({ user_id: userId, stamp, seq: 1, purge_seq: options.purge ? 1 : 0 })
    .onConflict((oc) =>
      oc.column("user_id").doUpdateSet({ stamp, seq: next, ...(options.purge ? { purge_seq: next } : {}) }),
    )
    .returning("seq")
    .executeTakeFirstOrThrow();
  return Number(row.seq);
}

/** The user's current stamp; "" when nothing was written since 0004_insights. */
export async function insightStamp(db: Db, userId: string): Promise<string> {
  return (await insightStampState(db, userId)).stamp;
}

export interface InsightStampState {
  stamp: string;
  seq: number;
  purgeSeq: number;
}

/** The stamp with its write counters (all zero/empty when nothing was written since 0004). */
export async function insightStampState(db: Db, userId: string): Promise<InsightStampState> {
  const row = await db
    .selectFrom("insight_stamps")
    .select(["stamp", "seq", "purge_seq"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return row
    ? { stamp: row.stamp, seq: Number(row.seq), purgeSeq: Number(row.purge_seq) }
    : { stamp: "", seq: 0, purgeSeq: 0 };
}
