import { canonicalTag, canonicalTags } from "@meridian/core";
import { DecryptError, EntryUnreadableError } from "../crypto/errors";
import { open, openNullable, seal, sealNullable } from "../crypto/field-codec";
import { storedClientId } from "../crypto/import-keys";
import type { KeyRing } from "../crypto/key-ring";
import type { UserKey } from "../crypto/keys";
import { encryptExperimentsStore } from "./encrypted-experiments-store";
import { forwardRest, keyOf, logDecryptFailure, loudly, openEach, openOne } from "./encrypted-helpers";
import { encryptRitualStore } from "./encrypted-ritual-store";
import { encryptStudioStore } from "./encrypted-studio-store";
import type {
  EntryChanges,
  EntryList,
  EntryQuery,
  EntryRecord,
  NewEntry,
  PromptRecord,
  RecordList,
  Store,
  UnreadableRecord,
  UpdateResult,
} from "./store";
import { mergeLegacyTags } from "./tag-merge";

/**
 * The Store the app uses: the same interface, with every free-text field sealed on the way in
 * and opened on the way out (crypto/field-codec.ts), using the user's data key from the key
 * ring. A user whose key is not in memory gets SessionLockedError; a value that does not
 * authenticate gets DecryptError (logged) — except in entry lists, which leave such an entry
 * out and name it in `unreadable` (logged too), and getEntry, which answers
 * EntryUnreadableError (422), so one bad ciphertext does not hide the rest of the journal. The
 * other lists (prompts here; presets, media, sessions, sleep diaries in the studio and ritual
 * layers) do the same, and opening one such record answers RecordUnreadableError (422).
 * Import source keys are stored keyed (crypto/import-keys.ts). Methods not listed here carry no user text and pass
 * straight through to the inner store. Tags are stored as keyed blind indexes (equality
 * lookups keep working in SQL) with their names sealed in `tag_names`. Tags are in their one
 * canonical form (core canonicalTag) on write, in queries and on read; a user's tags stored
 * before that (`Work Stress` beside `work-stress`) are merged into it the first time their key
 * reads or searches tags (tag-merge.ts).
 */
export function encryptStore(inner: Store, ring: KeyRing): Store {
  const layer = new EncryptedEntries(inner, ring);
  const ritual = encryptRitualStore(inner.ritual, (userId) => keyOf(ring, userId));
  const studio = encryptStudioStore(inner.studio, (userId) => keyOf(ring, userId));
  const experiments = encryptExperimentsStore(inner.experiments, (userId) => keyOf(ring, userId));
  const overrides: Partial<Store> = {
    ritual,
    studio,
    experiments,
    importClientId: (u, clientId) => storedClientId(keyOf(ring, u), clientId),
    createEntry: (u, e) => layer.createEntry(u, e),
    getEntry: (u, id) => layer.getEntry(u, id),
    getEntries: (u, ids) => layer.getEntries(u, ids),
    updateEntry: (u, id, base, c) => layer.updateEntry(u, id, base, c),
    listEntries: (u, q) => layer.listEntries(u, q),
    allEntries: (u) => layer.allEntries(u),
    entriesOnMonthDay: (u, md, before) => layer.entriesOnMonthDay(u, md, before),
    countTags: (u) => layer.countTags(u),
    insertPrompt: (p) => layer.insertPrompt(p),
    listPrompts: (u, c) => layer.listPrompts(u, c),
    getPrompt: (u, id) => layer.getPrompt(u, id),
    deleteUser: async (id) => {
      const deleted = await inner.deleteUser(id);
      ring.dropUser(id);
      return deleted;
    },
  };
  return forwardRest(overrides, inner);
}

function openEntryWith(key: UserKey, names: ReadonlyMap<string, string>, e: EntryRecord): EntryRecord {
  const tags = e.tags.map((t) => {
    const name = names.get(t);
    if (name === undefined)
      throw new DecryptError(`tag_names.name of ${t} (entry ${e.id}): unreadable`, "tag_names.name");
    return name;
  });
  // Rows from before tags had one form read in it (and merged) until they are rewritten.
  const canonical = canonicalTags(tags);
  return {
    ...e,
    title: openNullable(key, "entries.title", e.id, e.title) ?? null,
    body: open(key, "entries.body", e.id, e.body),
    promptText: openNullable(key, "entries.prompt_text", e.id, e.promptText) ?? null,
    tags: canonical,
  };
}

