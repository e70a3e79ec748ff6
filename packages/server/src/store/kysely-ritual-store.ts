import type { InstrumentId, SessionStatus } from "@meridian/core";
import type { Kysely } from "kysely";
import {
  bumpInsightStamp,
  diaryFacts,
  type InsightTables,
  insightStamp,
  sessionFactChanges,
  sessionFacts,
} from "./insight-rows";
import { InsightRowsCache } from "./insight-rows-cache";
import {
  fromCheckup,
  fromNewRitualSession,
  fromRitualSession,
  fromSleepDiary,
  ritualSessionSet,
  toCheckup,
  toRitualSession,
  toSleepDiary,
} from "./ritual-rows";
import type { RitualTables } from "./ritual-schema";
import type {
  CheckupRecord,
  InsightsRows,
  NewRitualSession,
  RitualImport,
  RitualSessionChanges,
  RitualSessionRecord,
  RitualStore,
  SessionQuery,
  SleepDiaryRecord,
  SleepDiaryUpsert,
} from "./ritual-store";
import type { Database } from "./schema";

type Db = Kysely<Database & RitualTables & InsightTables>;

/** Rows per multi-row INSERT of a bulk import: well under SQLite's and PostgreSQL's limits on
 * bound parameters (28 columns × 500 = 14,000). */
