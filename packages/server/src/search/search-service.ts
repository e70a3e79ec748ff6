import type { EntryRecord, Store } from "../store/store";
import { stripMarkdown } from "./markdown";
import { makeSnippet } from "./snippet";
import { type IndexDoc, TextIndex } from "./text-index";

export interface SearchHitRecord {
  entry: EntryRecord;
  score: number;
  snippet: string;
  highlights: [number, number][];
}

export interface SearchServiceOptions {
  /** Drop a user's index after this long without a search (default 15 minutes). */
  idleMs?: number;
  /** Keep at most this many users' indexes (least recently searched go first; default 50). */
  maxUsers?: number;
  /** Clock in ms, for tests. */
  now?: () => number;
}

interface Slot {
  index: TextIndex | undefined;
  building: Promise<TextIndex> | undefined;
  /** Bumped on every change, so a build that raced a change reloads. */
  version: number;
  lastUsed: number;
}

function toDoc(entry: EntryRecord): IndexDoc {
  return {
    id: entry.id,
    title: entry.title ?? "",
    body: stripMarkdown(entry.body),
    tags: entry.tags,
  };
}

/**
 * In-memory, per-user full-text search over entries (nothing searchable is written to the
 * database). Built lazily on a user's first search; routes keep it in step via upsert/remove.
 */
export class SearchService {
  readonly #store: Pick<Store, "allEntries" | "getEntries">;
  readonly #slots = new Map<string, Slot>();
  readonly #idleMs: number;
  readonly #maxUsers: number;
  readonly #now: () => number;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(store: Pick<Store, "allEntries" | "getEntries">, options: SearchServiceOptions = {}) {
    this.#store = store;
    this.#idleMs = options.idleMs ?? 15 * 60_000;
    this.#maxUsers = Math.max(1, options.maxUsers ?? 50);
    this.#now = options.now ?? Date.now;
    this.#timer = setInterval(() => this.evictIdle(), Math.min(this.#idleMs, 60_000));
    this.#timer.unref();
  }

  /** Number of users whose index is in memory (or being built). */
  get cachedUsers(): number {
    return this.#slots.size;
  }

  isCached(userId: string): boolean {
    return this.#slots.has(userId);
  }

  async search(userId: string, query: string, limit: number): Promise<SearchHitRecord[]> {
    const index = await this.#indexFor(userId);
    const results = index.search(query, limit);
    if (results.length === 0) return [];
    const entries = new Map(
      (
        await this.#store.getEntries(
          userId,
          results.map((r) => r.id),
        )
      ).map((e) => [e.id, e]),
    );
    const hits: SearchHitRecord[] = [];
    for (const r of results) {
      const entry = entries.get(r.id);
      if (!entry) continue;
      const { text, highlights } = makeSnippet(stripMarkdown(entry.body), r.terms);
      hits.push({ entry, score: r.score, snippet: text, highlights });
    }
    return hits;
  }

  /** Call after an entry was created or updated. */
  upsert(userId: string, entry: EntryRecord): void {
    const slot = this.#slots.get(userId);
    if (!slot) return;
    slot.version += 1;
    if (!slot.index) return;
    slot.index.upsert(toDoc(entry));
  }

  /** Call after an entry was deleted. */
  remove(userId: string, entryId: string): void {
    const slot = this.#slots.get(userId);
    if (!slot) return;
    slot.version += 1;
    slot.index?.remove(entryId);
  }

  /** Forget a user's index (e.g. when the user is removed). */
  forget(userId: string): void {
    this.#slots.delete(userId);
  }

  evictIdle(): void {
    const cutoff = this.#now() - this.#idleMs;
    for (const [userId, slot] of this.#slots) {
      if (!slot.building && slot.lastUsed <= cutoff) this.#slots.delete(userId);
    }
  }

  dispose(): void {
    clearInterval(this.#timer);
    this.#slots.clear();
  }

  async #indexFor(userId: string): Promise<TextIndex> {
    let slot = this.#slots.get(userId);
    if (slot) {
      slot.lastUsed = this.#now();
      // Re-insert: Map order doubles as least-recently-used order.
      this.#slots.delete(userId);
      this.#slots.set(userId, slot);
      if (slot.index) return slot.index;
      if (slot.building) return slot.building;
    }
    const fresh: Slot = { index: undefined, building: undefined, version: 0, lastUsed: this.#now() };
    slot = fresh;
    this.#slots.set(userId, fresh);
    while (this.#slots.size > this.#maxUsers) {
      const oldest = this.#slots.keys().next().value;
      if (oldest === undefined || oldest === userId) break;
      this.#slots.delete(oldest);
    }
    fresh.building = this.#build(userId, fresh);
    try {
      return await fresh.building;
    } catch (error) {
      if (this.#slots.get(userId) === fresh) this.#slots.delete(userId);
      throw error;
    } finally {
      fresh.building = undefined;
    }
  }

  async #build(userId: string, slot: Slot): Promise<TextIndex> {
    for (;;) {
      const version = slot.version;
      const entries = await this.#store.allEntries(userId);
      if (slot.version !== version) continue; // an entry changed while loading: load again
      const index = new TextIndex();
      index.addAll(entries.map(toDoc));
      slot.index = index; // set synchronously, so no later upsert can slip past it
      return index;
    }
  }
}
