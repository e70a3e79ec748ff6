import type { Kysely, Migration } from "kysely";

/** 0005_encryption: wrapped per-user data keys, and encrypted tag names by blind index.
 * Existing rows stay as they are until their user next signs in (see crypto/legacy.ts). */
export const encryptionMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("user_keys")
      .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id").onDelete("cascade"))
      .addColumn("password_salt", "text", (c) => c.notNull())
      .addColumn("password_params", "text", (c) => c.notNull())
      .addColumn("password_wrapped", "text", (c) => c.notNull())
      .addColumn("recovery_salt", "text", (c) => c.notNull())
      .addColumn("recovery_wrapped", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("tag_names")
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("tag_index", "text", (c) => c.notNull())
      .addColumn("name", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("tag_names_pk", ["user_id", "tag_index"])
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable("tag_names").ifExists().execute();
    await db.schema.dropTable("user_keys").ifExists().execute();
  },
};
