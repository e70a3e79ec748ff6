import { entryToMarkdown } from "@meridian/core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwner } from "../accounts";
import { seal } from "../crypto/field-codec";
import { KeyRing } from "../crypto/key-ring";
import { UserKey } from "../crypto/keys";
import { FAST_HASHING } from "../test/harness";
import { encryptStore } from "./encrypted-store";
import type { Store } from "./store";
import { mergeLegacyTags } from "./tag-merge";
import { openTestStore, type TestStore, testBackends } from "./testing";

const backends = await testBackends();

describe.each(backends)("tags in one form on %s", (kind) => {
  let t: TestStore;
  let inner: Store;
  let store: Store;
  let key: UserKey;
  let userId = "";
  let n = 0;

  /** An entry as a server before tag normalisation wrote it: the name as typed, sealed. */
  async function legacyEntry(tags: string[]): Promise<string> {
    const id = `legacy-${++n}`;
    const fresh = tags.map((name) => {
      const index = key.blindIndex(name);
      return { index, name: seal(key, "tag_names.name", index, name) };
    });
    await inner.vault.putTagNames(userId, fresh);
    await inner.createEntry(userId, {
      id,
      clientId: null,
      title: null,
      body: seal(key, "entries.body", id, `legacy ${n}`),
      promptId: null,
      promptText: null,
      tags: fresh.map((f) => f.index),
      createdAt: `2026-12-0${n}T20:00:00.000Z`,
      localDate: `2026-12-0${n}`,
      timeZone: "UTC",
    });
    return id;
  }

  beforeAll(async () => {
    t = await openTestStore(kind);
    inner = t.store;
    const owner = await createOwner(
      inner,
      { username: "ana", password: "correct horse battery", timeZone: "UTC" },
      { passwordHashing: FAST_HASHING },
    );
    userId = owner.user.id;
    key = owner.key;
    const ring = new KeyRing();
    ring.pin(key);
    store = encryptStore(inner, ring);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("writes, reads, counts, finds and exports 'Work Stress' and 'work-stress' as one tag", async () => {
    // Rows a server wrote before tags had one form.
    const b = await legacyEntry(["Work Stress"]);
    const c = await legacyEntry(["work stress", "Work Stress", "Sleep"]);
    // Read before any merge: already in the one form.
    expect((await store.getEntry(userId, c))?.tags).toEqual(["sleep", "work-stress"]);

    // Written now: one canonical tag.
    const a = await store.createEntry(userId, {
      id: "a",
      clientId: null,
      title: null,
      body: "one",
      promptId: null,
      promptText: null,
      tags: ["Work Stress", "work-stress", "rain"],
      createdAt: "2026-12-07T21:00:00.000Z",
      localDate: "2026-12-07",
      timeZone: "UTC",
    });
    expect(a.entry.tags).toEqual(["rain", "work-stress"]);

    // Counting tags merges the old ones: one tag, every entry counted once.
    expect(await store.countTags(userId)).toEqual([
      { tag: "work-stress", count: 3 },
      { tag: "rain", count: 1 },
      { tag: "sleep", count: 1 },
    ]);
    for (const q of ["Work Stress", "work-stress", "work stress"]) {
      const found = await store.listEntries(userId, { tag: q, limit: 50 });
      expect(found.map((e) => e.id).sort(), q).toEqual(["a", b, c].sort());
    }
    // The old indexes carry no entries any more; revisions did not move.
    for (const old of ["Work Stress", "work stress"])
      expect(await inner.listEntries(userId, { tag: key.blindIndex(old), limit: 50 })).toEqual([]);
    const entryC = await store.getEntry(userId, c);
    expect(entryC?.revision).toBe(1);
    expect(entryC?.tags).toEqual(["sleep", "work-stress"]);
    const md = entryToMarkdown({ ...(entryC as NonNullable<typeof entryC>), title: null });
    expect(md.match(/work-stress/g)).toHaveLength(1);
  });

  it("moves a tag twice at once, and onto an entry that already has the canonical tag, without error", async () => {
    const both = await legacyEntry(["Late Night", "late-night"]);
    const only = await legacyEntry(["Late Night"]);
    const from = key.blindIndex("Late Night");
    const to = key.blindIndex("late-night");
    // Two first requests after unlock: the same merge runs twice concurrently.
    const moved = await Promise.all([inner.mergeTag(userId, from, to), inner.mergeTag(userId, from, to)]);
    expect(moved.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2);
    for (const id of [both, only]) expect((await inner.getEntry(userId, id))?.tags, id).toEqual([to]);
    expect(await inner.listEntries(userId, { tag: from, limit: 50 })).toEqual([]);
    expect((await inner.listEntries(userId, { tag: to, limit: 50 })).map((e) => e.id).sort()).toEqual(
      [both, only].sort(),
    );
  });

  it.runIf(kind === "postgres")(
    "moves a tag onto an entry that gains the canonical tag while the merge runs",
    async () => {
      const id = await legacyEntry(["Slow Wind"]);
      const from = key.blindIndex("Slow Wind");
      const to = key.blindIndex("slow-wind");
      // Another request saves the entry with the canonical tag and has not committed yet.
      const other = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await other.connect();
      try {
        await other.query(`set search_path to ${t.postgresSchema}`);
        await other.query("begin");
        await other.query("insert into entry_tags (entry_id, user_id, tag) values ($1, $2, $3)", [
          id,
          userId,
          to,
        ]);
        const merging = inner.mergeTag(userId, from, to);
        await new Promise((r) => setTimeout(r, 300));
        await other.query("commit");
        expect(await merging).toBe(1);
      } finally {
        await other.end();
      }
      expect((await inner.getEntry(userId, id))?.tags).toEqual([to]);
    },
  );

  it("runs the whole legacy merge for two keys of the user at once", async () => {
    const e = await legacyEntry(["Deep Rest", "deep-rest"]);
    const f = await legacyEntry(["deep rest"]);
    // A second unlock of the same user (another session) holds its own key object.
    const other = new UserKey(userId, key.dataKey);
    const counts = await Promise.all([mergeLegacyTags(inner, key), mergeLegacyTags(inner, other)]);
    expect(counts.every((c) => c >= 0)).toBe(true);
    for (const id of [e, f]) expect((await store.getEntry(userId, id))?.tags, id).toEqual(["deep-rest"]);
    expect((await inner.getEntry(userId, e))?.tags).toEqual([key.blindIndex("deep-rest")]);
  });
});
