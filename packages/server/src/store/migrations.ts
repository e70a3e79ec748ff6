import { type Kysely, type Migration, type MigrationProvider, sql } from "kysely";
import { experimentsMigration } from "./experiments-migration";
import { insightsMigration } from "./insights-migration";
import { insightsSeqMigration } from "./insights-seq-migration";
import { mediaLayerIdsMigration } from "./media-layer-ids-migration";
import { quotaMigration } from "./quota-migration";
import { ritualMigration } from "./ritual-migration";
import { studioMigration } from "./studio-migration";
import { encryptionMigration } from "./vault-migration";

const sqlRoleCheck = sql`role in ('owner', 'member')`;

/** In-code migrations, shared by SQLite and PostgreSQL (portable types only: text, integer).
 * No full-text index on journal text: entry text will be encrypted at rest. */
const initial: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("username", "text", (c) => c.notNull().unique())
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull().check(sqlRoleCheck))
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("auth_sessions")
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("auth_sessions_user_idx").on("auth_sessions").column("user_id").execute();
    await db.schema
      .createIndex("auth_sessions_expires_idx")
      .on("auth_sessions")
      .column("expires_at")
      .execute();

    await db.schema
      .createTable("settings")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("entries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("client_id", "text")
      .addColumn("title", "text")
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("prompt_id", "text")
      .addColumn("prompt_text", "text")
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("local_date", "text", (c) => c.notNull())
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addUniqueConstraint("entries_user_client_unique", ["user_id", "client_id"])
      .execute();
    await db.schema
      .createIndex("entries_user_created_idx")
      .on("entries")
      .columns(["user_id", "created_at", "id"])
      .execute();
    await db.schema
      .createIndex("entries_user_local_date_idx")
      .on("entries")
      .columns(["user_id", "local_date"])
      .execute();

    await db.schema
      .createTable("entry_tags")
      .addColumn("entry_id", "text", (c) => c.notNull().references("entries.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("tag", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("entry_tags_pk", ["entry_id", "tag"])
      .execute();
    await db.schema
      .createIndex("entry_tags_user_tag_idx")
      .on("entry_tags")
      .columns(["user_id", "tag"])
      .execute();

    await db.schema
      .createTable("prompts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("category", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("prompts_user_idx").on("prompts").columns(["user_id", "category"]).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of ["prompts", "entry_tags", "entries", "settings", "auth_sessions", "users"]) {
      await db.schema.dropTable(table).ifExists().execute();
    }
  },
};

export const migrations: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_ritual": ritualMigration,
  "0003_studio": studioMigration,
  "0004_insights": insightsMigration,
  "0005_encryption": encryptionMigration,
  "0006_media_layer_ids": mediaLayerIdsMigration,
  "0007_quota_reservations": quotaMigration,
  "0008_insights_seq": insightsSeqMigration,
  "0009_experiments": experimentsMigration,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
