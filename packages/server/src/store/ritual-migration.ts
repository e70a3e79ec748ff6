import { type Kysely, type Migration, sql } from "kysely";

/** Sessions, sleep diaries and check-up responses (portable types only: text, integer). */
export const ritualMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("ritual_sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("client_id", "text")
      .addColumn("status", "text", (c) =>
        c.notNull().check(sql`status in ('active', 'checked-out', 'abandoned')`),
      )
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("ended_at", "text")
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("check_in", "text", (c) => c.notNull())
      .addColumn("check_out", "text")
      .addColumn("scene", "text")
      .addColumn("media", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("entry_id", "text", (c) => c.references("entries.id").onDelete("set null"))
      .addColumn("prompt_id", "text")
      .addColumn("condition", "text", (c) => c.notNull().defaultTo('{"kind":"open"}'))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("ritual_sessions_user_client_unique", ["user_id", "client_id"])
      .execute();
    await db.schema
      .createIndex("ritual_sessions_user_started_idx")
      .on("ritual_sessions")
      .columns(["user_id", "started_at", "id"])
      .execute();
    await db.schema
      .createIndex("ritual_sessions_user_status_idx")
      .on("ritual_sessions")
      .columns(["user_id", "status", "started_at"])
      .execute();
    await db.schema
      .createIndex("ritual_sessions_user_local_date_idx")
      .on("ritual_sessions")
      .columns(["user_id", "local_date"])
      .execute();
    await db.schema
      .createIndex("ritual_sessions_entry_idx")
      .on("ritual_sessions")
      .column("entry_id")
      .execute();

    await db.schema
      .createTable("sleep_diaries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("night_of", "text", (c) => c.notNull())
      .addColumn("fields", "text", (c) => c.notNull())
      .addColumn("derived", "text", (c) => c.notNull())
      .addColumn("session_id", "text", (c) => c.references("ritual_sessions.id").onDelete("set null"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("sleep_diaries_user_night_unique", ["user_id", "night_of"])
      .execute();
    await db.schema
      .createIndex("sleep_diaries_session_idx")
      .on("sleep_diaries")
      .column("session_id")
      .execute();

    await db.schema
      .createTable("checkup_responses")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("instrument_id", "text", (c) => c.notNull())
      .addColumn("answers", "text", (c) => c.notNull())
      .addColumn("total", "integer")
      .addColumn("band", "text")
      .addColumn("completed_at", "text", (c) => c.notNull())
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("checkup_responses_user_instrument_idx")
      .on("checkup_responses")
      .columns(["user_id", "instrument_id", "completed_at"])
      .execute();
    await db.schema
      .createIndex("checkup_responses_user_completed_idx")
      .on("checkup_responses")
      .columns(["user_id", "completed_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["checkup_responses", "sleep_diaries", "ritual_sessions"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};
