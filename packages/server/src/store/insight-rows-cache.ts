/**
 * The rows GET /api/insights reads, kept per user between requests so that the first request
 * after a write reads only what that write changed (ten years of data: the full load is two
 * thirds of the request). Every ritual write takes the next `insight_stamps.seq` inside its
 * transaction and stores it in the row's `ins_seq` (insight-rows.ts bumpInsightStamp), so rows
 * with ins_seq ≤ n are all committed once n is visible, in any process. A read compares the seq
 * it has with the database's:
 * - same seq and stamp → the rows it has;
 * - higher seq, no delete or import since (purge_seq) → it reads the sessions and diaries with
 *   ins_seq above its own and puts them in place;
 * - anything else (first read, a delete or import, a seq that went back, a row without facts, a
 *   session whose start moved) → a full load.
 * Check-ups (a few hundred at most) are read in full every time. Snapshots are never changed once
 * made: a read builds a new one and installs it only if the one it started from is still there,
 * so concurrent reads cannot mix their answers. The rows handed out must not be mutated.
 */
import type { Kysely } from "kysely";
import { type InsightTables, insightStampState, loadCheckupRows, loadInsightsParts } from "./insight-rows";
import type { RitualTables } from "./ritual-schema";
import type { InsightsDiaryRow, InsightsRows, InsightsSessionRow } from "./ritual-store";
import type { Database } from "./schema";

type Db = Kysely<Database & RitualTables & InsightTables>;

/** Users whose rows are kept (least recently used dropped first). */
const MAX_USERS = 32;
/** Sessions and diaries kept over all users (about 250 bytes each). */
const MAX_ROWS = 400_000;
/** Above this many changed rows a full load is simpler than putting each in place. */
const MAX_DELTA = 500;

interface Snapshot {
  stamp: string;
  seq: number;
  /** By (started_at, id), as the database orders them. */
  sessions: readonly InsightsSessionRow[];
  /** By night. */
  diaries: readonly InsightsDiaryRow[];
}

