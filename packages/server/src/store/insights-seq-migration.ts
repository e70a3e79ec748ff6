import { type Kysely, type Migration, sql } from "kysely";

/**
 * 0008_insights_seq: a per-user write counter for the insights' row cache (insight-rows-cache.ts).
 * `insight_stamps.seq` goes up by one with every ritual write, and the session or diary written
 * carries it in `ins_seq`, so a server that loaded a user's rows at seq n reads only the rows with
 * ins_seq > n after a write. A delete or an import sets `purge_seq`, which makes the next read a
 * full one. Existing rows start at 0.
 */
export const insightsSeqMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable("ritual_sessions").addColumn("ins_seq", "integer").execute();
    await db.schema.alterTable("sleep_diaries").addColumn("ins_seq", "integer").execute();
    await db.schema
      .alterTable("insight_stamps")
      .addColumn("seq", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable("insight_stamps")
      .addColumn("purge_seq", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await sql`update ritual_sessions set ins_seq = 0`.execute(db);
    await sql`update sleep_diaries set ins_seq = 0`.execute(db);
    await db.schema
      .createIndex("ritual_sessions_ins_seq_idx")
      .on("ritual_sessions")
      .columns(["user_id", "ins_seq"])
      .execute();
    await db.schema
      .createIndex("sleep_diaries_ins_seq_idx")
      .on("sleep_diaries")
      .columns(["user_id", "ins_seq"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex("sleep_diaries_ins_seq_idx").ifExists().execute();
    await db.schema.dropIndex("ritual_sessions_ins_seq_idx").ifExists().execute();
    await db.schema.alterTable("insight_stamps").dropColumn("purge_seq").execute();
    await db.schema.alterTable("insight_stamps").dropColumn("seq").execute();
    await db.schema.alterTable("sleep_diaries").dropColumn("ins_seq").execute();
    await db.schema.alterTable("ritual_sessions").dropColumn("ins_seq").execute();
  },
};
