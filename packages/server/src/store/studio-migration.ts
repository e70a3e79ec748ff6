import type { Kysely, Migration } from "kysely";

/** Studio presets and own media (portable types only: text, integer; JSON as text). */
export const studioMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("presets")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("scene", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("presets_user_updated_idx")
      .on("presets")
      .columns(["user_id", "updated_at"])
      .execute();

    await db.schema
      .createTable("media")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("size_bytes", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("details", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("media_user_created_idx")
      .on("media")
      .columns(["user_id", "created_at"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["media", "presets"]) await db.schema.dropTable(table).ifExists().execute();
  },
};
