import { type ExpressionBuilder, type Kysely, Migrator, sql } from "kysely";
import type { DialectAdapter } from "./dialects";
import {
  countByDay,
  countTags,
  entriesOnMonthDay,
  listEntries,
  mergeTag,
  replaceTags,
  withTags,
} from "./entry-queries";
import { KyselyExperimentsStore } from "./kysely-experiments-store";
import { KyselyRitualStore } from "./kysely-ritual-store";
import { KyselyStudioStore } from "./kysely-studio-store";
import { KyselyVaultStore } from "./kysely-vault-store";
import { migrationProvider } from "./migrations";
import { QueryTemplates } from "./query-templates";
import { fromUser, normaliseTags, parseTagsJson, toEntry, toPrompt, toSession, toUser } from "./rows";
import type { Database } from "./schema";
import type {
  EntryChanges,
  EntryQuery,
  EntryRecord,
  FirstOwnerResult,
  NewEntry,
  PromptRecord,
  SessionRecord,
  SessionWithUser,
  Store,
  UpdateResult,
  UserRecord,
} from "./store";

const MAX_REVISION = 2_147_483_647;

/** The Store implementation shared by both dialects: one set of Kysely queries. */
export class KyselyStore implements Store {
  readonly kind;
  readonly location;
  readonly ritual;
  readonly studio;
  readonly vault;
  readonly experiments;
  readonly #adapter: DialectAdapter;
  readonly #db;
  readonly #templates = new QueryTemplates();

  constructor(adapter: DialectAdapter) {
    this.#adapter = adapter;
    this.kind = adapter.kind;
    this.location = adapter.location;
    this.ritual = new KyselyRitualStore(adapter.db);
    this.studio = new KyselyStudioStore(adapter.db);
    this.vault = new KyselyVaultStore(adapter.db, adapter.kind);
    this.experiments = new KyselyExperimentsStore(adapter.db);
    this.#db = adapter.db;
  }

