import { type Kysely, type Migration, sql } from "kysely";
import { diaryFacts, type InsightTables, sessionFactsOfRow } from "./insight-rows";
import type { RitualTables } from "./ritual-schema";

/** Rows read and rewritten per batch of the backfill. */
const BATCH = 500;

const SESSION_INTEGERS = [
  "ins_v",
  "ins_in_pleasantness",
  "ins_in_energy",
  "ins_in_anxiety",
  "ins_out_pleasantness",
  "ins_out_energy",
  "ins_out_anxiety",
  "ins_out_tingles",
] as const;
const SESSION_TEXTS = ["ins_triggers", "ins_preset_id", "ins_media_id"] as const;
const DIARY_REALS = ["ins_sol_minutes", "ins_sleep_efficiency", "ins_quality"] as const;

/**
 * 0004_insights: the numbers the insights read, as plain columns beside their JSON (see
 * insight-rows.ts), filled in for every existing session and diary; and insight_stamps, a token per
 * user replaced with every ritual write (the insights cache checks it). `double precision` is a
 * float8 on PostgreSQL and a REAL on SQLite.
 */
export const insightsMigration: Migration = {
  async up(raw: Kysely<unknown>) {
    for (const column of SESSION_INTEGERS) {
      await raw.schema.alterTable("ritual_sessions").addColumn(column, "integer").execute();
    }
    for (const column of SESSION_TEXTS) {
      await raw.schema.alterTable("ritual_sessions").addColumn(column, "text").execute();
    }
    await raw.schema.alterTable("sleep_diaries").addColumn("ins_v", "integer").execute();
    for (const column of DIARY_REALS) {
      await raw.schema.alterTable("sleep_diaries").addColumn(column, sql`double precision`).execute();
    }

    // Covering indexes: SQLite stores added columns after the scene and media text, so reading
    // them from the table walks each row's overflow pages; from these it reads nothing else.
    await raw.schema
      .createIndex("ritual_sessions_insights_idx")
      .on("ritual_sessions")
      .columns([
        "user_id",
        "started_at",
        "id",
        "local_date",
        "status",
        "time_zone",
        "condition",
        ...SESSION_INTEGERS,
        ...SESSION_TEXTS,
      ])
      .execute();
    await raw.schema
      .createIndex("sleep_diaries_insights_idx")
      .on("sleep_diaries")
      .columns(["user_id", "night_of", "session_id", "ins_v", ...DIARY_REALS])
      .execute();

    await raw.schema
      .createTable("insight_stamps")
      .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
      .addColumn("stamp", "text", (c) => c.notNull())
      .execute();

    const db = raw as unknown as Kysely<RitualTables & InsightTables>;
    for (let after = ""; ; ) {
      const rows = await db
        .selectFrom("ritual_sessions")
        .select(["id", "check_in", "check_out", "scene", "media"])
        .where("id", ">", after)
        .orderBy("id")
        .limit(BATCH)
        .execute();
      for (const r of rows) {
        await db.updateTable("ritual_sessions").set(sessionFactsOfRow(r)).where("id", "=", r.id).execute();
      }
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) break;
      after = last.id;
    }
    for (let after = ""; ; ) {
      const rows = await db
        .selectFrom("sleep_diaries")
        .select(["id", "fields", "derived"])
        .where("id", ">", after)
        .orderBy("id")
        .limit(BATCH)
        .execute();
      for (const r of rows) {
        await db
          .updateTable("sleep_diaries")
          .set(diaryFacts(JSON.parse(r.fields), JSON.parse(r.derived)))
          .where("id", "=", r.id)
          .execute();
      }
      const last = rows.at(-1);
      if (!last || rows.length < BATCH) break;
      after = last.id;
    }
  },
  async down(raw: Kysely<unknown>) {
    await raw.schema.dropTable("insight_stamps").ifExists().execute();
    await raw.schema.dropIndex("sleep_diaries_insights_idx").ifExists().execute();
    await raw.schema.dropIndex("ritual_sessions_insights_idx").ifExists().execute();
    for (const column of [...SESSION_INTEGERS, ...SESSION_TEXTS]) {
      await raw.schema.alterTable("ritual_sessions").dropColumn(column).execute();
    }
    for (const column of ["ins_v", ...DIARY_REALS]) {
      await raw.schema.alterTable("sleep_diaries").dropColumn(column).execute();
    }
  },
};
