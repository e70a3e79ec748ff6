import { type Kysely, PostgresAdapter, type Selectable, sql } from "kysely";
import type { Database } from "./schema";
import type { MediaTable, PresetsTable, StudioTables } from "./studio-schema";
import type {
  MediaChanges,
  MediaRecord,
  NewMedia,
  PresetChanges,
  PresetRecord,
  QuotaGrant,
  QuotaRequest,
  StudioStore,
} from "./studio-store";

/** First key of the PostgreSQL advisory lock that serialises one user's quota decisions. */
const QUOTA_LOCK = 47110002;

type Db = Kysely<Database & StudioTables>;

function toPreset(row: Selectable<PresetsTable>): PresetRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    scene: JSON.parse(row.scene) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toMedia(row: Selectable<MediaTable>): MediaRecord {
  const base = { id: row.id, userId: row.user_id, name: row.name, createdAt: row.created_at };
  const details = JSON.parse(row.details);
  if (row.kind === "audio") return { ...base, kind: "audio", sizeBytes: Number(row.size_bytes), details };
  if (row.kind === "video") return { ...base, kind: "video", sizeBytes: Number(row.size_bytes), details };
  return { ...base, kind: "link", sizeBytes: 0, details };
}

/** The StudioStore shared by both dialects (SQLite and PostgreSQL): one set of Kysely queries. */
export class KyselyStudioStore implements StudioStore {
  readonly #db: Db;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<StudioTables>();
  }

  async listPresets(userId: string): Promise<PresetRecord[]> {
    const rows = await this.#db
      .selectFrom("presets")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map(toPreset);
  }

  async findPreset(userId: string, id: string): Promise<PresetRecord | null> {
    const row = await this.#db
      .selectFrom("presets")
      .selectAll()
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toPreset(row) : null;
  }

  async insertPreset(userId: string, p: Omit<PresetRecord, "userId">): Promise<PresetRecord> {
    const row = await this.#db
      .insertInto("presets")
      .values({
        id: p.id,
        user_id: userId,
        name: p.name,
        scene: JSON.stringify(p.scene),
        created_at: p.createdAt,
        updated_at: p.updatedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toPreset(row);
  }

  async updatePreset(userId: string, id: string, changes: PresetChanges): Promise<PresetRecord | null> {
    const row = await this.#db
      .updateTable("presets")
      .set({
        updated_at: changes.updatedAt,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.scene !== undefined ? { scene: JSON.stringify(changes.scene) } : {}),
      })
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return row ? toPreset(row) : null;
  }

  async deletePreset(userId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("presets")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listMedia(userId: string): Promise<MediaRecord[]> {
    const rows = await this.#db
      .selectFrom("media")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map(toMedia);
  }

  async findMedia(userId: string, id: string): Promise<MediaRecord | null> {
    const row = await this.#db
      .selectFrom("media")
      .selectAll()
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async insertMedia(userId: string, item: NewMedia): Promise<MediaRecord> {
    const row = await this.#db
      .insertInto("media")
      .values({
        id: item.id,
        user_id: userId,
        kind: item.kind,
        name: item.name,
        size_bytes: item.sizeBytes,
        details: JSON.stringify(item.details),
        created_at: item.createdAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toMedia(row);
  }

  async updateMedia(userId: string, id: string, changes: MediaChanges): Promise<MediaRecord | null> {
    if (changes.name === undefined && changes.details === undefined) return this.findMedia(userId, id);
    const row = await this.#db
      .updateTable("media")
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.details !== undefined ? { details: JSON.stringify(changes.details) } : {}),
      })
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return row ? toMedia(row) : null;
  }

  async deleteMedia(userId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("media")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async reserveQuota(userId: string, r: QuotaRequest): Promise<QuotaGrant> {
    const postgres = this.#db.getExecutor().adapter instanceof PostgresAdapter;
    return this.#db.transaction().execute(async (trx) => {
      // PostgreSQL: a transaction-scoped lock per user, so every process and connection decides
      // one at a time. SQLite: Kysely runs one transaction at a time on its one connection; the
      // write below makes the transaction take the write lock before it commits.
      if (postgres) await sql`select pg_advisory_xact_lock(${QUOTA_LOCK}, hashtext(${userId}))`.execute(trx);
      await trx
        .deleteFrom("quota_reservations")
        .where("user_id", "=", userId)
        .where("updated_at", "<", r.staleBefore)
        .execute();
      const media = await trx
        .selectFrom("media")
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>("size_bytes"), sql<number>`0`).as("bytes"))
        .where("user_id", "=", userId)
        .executeTakeFirst();
      const held = await trx
        .selectFrom("quota_reservations")
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>("bytes"), sql<number>`0`).as("bytes"))
        .where("user_id", "=", userId)
        .executeTakeFirst();
      const used = Number(media?.bytes ?? 0) + Number(held?.bytes ?? 0) + r.otherBytes();
      const room = r.quotaBytes - used;
      if (room < r.minBytes) return { ok: false, usedBytes: used };
      const granted = Math.max(r.minBytes, Math.min(r.wantBytes, room));
      const updated = await trx
        .updateTable("quota_reservations")
        .set({ bytes: sql`bytes + ${granted}`, updated_at: r.now })
        .where("user_id", "=", userId)
        .where("id", "=", r.id)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0)
        await trx
          .insertInto("quota_reservations")
          .values({ id: r.id, user_id: userId, bytes: granted, updated_at: r.now })
          .execute();
      return { ok: true, grantedBytes: granted };
    });
  }

  async releaseQuota(userId: string, id: string): Promise<void> {
    await this.#db
      .deleteFrom("quota_reservations")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .execute();
  }
}
