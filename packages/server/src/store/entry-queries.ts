import { type Kysely, type Selectable, sql } from "kysely";
import { toEntry } from "./rows";
import type { Database, EntriesTable } from "./schema";
import type { EntryQuery, EntryRecord } from "./store";

type Db = Kysely<Database>;

/** Attaches tags to entry rows with one extra query, keeping the rows' order. */
/** Above this many entries, tags are read with one scan of the user's tags. */
const BY_ID_LIMIT = 500;

export async function withTags(
  db: Db,
  userId: string,
  rows: Selectable<EntriesTable>[],
): Promise<EntryRecord[]> {
  if (rows.length === 0) return [];
  // A few entries: look their tags up by primary key (entry_id, tag). The user filter is applied
  // to the rows in code, because naming user_id in SQL lets SQLite (without statistics) prefer
  // the (user_id, tag) index and read every tag the user has. Many entries: one scan of the
  // user's tags, which also keeps the statement under the bound-parameter limits.
  const query =
    rows.length > BY_ID_LIMIT
      ? db.selectFrom("entry_tags").select(["entry_id", "tag", "user_id"]).where("user_id", "=", userId)
      : db
          .selectFrom("entry_tags")
          .select(["entry_id", "tag", "user_id"])
          .where(
            "entry_id",
            "in",
            rows.map((r) => r.id),
          );
  const tagRows = await query.orderBy("tag").execute();
  const byEntry = new Map<string, string[]>();
  for (const { entry_id, tag, user_id } of tagRows) {
    if (user_id !== userId) continue;
    const list = byEntry.get(entry_id);
    if (list) list.push(tag);
    else byEntry.set(entry_id, [tag]);
  }
  return rows.map((row) => toEntry(row, byEntry.get(row.id) ?? []));
}

export async function replaceTags(
  db: Db,
  userId: string,
  entryId: string,
  tags: readonly string[],
): Promise<void> {
  // `user_id || ''` keeps SQLite (no statistics) on the primary key (entry_id, tag) instead of the
  // (user_id, tag) index, which read every tag of the user: an import of thousands of entries
  // slowed down quadratically. PostgreSQL plans it the same either way.
  await db
    .deleteFrom("entry_tags")
    .where("entry_id", "=", entryId)
    .where(sql<string>`user_id || ''`, "=", userId)
    .execute();
  if (tags.length > 0) {
    await db
      .insertInto("entry_tags")
      .values(tags.map((tag) => ({ entry_id: entryId, user_id: userId, tag })))
      .execute();
  }
}

export async function listEntries(db: Db, userId: string, query: EntryQuery): Promise<EntryRecord[]> {
  let q = db.selectFrom("entries").selectAll("entries").where("entries.user_id", "=", userId);
  if (query.from) q = q.where("entries.local_date", ">=", query.from);
  if (query.to) q = q.where("entries.local_date", "<=", query.to);
  if (query.tag !== undefined) {
    const tag = query.tag;
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("entry_tags")
          .select(sql`1`.as("one"))
          .whereRef("entry_tags.entry_id", "=", "entries.id")
          .where("entry_tags.user_id", "=", userId)
          .where("entry_tags.tag", "=", tag),
      ),
    );
  }
  if (query.after) {
    const { createdAt, id } = query.after;
    q = q.where((eb) =>
      eb.or([
        eb("entries.created_at", "<", createdAt),
        eb.and([eb("entries.created_at", "=", createdAt), eb("entries.id", "<", id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy("entries.created_at", "desc")
    .orderBy("entries.id", "desc")
    .limit(query.limit)
    .execute();
  return withTags(db, userId, rows);
}

export async function countByDay(db: Db, userId: string, from: string, to: string) {
  const rows = await db
    .selectFrom("entries")
    .select(["local_date", (eb) => eb.fn.countAll<number | string>().as("count")])
    .where("user_id", "=", userId)
    .where("local_date", ">=", from)
    .where("local_date", "<=", to)
    .groupBy("local_date")
    .orderBy("local_date")
    .execute();
  return rows.map((r) => ({ date: r.local_date, count: Number(r.count) }));
}

export async function entriesOnMonthDay(db: Db, userId: string, monthDay: string, beforeDate: string) {
  const rows = await db
    .selectFrom("entries")
    .selectAll()
    .where("user_id", "=", userId)
    .where("local_date", "like", `____-${monthDay}`)
    .where("local_date", "<", beforeDate)
    .orderBy("local_date", "desc")
    .orderBy("created_at", "desc")
    .execute();
  return withTags(db, userId, rows);
}

export async function countTags(db: Db, userId: string) {
  const rows = await db
    .selectFrom("entry_tags")
    .select(["tag", (eb) => eb.fn.countAll<number | string>().as("count")])
    .where("user_id", "=", userId)
    .groupBy("tag")
    .execute();
  return rows
    .map((r) => ({ tag: r.tag, count: Number(r.count) }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/**
 * Moves the user's tag `from` onto `to` (both as stored: blind indexes when encrypted): entries
 * with only `from` get `to`, entries with both keep one. Entries' revisions are unchanged (the
 * tag is the same tag in its canonical form). Returns how many entries carried `from`.
 */
export async function mergeTag(db: Db, userId: string, from: string, to: string): Promise<number> {
  if (from === to) return 0;
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom("entry_tags")
      .select("entry_id")
      .where("user_id", "=", userId)
      .where("tag", "=", from)
      .execute();
    if (rows.length === 0) return 0;
    const ids = rows.map((r) => r.entry_id);
    // An entry may carry `to` already, or gain it meanwhile (an entry saved with the canonical
    // tag, or the same merge running for a second request): those rows are left as they are.
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await trx
        .insertInto("entry_tags")
        .values(chunk.map((entry_id) => ({ entry_id, user_id: userId, tag: to })))
        .onConflict((oc) => oc.columns(["entry_id", "tag"]).doNothing())
        .execute();
      await trx
        .deleteFrom("entry_tags")
        .where("user_id", "=", userId)
        .where("tag", "=", from)
        .where("entry_id", "in", chunk)
        .execute();
    }
    return ids.length;
  });
}