/** How the server writes instants (Date#toISOString). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Index of the first element whose key is ≥ `key` (keys ascending). */
function lowerBound<T>(list: readonly T[], key: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keyOf(list[mid] as T) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sessions with `changed` put in place, or null when they cannot be (a session whose start
 * moved, or a database that changed meanwhile). Sessions starting at the same instant are ordered
 * by id in the database's collation, so for those the database is asked (`idsAt`).
 */
async function mergeSessions(
  base: readonly InsightsSessionRow[],
  changed: readonly InsightsSessionRow[],
  idsAt: (startedAt: string) => Promise<string[]>,
): Promise<InsightsSessionRow[] | null> {
  const out = base.slice();
  const startOf = (s: InsightsSessionRow) => s.startedAt;
  for (const row of changed) {
    const at = lowerBound(out, row.startedAt, startOf);
    let end = at;
    while (end < out.length && (out[end] as InsightsSessionRow).startedAt === row.startedAt) end++;
    // Placed by comparing strings here: only sure to match the database's order (its collation
    // may skip punctuation) between instants written the one way the server writes them.
    if (![row, out[at - 1], out[end]].every((s) => s === undefined || ISO_INSTANT.test(s.startedAt))) {
      return null;
    }
    if (end === at) out.splice(at, 0, row);
    else if (end === at + 1 && (out[at] as InsightsSessionRow).id === row.id) out[at] = row;
    else {
      const group = new Map(out.slice(at, end).map((s) => [s.id, s]));
      group.set(row.id, row);
      const ids = await idsAt(row.startedAt);
      const ordered = ids.map((id) => group.get(id));
      if (ids.length !== group.size || ordered.some((s) => s === undefined)) return null;
      out.splice(at, end - at, ...(ordered as InsightsSessionRow[]));
    }
  }
  if (changed.length > 0) {
    // A changed start leaves the old copy behind. Only a changed row's id can be there twice (the
    // base came from the database, one row per id), so only those are counted: a set of every id
    // cost more than the rest of the merge.
    const seen = new Map<string, number>();
    for (const row of changed) seen.set(row.id, 0);
    for (const s of out) {
      const count = seen.get(s.id);
      if (count === undefined) continue;
      if (count > 0) return null;
      seen.set(s.id, 1);
    }
  }
  return out;
}

function mergeDiaries(
  base: readonly InsightsDiaryRow[],
  changed: readonly InsightsDiaryRow[],
): InsightsDiaryRow[] {
  const out = base.slice();
  const nightOf = (d: InsightsDiaryRow) => d.nightOf;
  for (const row of changed) {
    const at = lowerBound(out, row.nightOf, nightOf);
    if (out[at]?.nightOf === row.nightOf) out[at] = row;
    else out.splice(at, 0, row);
  }
  return out;
}

function inRange(date: string, range: { from?: string; to?: string }): boolean {
  return (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to);
}

export class InsightRowsCache {
  readonly #db: Db;
  readonly #snapshots = new Map<string, Snapshot>();
  #rows = 0;
  /** How reads were answered (for tests): all rows loaded, only the changed ones, or none. */
  readonly loads = { full: 0, delta: 0, none: 0 };

  constructor(db: Db) {
    this.#db = db;
  }

  /** The same rows as loadInsightsRows(db, userId, range), mostly from memory. */
  async rows(userId: string, range: { from?: string; to?: string }): Promise<InsightsRows> {
    const ranged = range.from !== undefined || range.to !== undefined;
    const base = this.#snapshots.get(userId);
    // A ranged read (the weekly card: a few rows) is cheaper from the database unless all rows
    // are here already.
    if (ranged && !base) return (await loadInsightsParts(this.#db, userId, range)).rows;
    const state = await insightStampState(this.#db, userId);
    let snapshot: Snapshot | null = null;
    let checkups: InsightsRows["checkups"] | null = null;
    if (base && state.seq === base.seq && state.stamp === base.stamp) {
      snapshot = base;
      this.loads.none++;
    } else if (base && state.seq > base.seq && state.purgeSeq <= base.seq) {
      const delta = await loadInsightsParts(this.#db, userId, {}, base.seq);
      const changed = delta.rows.sessions.length + delta.rows.diaries.length;
      const sessions =
        delta.stale === 0 && changed <= MAX_DELTA
          ? await mergeSessions(base.sessions, delta.rows.sessions, (at) => this.#idsAt(userId, at))
          : null;
      if (sessions) {
        this.loads.delta++;
        snapshot = {
          stamp: state.stamp,
          seq: state.seq,
          sessions,
          diaries: mergeDiaries(base.diaries, delta.rows.diaries),
        };
      }
    }
    if (!snapshot) {
      this.loads.full++;
      const full = await loadInsightsParts(this.#db, userId, {});
      checkups = full.rows.checkups;
      snapshot = {
        stamp: state.stamp,
        seq: state.seq,
        sessions: full.rows.sessions,
        diaries: full.rows.diaries,
      };
      if (full.stale > 0) {
        this.#drop(userId);
        return ranged ? this.#filter(full.rows, range) : full.rows;
      }
    }
    if (snapshot !== base) this.#install(userId, base, snapshot);
    checkups ??= await loadCheckupRows(this.#db, userId, {});
    const rows = { sessions: snapshot.sessions.slice(), diaries: snapshot.diaries.slice(), checkups };
    return ranged ? this.#filter(rows, range) : rows;
  }

  /** Ids of the user's sessions starting at `startedAt`, in the full load's order. */
  async #idsAt(userId: string, startedAt: string): Promise<string[]> {
    const rows = await this.#db
      .selectFrom("ritual_sessions")
      .select("id")
      .where("user_id", "=", userId)
      .where("started_at", "=", startedAt)
      .orderBy("id")
      .execute();
    return rows.map((r) => r.id);
  }

  #filter(rows: InsightsRows, range: { from?: string; to?: string }): InsightsRows {
    return {
      sessions: rows.sessions.filter((s) => inRange(s.localDate, range)),
      diaries: rows.diaries.filter((d) => inRange(d.nightOf, range)),
      checkups: rows.checkups.filter((c) => inRange(c.localDate, range)),
    };
  }

  /** Installs `next` unless another read replaced `base` meanwhile (its answer stays valid). */
  #install(userId: string, base: Snapshot | undefined, next: Snapshot): void {
    if (this.#snapshots.get(userId) !== base) return;
    this.#drop(userId);
    this.#snapshots.set(userId, next);
    this.#rows += next.sessions.length + next.diaries.length;
    // Least recently installed first; the one just installed stays even if it alone is over.
    for (const oldest of [...this.#snapshots.keys()]) {
      if (oldest === userId || (this.#snapshots.size <= MAX_USERS && this.#rows <= MAX_ROWS)) break;
      this.#drop(oldest);
    }
  }

  #drop(userId: string): void {
    const old = this.#snapshots.get(userId);
    if (!old) return;
    this.#snapshots.delete(userId);
    this.#rows -= old.sessions.length + old.diaries.length;
  }
}
