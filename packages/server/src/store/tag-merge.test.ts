import { entryToMarkdown } from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOwner } from "../accounts";
import { seal } from "../crypto/field-codec";
import { KeyRing } from "../crypto/key-ring";
import type { UserKey } from "../crypto/keys";
import { FAST_HASHING } from "../test/harness";
import { encryptStore } from "./encrypted-store";
import type { Store } from "./store";
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
});