  async migrate(): Promise<void> {
    const migrationTableSchema = await this.#adapter.migrationSchema();
    const migrator = new Migrator({
      db: this.#db,
      provider: migrationProvider,
      ...(migrationTableSchema ? { migrationTableSchema } : {}),
    });
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === "Error");
    if (error || failed) {
      const cause = error instanceof Error ? error.message : String(error ?? "");
      throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${cause}`);
    }
  }

  async close(): Promise<void> {
    await this.#adapter.stop();
    await this.#db.destroy();
  }

  // users

  async insertUser(user: UserRecord): Promise<UserRecord | null> {
    const result = await this.#db
      .insertInto("users")
      .values(fromUser(user))
      .onConflict((oc) => oc.column("username").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? user : null;
  }

  async insertFirstOwner(user: UserRecord): Promise<FirstOwnerResult> {
    return this.#db.transaction().execute(async (trx) => {
      await this.#adapter.lockOwnerSetup(trx);
      const owner = await trx.selectFrom("users").select("id").where("role", "=", "owner").executeTakeFirst();
      if (owner) return { status: "owner_exists" } as const;
      const result = await trx
        .insertInto("users")
        .values(fromUser({ ...user, role: "owner" }))
        .onConflict((oc) => oc.column("username").doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return { status: "username_taken" } as const;
      return { status: "created", user: { ...user, role: "owner" } } as const;
    });
  }

  async hasOwner(): Promise<boolean> {
    return (await this.countOwners()) > 0;
  }

  async countOwners(): Promise<number> {
    const row = await this.#db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("role", "=", "owner")
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async findUserById(id: string): Promise<UserRecord | null> {
    const row = await this.#db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findUserByUsername(username: string): Promise<UserRecord | null> {
    const row = await this.#db
      .selectFrom("users")
      .selectAll()
      .where("username", "=", username)
      .executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.#db
      .selectFrom("users")
      .selectAll()
      .orderBy("created_at")
      .orderBy("username")
      .execute();
    return rows.map(toUser);
  }

  async updateUserTimeZone(id: string, timeZone: string): Promise<UserRecord | null> {
    await this.#db.updateTable("users").set({ time_zone: timeZone }).where("id", "=", id).execute();
    return this.findUserById(id);
  }

  async deleteUser(id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom("users").where("id", "=", id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  // settings

  async getSetting(key: string): Promise<unknown> {
    const row = await this.#db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  async setSetting(key: string, value: unknown): Promise<void> {
    const json = JSON.stringify(value);
    await this.#db
      .insertInto("settings")
      .values({ key, value: json })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: json }))
      .execute();
  }

  async setSettingIfAbsent(key: string, value: unknown): Promise<void> {
    await this.#db
      .insertInto("settings")
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column("key").doNothing())
      .execute();
  }

  // sessions

  async insertSession(s: SessionRecord): Promise<void> {
    await this.#db
      .insertInto("auth_sessions")
      .values({
        token_hash: s.tokenHash,
        user_id: s.userId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.lastSeenAt,
      })
      .execute();
  }

  async findSession(tokenHash: string): Promise<SessionRecord | null> {
    const row = await this.#db
      .selectFrom("auth_sessions")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .executeTakeFirst();
    return row ? toSession(row) : null;
  }

  async findSessionWithUser(tokenHash: string): Promise<SessionWithUser | null> {
    // Every request with a session cookie runs this: a precompiled template.
    const [row] = await this.#templates.run(this.#db, "session-with-user", [tokenHash], (param) =>
      this.#db
        .selectFrom("auth_sessions as s")
        .innerJoin("users as u", "u.id", "s.user_id")
        .select([
          "s.token_hash",
          "s.user_id",
          "s.created_at as session_created_at",
          "s.expires_at",
          "s.last_seen_at",
          "u.id",
          "u.username",
          "u.password_hash",
          "u.role",
          "u.time_zone",
          "u.created_at",
        ])
        .where("s.token_hash", "=", param<string>(0)),
    );
    if (!row) return null;
    return {
      session: toSession({ ...row, created_at: row.session_created_at }),
      user: toUser(row),
    };
  }

  async touchSession(tokenHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.#db
      .updateTable("auth_sessions")
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where("token_hash", "=", tokenHash)
      .execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom("auth_sessions").where("token_hash", "=", tokenHash).execute();
  }

  async deleteExpiredSessions(now: string): Promise<number> {
    const result = await this.#db
      .deleteFrom("auth_sessions")
      .where("expires_at", "<=", now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  // entries

  importClientId(_userId: string, clientId: string): string {
    return clientId;
  }

  async createEntry(userId: string, e: NewEntry): Promise<{ entry: EntryRecord; created: boolean }> {
    return this.#db.transaction().execute(async (trx) => {
      if (e.clientId !== null) {
        const existing = await this.#byClientId(trx, userId, e.clientId);
        if (existing) return { entry: existing, created: false };
      }
      const result = await trx
        .insertInto("entries")
        .values({
          id: e.id,
          user_id: userId,
          client_id: e.clientId,
          title: e.title,
          body: e.body,
          prompt_id: e.promptId,
          prompt_text: e.promptText,
          revision: e.revision ?? 1,
          created_at: e.createdAt,
          updated_at: e.updatedAt ?? e.createdAt,
          local_date: e.localDate,
          time_zone: e.timeZone,
        })
        .onConflict((oc) => oc.columns(["user_id", "client_id"]).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0 && e.clientId !== null) {
        // A concurrent create with the same clientId won the race.
        const existing = await this.#byClientId(trx, userId, e.clientId);
        if (existing) return { entry: existing, created: false };
        throw new Error("Entry insert was skipped but no entry with its clientId exists");
      }
      await replaceTags(trx, userId, e.id, normaliseTags(e.tags));
      const entry = await this.#findEntry(trx, userId, e.id);
      if (!entry) throw new Error("Created entry could not be read back");
      return { entry, created: true };
    });
  }

  async #byClientId(db: Kysely<Database>, userId: string, clientId: string): Promise<EntryRecord | null> {
    const row = await db
      .selectFrom("entries")
      .selectAll()
      .where("user_id", "=", userId)
      .where("client_id", "=", clientId)
      .executeTakeFirst();
    if (!row) return null;
    const [entry] = await withTags(db, userId, [row]);
    return entry ?? null;
  }

  getEntry(userId: string, id: string): Promise<EntryRecord | null> {
    return this.#findEntry(this.#db, userId, id);
  }

  async getEntries(userId: string, ids: readonly string[]): Promise<EntryRecord[]> {
    if (ids.length === 0) return [];
    // By primary key, then keep only the user's rows: naming user_id in SQL lets SQLite (without
    // statistics) pick the (user_id, created_at) index and scan every entry the user has.
    const rows = (
      await this.#db
        .selectFrom("entries")
        .selectAll()
        .where("id", "in", [...ids])
        .execute()
    ).filter((row) => row.user_id === userId);
    return withTags(this.#db, userId, rows);
  }

  async updateEntry(
    userId: string,
    id: string,
    baseRevision: number,
    c: EntryChanges,
  ): Promise<UpdateResult> {
    // Revisions are 32-bit integers; a base outside that range can never match (and PostgreSQL
    // would reject the comparison), so it goes straight to the not-found/conflict decision.
    const comparable = Number.isInteger(baseRevision) && baseRevision >= 1 && baseRevision <= MAX_REVISION;
    if (!comparable) return this.#conflictOrMissing(this.#db, userId, id);
    const tags = c.tags === undefined ? undefined : normaliseTags(c.tags);
    // Fast path, one statement and so atomic without a transaction: bump the revision if it is
    // still baseRevision and the stored tags already are the requested ones (or none were
    // requested), reading the row back with its tags. Saving text is nearly always this.
    const updated = await this.#updateRow(this.#db, userId, id, baseRevision, c, tags);
    if (updated) return { status: "updated", entry: updated };
    if (tags === undefined) return this.#conflictOrMissing(this.#db, userId, id);
    // The tags change too (or the base is stale): the row and its tags in one transaction.
    return this.#db.transaction().execute(async (trx) => {
      const row = await this.#updateRow(trx, userId, id, baseRevision, c, undefined);
      if (!row) return this.#conflictOrMissing(trx, userId, id);
      await replaceTags(trx, userId, id, tags);
      const entry = await this.#findEntry(trx, userId, id);
      if (!entry) throw new Error("Updated entry could not be read back");
      return { status: "updated", entry } as const;
    });
  }

  /**
   * UPDATE … RETURNING for a revision-checked save; null when nothing matched. With `sameTags`,
   * it also only matches while the entry's stored tags are exactly that (distinct) set.
   */
  async #updateRow(
    db: Kysely<Database>,
    userId: string,
    id: string,
    baseRevision: number,
    c: EntryChanges,
    sameTags: readonly string[] | undefined,
  ): Promise<EntryRecord | null> {
    const values: unknown[] = [c.body, c.updatedAt, id, userId, baseRevision];
    const title = c.title !== undefined ? values.push(c.title) - 1 : -1;
    const prompt = c.promptId !== undefined ? values.push(c.promptId, c.promptText ?? null) - 2 : -1;
    const firstTag = values.length;
    if (sameTags) values.push(...sameTags);
    const key = `update-entry:${title >= 0}:${prompt >= 0}:${sameTags?.length ?? "any"}`;
    const [row] = await this.#templates.run(db, key, values, (param) => {
      let q = this.#db
        .updateTable("entries")
        .set((eb) => ({
          body: param<string>(0),
          updated_at: param<string>(1),
          revision: eb("revision", "+", 1),
          ...(title >= 0 ? { title: param<string | null>(title) } : {}),
          ...(prompt >= 0
            ? { prompt_id: param<string | null>(prompt), prompt_text: param<string | null>(prompt + 1) }
            : {}),
        }))
        .where("id", "=", param<string>(2))
        .where("user_id", "=", param<string>(3))
        .where("revision", "=", param<number>(4));
      if (sameTags !== undefined) {
        // (entry_id, tag) is the primary key, so "as many rows as tags, and none outside them"
        // is set equality.
        const tagRows = (eb: ExpressionBuilder<Database, "entries">) =>
          eb
            .selectFrom("entry_tags")
            .select((s) => s.fn.countAll<number | string>().as("n"))
            .whereRef("entry_tags.entry_id", "=", "entries.id")
            .whereRef("entry_tags.user_id", "=", "entries.user_id");
        q = q.where((eb) => eb(tagRows(eb), "=", sameTags.length));
        if (sameTags.length > 0) {
          const tagParams = sameTags.map((_, i) => param<string>(firstTag + i));
          q = q.where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom("entry_tags")
                  .select(sql`1`.as("one"))
                  .whereRef("entry_tags.entry_id", "=", "entries.id")
                  .whereRef("entry_tags.user_id", "=", "entries.user_id")
                  .where("entry_tags.tag", "not in", tagParams),
              ),
            ),
          );
        }
      }
      return q.returningAll().returning(this.#adapter.entryTagsJson.as("tags_json"));
    });
    return row ? toEntry(row, parseTagsJson(row.tags_json)) : null;
  }

  /** One entry with its tags, in one precompiled query. */
  async #findEntry(db: Kysely<Database>, userId: string, id: string): Promise<EntryRecord | null> {
    const [row] = await this.#templates.run(db, "find-entry", [userId, id], (param) =>
      this.#db
        .selectFrom("entries")
        .selectAll()
        .select(this.#adapter.entryTagsJson.as("tags_json"))
        .where("user_id", "=", param<string>(0))
        .where("id", "=", param<string>(1)),
    );
    return row ? toEntry(row, parseTagsJson(row.tags_json)) : null;
  }

  async #conflictOrMissing(db: Kysely<Database>, userId: string, id: string): Promise<UpdateResult> {
    const current = await this.#findEntry(db, userId, id);
    return current ? { status: "conflict", current } : { status: "not_found" };
  }

  async deleteEntry(userId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("entries")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  listEntries(userId: string, query: EntryQuery): Promise<EntryRecord[]> {
    return listEntries(this.#db, userId, query);
  }

  async allEntries(userId: string): Promise<EntryRecord[]> {
    const rows = await this.#db
      .selectFrom("entries")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .execute();
    return withTags(this.#db, userId, rows);
  }

  countByDay(userId: string, from: string, to: string) {
    return countByDay(this.#db, userId, from, to);
  }

  entriesOnMonthDay(userId: string, monthDay: string, beforeDate: string) {
    return entriesOnMonthDay(this.#db, userId, monthDay, beforeDate);
  }

  countTags(userId: string) {
    return countTags(this.#db, userId);
  }

  mergeTag(userId: string, from: string, to: string) {
    return mergeTag(this.#db, userId, from, to);
  }

  // prompts

  async insertPrompt(p: PromptRecord): Promise<PromptRecord> {
    await this.#db
      .insertInto("prompts")
      .values({ id: p.id, user_id: p.userId, category: p.category, text: p.text, created_at: p.createdAt })
      .execute();
    return p;
  }

  async listPrompts(userId: string, category?: string): Promise<PromptRecord[]> {
    let q = this.#db.selectFrom("prompts").selectAll().where("user_id", "=", userId);
    if (category !== undefined) q = q.where("category", "=", category);
    const rows = await q.orderBy("created_at").orderBy("id").execute();
    return rows.map(toPrompt);
  }

  async getPrompt(userId: string, id: string): Promise<PromptRecord | null> {
    const row = await this.#db
      .selectFrom("prompts")
      .selectAll()
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toPrompt(row) : null;
  }

  async deletePrompt(userId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("prompts")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
