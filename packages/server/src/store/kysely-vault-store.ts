import { type Kysely, sql } from "kysely";
import type { PasswordHashing } from "../passwords";
import type { RitualTables } from "./ritual-schema";
import type { Database } from "./schema";
import type { StorageKind } from "./store";
import type { StudioTables } from "./studio-schema";
import type { VaultTables } from "./vault-schema";
import type {
  LegacyCounts,
  LegacySealer,
  PasswordWrapChange,
  RecoveryWrapChange,
  UserKeysRecord,
  VaultStore,
} from "./vault-store";

type Db = Kysely<Database & RitualTables & StudioTables & VaultTables>;

function toKeys(row: VaultTables["user_keys"]): UserKeysRecord {
  return {
    userId: row.user_id,
    passwordSalt: row.password_salt,
    passwordParams: JSON.parse(row.password_params) as PasswordHashing,
    passwordWrapped: row.password_wrapped,
    recoverySalt: row.recovery_salt,
    recoveryWrapped: row.recovery_wrapped,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The VaultStore shared by both dialects. */
export class KyselyVaultStore implements VaultStore {
  readonly #db: Db;
  readonly #kind: StorageKind;

  constructor(db: Kysely<Database>, kind: StorageKind) {
    this.#db = db.withTables<RitualTables & StudioTables & VaultTables>();
    this.#kind = kind;
  }

  async getUserKeys(userId: string): Promise<UserKeysRecord | null> {
    const row = await this.#db
      .selectFrom("user_keys")
      .selectAll()
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return row ? toKeys(row) : null;
  }

  async insertUserKeys(keys: UserKeysRecord): Promise<boolean> {
    return insertKeys(this.#db, keys);
  }

  async updatePasswordWrap(userId: string, change: PasswordWrapChange): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable("user_keys")
        .set({
          password_salt: change.passwordSalt,
          password_params: JSON.stringify(change.passwordParams),
          password_wrapped: change.passwordWrapped,
          updated_at: change.updatedAt,
        })
        .where("user_id", "=", userId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await trx
        .updateTable("users")
        .set({ password_hash: change.passwordHash })
        .where("id", "=", userId)
        .execute();
      return true;
    });
  }

  async updateRecoveryWrap(userId: string, change: RecoveryWrapChange): Promise<boolean> {
    const result = await this.#db
      .updateTable("user_keys")
      .set({
        recovery_salt: change.recoverySalt,
        recovery_wrapped: change.recoveryWrapped,
        updated_at: change.updatedAt,
      })
      .where("user_id", "=", userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async tagNames(userId: string, indexes?: readonly string[]): Promise<Map<string, string>> {
    if (indexes?.length === 0) return new Map();
    let query = this.#db.selectFrom("tag_names").select(["tag_index", "name"]).where("user_id", "=", userId);
    if (indexes && indexes.length <= 500) query = query.where("tag_index", "in", [...indexes]);
    const rows = await query.execute();
    return new Map(rows.map((r) => [r.tag_index, r.name]));
  }

  async putTagNames(userId: string, names: readonly { index: string; name: string }[]): Promise<void> {
    if (names.length === 0) return;
    await this.#db
      .insertInto("tag_names")
      .values(names.map((n) => ({ user_id: userId, tag_index: n.index, name: n.name })))
      .onConflict((oc) => oc.columns(["user_id", "tag_index"]).doNothing())
      .execute();
  }

  async deleteUserSessions(userId: string): Promise<string[]> {
    const rows = await this.#db
      .deleteFrom("auth_sessions")
      .where("user_id", "=", userId)
      .returning("token_hash")
      .execute();
    return rows.map((r) => r.token_hash);
  }

  async rekeyClientIds(
    userId: string,
    prefixes: readonly string[],
    rekey: (clientId: string) => string | null,
  ): Promise<number> {
    if (prefixes.length === 0) return 0;
    const find = (db: Db) =>
      db
        .selectFrom("entries")
        .select(["id", "client_id"])
        .where("user_id", "=", userId)
        .where((eb) => eb.or(prefixes.map((p) => eb("client_id", "like", `${p}%`))))
        .execute();
    if ((await find(this.#db)).length === 0) return 0; // every sign-in after the first
    const run = () =>
      this.#db.transaction().execute(async (trx) => {
        const taken = new Set(
          (
            await trx
              .selectFrom("entries")
              .select("client_id")
              .where("user_id", "=", userId)
              .where("client_id", "is not", null)
              .execute()
          ).map((r) => r.client_id),
        );
        let changed = 0;
        for (const row of await find(trx)) {
          const old = row.client_id;
          const next = old === null || !prefixes.some((p) => old.startsWith(p)) ? null : rekey(old);
          // Taken: an entry with the new id exists already (written meanwhile); keep both as they are.
          if (next === null || taken.has(next)) continue;
          await trx
            .updateTable("entries")
            .set({ client_id: next })
            .where("id", "=", row.id)
            .where("user_id", "=", userId)
            .where("client_id", "=", old)
            .execute();
          taken.add(next);
          changed++;
        }
        return changed;
      });
    if (this.#kind !== "sqlite") return run();
    await sql`pragma secure_delete = on`.execute(this.#db);
    try {
      return await run();
    } finally {
      await sql`pragma secure_delete = off`.execute(this.#db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.#db);
    }
  }

  async encryptLegacyRows(keys: UserKeysRecord, sealer: LegacySealer): Promise<LegacyCounts | null> {
    if (this.#kind !== "sqlite") return this.#encryptLegacyRows(keys, sealer);
    // SQLite keeps replaced text in freed page space and in the WAL: zero what the migration
    // frees, then fold the WAL into the file and truncate it, so no plaintext stays behind.
    await sql`pragma secure_delete = on`.execute(this.#db);
    try {
      return await this.#encryptLegacyRows(keys, sealer);
    } finally {
      await sql`pragma secure_delete = off`.execute(this.#db);
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(this.#db);
    }
  }

  async #encryptLegacyRows(keys: UserKeysRecord, sealer: LegacySealer): Promise<LegacyCounts | null> {
    const userId = keys.userId;
    return this.#db.transaction().execute(async (trx) => {
      if (!(await insertKeys(trx, keys))) return null;
      const counts: LegacyCounts = {
        entries: 0,
        tags: 0,
        prompts: 0,
        sessions: 0,
        diaries: 0,
        presets: 0,
        media: 0,
      };

      const entries = await trx
        .selectFrom("entries")
        .select(["id", "title", "body", "prompt_text"])
        .where("user_id", "=", userId)
        .execute();
      for (const e of entries) {
        await trx
          .updateTable("entries")
          .set({
            title: e.title === null ? null : sealer.seal("entries.title", e.id, e.title),
            body: sealer.seal("entries.body", e.id, e.body),
            prompt_text:
              e.prompt_text === null ? null : sealer.seal("entries.prompt_text", e.id, e.prompt_text),
          })
          .where("id", "=", e.id)
          .where("user_id", "=", userId)
          .execute();
        counts.entries += 1;
      }

      const tags = await trx
        .selectFrom("entry_tags")
        .select(["entry_id", "tag"])
        .where("user_id", "=", userId)
        .execute();
      if (tags.length > 0) {
        await trx.deleteFrom("entry_tags").where("user_id", "=", userId).execute();
        const names = new Map<string, string>();
        for (const t of tags) names.set(t.tag, sealer.tagIndex(t.tag));
        for (let i = 0; i < tags.length; i += 500) {
          await trx
            .insertInto("entry_tags")
            .values(
              tags.slice(i, i + 500).map((t) => ({
                entry_id: t.entry_id,
                user_id: userId,
                tag: names.get(t.tag) ?? sealer.tagIndex(t.tag),
              })),
            )
            .execute();
        }
        const nameRows = [...names].map(([name, index]) => ({
          user_id: userId,
          tag_index: index,
          name: sealer.seal("tag_names.name", index, name),
        }));
        for (let i = 0; i < nameRows.length; i += 500) {
          await trx
            .insertInto("tag_names")
            .values(nameRows.slice(i, i + 500))
            .onConflict((oc) => oc.columns(["user_id", "tag_index"]).doNothing())
            .execute();
        }
        counts.tags = names.size;
      }

      const prompts = await trx
        .selectFrom("prompts")
        .select(["id", "text"])
        .where("user_id", "=", userId)
        .execute();
      for (const p of prompts) {
        await trx
          .updateTable("prompts")
          .set({ text: sealer.seal("prompts.text", p.id, p.text) })
          .where("id", "=", p.id)
          .where("user_id", "=", userId)
          .execute();
        counts.prompts += 1;
      }

      const sessions = await trx
        .selectFrom("ritual_sessions")
        .select(["id", "check_out", "media", "scene"])
        .where("user_id", "=", userId)
        .execute();
      for (const s of sessions) {
        const checkOut =
          s.check_out === null ? null : JSON.stringify(sealer.checkOut(s.id, JSON.parse(s.check_out)));
        const media = JSON.stringify(sealer.media(s.id, JSON.parse(s.media)));
        const scene =
          s.scene === null
            ? null
            : JSON.stringify(sealer.scene("ritual_sessions", s.id, JSON.parse(s.scene)));
        if (checkOut === s.check_out && media === s.media && scene === s.scene) continue;
        await trx
          .updateTable("ritual_sessions")
          .set({ check_out: checkOut, media, scene })
          .where("id", "=", s.id)
          .execute();
        counts.sessions += 1;
      }

      const diaries = await trx
        .selectFrom("sleep_diaries")
        .select(["id", "night_of", "fields"])
        .where("user_id", "=", userId)
        .execute();
      for (const d of diaries) {
        const fields = JSON.stringify(sealer.diaryFields(d.night_of, JSON.parse(d.fields)));
        if (fields === d.fields) continue;
        await trx.updateTable("sleep_diaries").set({ fields }).where("id", "=", d.id).execute();
        counts.diaries += 1;
      }

      const presets = await trx
        .selectFrom("presets")
        .select(["id", "name", "scene"])
        .where("user_id", "=", userId)
        .execute();
      for (const p of presets) {
        await trx
          .updateTable("presets")
          .set({
            name: sealer.seal("presets.name", p.id, p.name),
            scene: JSON.stringify(sealer.scene("presets", p.id, JSON.parse(p.scene))),
          })
          .where("id", "=", p.id)
          .execute();
        counts.presets += 1;
      }

      const media = await trx
        .selectFrom("media")
        .select(["id", "name"])
        .where("user_id", "=", userId)
        .execute();
      for (const m of media) {
        await trx
          .updateTable("media")
          .set({ name: sealer.seal("media.name", m.id, m.name) })
          .where("id", "=", m.id)
          .execute();
        counts.media += 1;
      }
      return counts;
    });
  }
}

async function insertKeys(db: Db, keys: UserKeysRecord): Promise<boolean> {
  const result = await db
    .insertInto("user_keys")
    .values({
      user_id: keys.userId,
      password_salt: keys.passwordSalt,
      password_params: JSON.stringify(keys.passwordParams),
      password_wrapped: keys.passwordWrapped,
      recovery_salt: keys.recoverySalt,
      recovery_wrapped: keys.recoveryWrapped,
      created_at: keys.createdAt,
      updated_at: keys.updatedAt,
    })
    .onConflict((oc) => oc.column("user_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