const IMPORT_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The RitualStore shared by both dialects (SQLite and PostgreSQL): one set of Kysely queries. */
export class KyselyRitualStore implements RitualStore {
  readonly #db: Db;
  readonly #insightRows: InsightRowsCache;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<RitualTables & InsightTables>();
    this.#insightRows = new InsightRowsCache(this.#db);
  }

  // sessions

  async createSession(
    userId: string,
    s: NewRitualSession,
  ): Promise<{ session: RitualSessionRecord; created: boolean }> {
    return this.#db.transaction().execute(async (trx) => {
      if (s.clientId !== null) {
        const existing = await this.#byClientId(trx, userId, s.clientId);
        if (existing) return { session: existing, created: false };
      }
      // The stamp first: its seq goes into the row (see bumpInsightStamp). A skipped insert
      // leaves a new stamp behind, which only means the next insights read recomputes.
      const seq = await bumpInsightStamp(trx, userId);
      const row = await trx
        .insertInto("ritual_sessions")
        .values({
          ...fromNewRitualSession(userId, s),
          ...sessionFacts({ ...s, checkOut: null }),
          ins_seq: seq,
        })
        .onConflict((oc) => oc.columns(["user_id", "client_id"]).doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row) return { session: toRitualSession(row), created: true };
      // A concurrent create with the same clientId won the race.
      const existing = s.clientId === null ? null : await this.#byClientId(trx, userId, s.clientId);
      if (!existing) throw new Error("Session insert was skipped but no session with its clientId exists");
      return { session: existing, created: false };
    });
  }

  async #byClientId(db: Db, userId: string, clientId: string): Promise<RitualSessionRecord | null> {
    const row = await db
      .selectFrom("ritual_sessions")
      .selectAll()
      .where("user_id", "=", userId)
      .where("client_id", "=", clientId)
      .executeTakeFirst();
    return row ? toRitualSession(row) : null;
  }

  async getSession(userId: string, id: string): Promise<RitualSessionRecord | null> {
    const row = await this.#db
      .selectFrom("ritual_sessions")
      .selectAll()
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toRitualSession(row) : null;
  }

  async currentSession(userId: string): Promise<RitualSessionRecord | null> {
    const row = await this.#db
      .selectFrom("ritual_sessions")
      .selectAll()
      .where("user_id", "=", userId)
      .where("status", "=", "active")
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row ? toRitualSession(row) : null;
  }

  async listSessions(userId: string, query: SessionQuery): Promise<RitualSessionRecord[]> {
    let q = this.#db.selectFrom("ritual_sessions").selectAll().where("user_id", "=", userId);
    if (query.from !== undefined) q = q.where("local_date", ">=", query.from);
    if (query.to !== undefined) q = q.where("local_date", "<=", query.to);
    if (query.status !== undefined) q = q.where("status", "=", query.status);
    if (query.after) {
      const { startedAt, id } = query.after;
      q = q.where((eb) =>
        eb.or([
          eb("started_at", "<", startedAt),
          eb.and([eb("started_at", "=", startedAt), eb("id", "<", id)]),
        ]),
      );
    }
    const rows = await q.orderBy("started_at", "desc").orderBy("id", "desc").limit(query.limit).execute();
    return rows.map(toRitualSession);
  }

  async updateSession(
    userId: string,
    id: string,
    expectedStatus: SessionStatus,
    changes: RitualSessionChanges,
  ): Promise<RitualSessionRecord | null> {
    const row = await this.#db.transaction().execute(async (trx) => {
      const seq = await bumpInsightStamp(trx, userId);
      return trx
        .updateTable("ritual_sessions")
        .set({ ...ritualSessionSet(changes), ...sessionFactChanges(changes), ins_seq: seq })
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .where("status", "=", expectedStatus)
        .returningAll()
        .executeTakeFirst();
    });
    return row ? toRitualSession(row) : null;
  }

  async deleteSession(userId: string, id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom("ritual_sessions")
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) > 0;
      if (deleted) await bumpInsightStamp(trx, userId, { purge: true });
      return deleted;
    });
  }

  async latestSessionStartedBetween(userId: string, fromIso: string, toIso: string): Promise<string | null> {
    const row = await this.#db
      .selectFrom("ritual_sessions")
      .select("id")
      .where("user_id", "=", userId)
      .where("started_at", ">=", fromIso)
      .where("started_at", "<=", toIso)
      .orderBy("started_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    return row?.id ?? null;
  }

  async ownsEntry(userId: string, entryId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom("entries")
      .select("id")
      .where("user_id", "=", userId)
      .where("id", "=", entryId)
      .executeTakeFirst();
    return row !== undefined;
  }

  // sleep diaries

  async upsertSleepDiary(
    userId: string,
    d: SleepDiaryUpsert,
  ): Promise<{ diary: SleepDiaryRecord; created: boolean }> {
    const fields = JSON.stringify(d.fields);
    const derived = JSON.stringify(d.derived);
    const row = await this.#db.transaction().execute(async (trx) => {
      const facts = { ...diaryFacts(d.fields, d.derived), ins_seq: await bumpInsightStamp(trx, userId) };
      return trx
        .insertInto("sleep_diaries")
        .values({
          id: d.id,
          user_id: userId,
          night_of: d.nightOf,
          fields,
          derived,
          session_id: d.sessionId,
          created_at: d.now,
          updated_at: d.now,
          ...facts,
        })
        .onConflict((oc) =>
          oc
            .columns(["user_id", "night_of"])
            .doUpdateSet({ fields, derived, session_id: d.sessionId, updated_at: d.now, ...facts }),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    return { diary: toSleepDiary(row), created: row.id === d.id };
  }

  async getSleepDiary(userId: string, nightOf: string): Promise<SleepDiaryRecord | null> {
    const row = await this.#db
      .selectFrom("sleep_diaries")
      .selectAll()
      .where("user_id", "=", userId)
      .where("night_of", "=", nightOf)
      .executeTakeFirst();
    return row ? toSleepDiary(row) : null;
  }

  async listSleepDiaries(userId: string, range: { from?: string; to?: string }): Promise<SleepDiaryRecord[]> {
    let q = this.#db.selectFrom("sleep_diaries").selectAll().where("user_id", "=", userId);
    if (range.from !== undefined) q = q.where("night_of", ">=", range.from);
    if (range.to !== undefined) q = q.where("night_of", "<=", range.to);
    const rows = await q.orderBy("night_of", "desc").execute();
    return rows.map(toSleepDiary);
  }

  async deleteSleepDiary(userId: string, nightOf: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom("sleep_diaries")
        .where("user_id", "=", userId)
        .where("night_of", "=", nightOf)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) > 0;
      if (deleted) await bumpInsightStamp(trx, userId, { purge: true });
      return deleted;
    });
  }

  // check-ups

  async insertCheckup(c: CheckupRecord): Promise<CheckupRecord> {
    await this.#db.transaction().execute(async (trx) => {
      await bumpInsightStamp(trx, c.userId);
      await trx.insertInto("checkup_responses").values(fromCheckup(c)).execute();
    });
    return c;
  }

  async listCheckups(userId: string, instrumentId?: InstrumentId): Promise<CheckupRecord[]> {
    let q = this.#db.selectFrom("checkup_responses").selectAll().where("user_id", "=", userId);
    if (instrumentId !== undefined) q = q.where("instrument_id", "=", instrumentId);
    const rows = await q.orderBy("completed_at").orderBy("id").execute();
    return rows.map(toCheckup);
  }

  async lastCheckupTimes(userId: string): Promise<Map<string, string>> {
    const rows = await this.#db
      .selectFrom("checkup_responses")
      .select((eb) => ["instrument_id", eb.fn.max("completed_at").as("last")])
      .where("user_id", "=", userId)
      .groupBy("instrument_id")
      .execute();
    return new Map(rows.map((r) => [r.instrument_id, r.last]));
  }

  async deleteCheckup(userId: string, id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom("checkup_responses")
        .where("user_id", "=", userId)
        .where("id", "=", id)
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows) > 0;
      if (deleted) await bumpInsightStamp(trx, userId);
      return deleted;
    });
  }

  // insights

  async insightsRows(userId: string, range: { from?: string; to?: string }): Promise<InsightsRows> {
    return this.#insightRows.rows(userId, range);
  }

  /** How the insights' row cache answered so far (for tests). */
  get insightRowLoads(): Readonly<{ full: number; delta: number; none: number }> {
    return this.#insightRows.loads;
  }

  insightsStamp(userId: string): Promise<string> {
    return insightStamp(this.#db, userId);
  }

  async importRecords(userId: string, data: RitualImport): Promise<void> {
    const all = [...(data.sessions ?? []), ...(data.diaries ?? []), ...(data.checkups ?? [])];
    const stranger = all.find((r) => r.userId !== userId);
    if (stranger) throw new Error(`Record ${stranger.id} belongs to another user`);
    await this.#db.transaction().execute(async (trx) => {
      // A purge: the next insights read loads everything rather than thousands of changes.
      const seq = await bumpInsightStamp(trx, userId, { purge: true });
      for (const part of chunks(data.sessions ?? [], IMPORT_CHUNK)) {
        await trx
          .insertInto("ritual_sessions")
          .values(part.map((r) => ({ ...fromRitualSession(r), ...sessionFacts(r), ins_seq: seq })))
          .execute();
      }
      for (const part of chunks(data.diaries ?? [], IMPORT_CHUNK)) {
        await trx
          .insertInto("sleep_diaries")
          .values(
            part.map((d) => ({ ...fromSleepDiary(d), ...diaryFacts(d.fields, d.derived), ins_seq: seq })),
          )
          .execute();
      }
      for (const part of chunks(data.checkups ?? [], IMPORT_CHUNK)) {
        await trx.insertInto("checkup_responses").values(part.map(fromCheckup)).execute();
      }
    });
  }
}