class EncryptedEntries {
  readonly #inner: Store;
  readonly #ring: KeyRing;

  constructor(inner: Store, ring: KeyRing) {
    this.#inner = inner;
    this.#ring = ring;
  }

  async createEntry(userId: string, e: NewEntry): Promise<{ entry: EntryRecord; created: boolean }> {
    const key = keyOf(this.#ring, userId);
    const tags = await this.#sealTags(key, e.tags);
    const result = await this.#inner.createEntry(userId, {
      ...e,
      clientId: storedClientId(key, e.clientId),
      title: sealNullable(key, "entries.title", e.id, e.title) ?? null,
      body: seal(key, "entries.body", e.id, e.body),
      promptText: sealNullable(key, "entries.prompt_text", e.id, e.promptText) ?? null,
      tags,
    });
    return { entry: await this.#openEntry(key, result.entry), created: result.created };
  }

  async getEntry(userId: string, id: string): Promise<EntryRecord | null> {
    const key = keyOf(this.#ring, userId);
    const entry = await this.#inner.getEntry(userId, id);
    if (!entry) return null;
    const list = await this.#openEntries(key, [entry]);
    if (list.unreadable?.length) throw new EntryUnreadableError();
    return list[0] ?? null;
  }

  async getEntries(userId: string, ids: readonly string[]): Promise<EntryList> {
    const key = keyOf(this.#ring, userId);
    return this.#openEntries(key, await this.#inner.getEntries(userId, ids));
  }

  async updateEntry(userId: string, id: string, base: number, c: EntryChanges): Promise<UpdateResult> {
    const key = keyOf(this.#ring, userId);
    const changes: EntryChanges = {
      body: seal(key, "entries.body", id, c.body),
      updatedAt: c.updatedAt,
      ...(c.title !== undefined ? { title: sealNullable(key, "entries.title", id, c.title) ?? null } : {}),
      ...(c.promptId !== undefined ? { promptId: c.promptId } : {}),
      ...(c.promptText !== undefined
        ? { promptText: sealNullable(key, "entries.prompt_text", id, c.promptText) ?? null }
        : {}),
      ...(c.tags !== undefined ? { tags: await this.#sealTags(key, c.tags) } : {}),
    };
    const result = await this.#inner.updateEntry(userId, id, base, changes);
    if (result.status === "updated")
      return { status: "updated", entry: await this.#openEntry(key, result.entry) };
    if (result.status === "conflict") {
      return { status: "conflict", current: await this.#openEntry(key, result.current) };
    }
    return result;
  }

  async listEntries(userId: string, query: EntryQuery): Promise<EntryList> {
    const key = keyOf(this.#ring, userId);
    if (query.tag !== undefined) await mergeLegacyTags(this.#inner, key);
    const q =
      query.tag === undefined
        ? query
        : { ...query, tag: key.blindIndex(canonicalTag(query.tag) ?? query.tag.trim()) };
    return this.#openEntries(key, await this.#inner.listEntries(userId, q));
  }

  async allEntries(userId: string): Promise<EntryList> {
    const key = keyOf(this.#ring, userId);
    await mergeLegacyTags(this.#inner, key);
    return this.#openEntries(key, await this.#inner.allEntries(userId));
  }

  async entriesOnMonthDay(userId: string, monthDay: string, before: string): Promise<EntryList> {
    const key = keyOf(this.#ring, userId);
    return this.#openEntries(key, await this.#inner.entriesOnMonthDay(userId, monthDay, before));
  }

  async countTags(userId: string): Promise<{ tag: string; count: number }[]> {
    const key = keyOf(this.#ring, userId);
    await mergeLegacyTags(this.#inner, key);
    const counts = await this.#inner.countTags(userId);
    const names = await this.#tagNames(
      key,
      counts.map((c) => c.tag),
    );
    return counts
      .flatMap((c) => {
        const tag = names.get(c.tag);
        return tag === undefined ? [] : [{ tag, count: c.count }]; // an unreadable name (logged)
      })
      .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  }

  async insertPrompt(p: PromptRecord): Promise<PromptRecord> {
    const key = keyOf(this.#ring, p.userId);
    await this.#inner.insertPrompt({ ...p, text: seal(key, "prompts.text", p.id, p.text) });
    return p;
  }

  async listPrompts(userId: string, category?: string): Promise<RecordList<PromptRecord>> {
    const key = keyOf(this.#ring, userId);
    return openEach(
      await this.#inner.listPrompts(userId, category),
      (p) => ({ ...p, text: open(key, "prompts.text", p.id, p.text) }),
      (p) => ({ table: "prompts", id: p.id, createdAt: p.createdAt, localDate: p.createdAt.slice(0, 10) }),
    );
  }

  async getPrompt(userId: string, id: string): Promise<PromptRecord | null> {
    const key = keyOf(this.#ring, userId);
    return openOne(
      await this.#inner.getPrompt(userId, id),
      (p) => ({ ...p, text: open(key, "prompts.text", p.id, p.text) }),
      "prompt",
    );
  }

  /** Blind indexes for the (normalised) tags, storing sealed names for any not seen yet. */
  async #sealTags(key: UserKey, tags: readonly string[]): Promise<string[]> {
    const names = canonicalTags(tags);
    const fresh: { index: string; name: string }[] = [];
    const indexes = names.map((name) => {
      const index = key.blindIndex(name);
      if (key.tagNames.get(index) !== name) {
        fresh.push({ index, name: seal(key, "tag_names.name", index, name) });
      }
      return index;
    });
    if (fresh.length > 0) {
      await this.#inner.vault.putTagNames(key.userId, fresh);
      for (const name of names) key.tagNames.set(key.blindIndex(name), name);
    }
    return indexes;
  }

  /** Names of the blind indexes, opened (and cached on the key) as needed. A name that is
   * missing or does not open is logged and left out of the map: the entries carrying it are
   * then unreadable, the others are not affected. */
  async #tagNames(key: UserKey, indexes: readonly string[]): Promise<Map<string, string>> {
    const missing = [...new Set(indexes.filter((i) => !key.tagNames.has(i)))];
    if (missing.length > 0) {
      const sealed = await this.#inner.vault.tagNames(key.userId, missing);
      for (const index of missing) {
        const value = sealed.get(index);
        try {
          if (value === undefined)
            throw new DecryptError(`tag_names.name of ${index}: missing`, "tag_names.name");
          key.tagNames.set(index, open(key, "tag_names.name", index, value));
        } catch (error) {
          if (!(error instanceof DecryptError)) throw error;
          logDecryptFailure(error);
        }
      }
    }
    return key.tagNames;
  }

  /** Opens one entry; throws DecryptError naming the field that failed. */
  async #openEntry(key: UserKey, e: EntryRecord): Promise<EntryRecord> {
    const names = await this.#tagNames(key, e.tags);
    return loudly(async () => openEntryWith(key, names, e));
  }

  /** Opens what opens; the rest is logged and named in `unreadable`. */
  async #openEntries(key: UserKey, entries: readonly EntryRecord[]): Promise<EntryList> {
    const names = await this.#tagNames(
      key,
      entries.flatMap((e) => e.tags),
    );
    const opened: EntryList = [];
    const unreadable: UnreadableRecord[] = [];
    for (const e of entries) {
      try {
        opened.push(openEntryWith(key, names, e));
      } catch (error) {
        if (!(error instanceof DecryptError)) throw error;
        logDecryptFailure(error);
        unreadable.push({
          table: "entries",
          id: e.id,
          createdAt: e.createdAt,
          localDate: e.localDate,
          field: error.where ?? "entries",
        });
      }
    }
    if (unreadable.length > 0) opened.unreadable = unreadable;
    return opened;
  }
}
