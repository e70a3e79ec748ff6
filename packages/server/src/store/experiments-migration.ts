import type { Kysely, Migration } from "kysely";

/** Blinded n-of-1 experiments (issue 15) and their recorded evenings (portable types only). */
export const experimentsMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("experiments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("plan", "text", (c) => c.notNull())
      .addColumn("arms", "text", (c) => c.notNull())
      .addColumn("power", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("start_date", "text", (c) => c.notNull())
      .addColumn("end_date", "text", (c) => c.notNull())
      .addColumn("total_evenings", "integer", (c) => c.notNull())
      .addColumn("stopped_on", "text")
      .addColumn("unblinded_on", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("experiments_user_created_idx")
      .on("experiments")
      .columns(["user_id", "created_at"])
      .execute();

    await db.schema
      .createTable("experiment_evenings")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("experiment_id", "text", (c) => c.notNull().references("experiments.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("evening_index", "integer", (c) => c.notNull())
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("session_id", "text")
      .addColumn("record", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("experiment_evenings_unique", ["experiment_id", "evening_index"])
      .execute();
    await db.schema
      .createIndex("experiment_evenings_user_idx")
      .on("experiment_evenings")
      .columns(["user_id", "experiment_id"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["experiment_evenings", "experiments"])
      await db.schema.dropTable(table).ifExists().execute();
  },
};
