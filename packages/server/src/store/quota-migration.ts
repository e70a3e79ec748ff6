import type { Kysely, Migration } from "kysely";

/**
 * 0007_quota_reservations: storage quota held by uploads (and renders being queued) while their
 * bytes are still on the way. A row is taken inside a per-user lock before a byte is written
 * and removed when the upload is stored (its media row counts from then) or fails; a row not
 * refreshed for a while is one a crashed process left, and is ignored and removed.
 */
export const quotaMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("quota_reservations")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("bytes", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("quota_reservations_user_idx")
      .on("quota_reservations")
      .column("user_id")
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("quota_reservations").ifExists().execute();
  },
};
