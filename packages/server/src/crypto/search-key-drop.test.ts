import { afterEach, describe, expect, it } from "vitest";
import { createUser } from "../accounts";
import { SearchService } from "../search/search-service";
import { encryptStore } from "../store/encrypted-store";
import { openTestStore, type TestStore } from "../store/testing";
import { FAST_HASHING, PASSWORD } from "../test/harness";
import { unlockWithPassword } from "./account-keys";
import { KeyRing } from "./key-ring";

describe("the in-memory search index when the key leaves memory", () => {
  let t: TestStore | undefined;
  afterEach(async () => {
    await t?.dispose();
    t = undefined;
  });

  it("a build running when the key is dropped keeps nothing, and a later search is session_locked", async () => {
    t = await openTestStore("sqlite");
    const ring = new KeyRing();
    const store = encryptStore(t.store, ring);
    const search = new SearchService(store);
    ring.onDropUser((userId) => search.forget(userId));
    try {
      const { user, key } = await createUser(
        t.store,
        { username: "ana", password: PASSWORD },
        {
          passwordHashing: FAST_HASHING,
        },
      );
      ring.unlock("s1", key, new Date(Date.now() + 60_000));
      for (let i = 0; i < 50; i++) {
        await store.createEntry(user.id, {
          id: `e${i}`,
          clientId: null,
          title: null,
          body: `night ${i} with the lighthouse`,
          promptId: null,
          promptText: null,
          tags: [],
          createdAt: "2025-01-01T00:00:00.000Z",
          localDate: "2025-01-01",
          timeZone: "UTC",
        });
      }
      // The build starts with the key present; the only session signs out before it finishes.
      const running = search.search(user.id, "lighthouse", 10);
      ring.drop("s1");
      // Opened after the key was wiped: session_locked, not a (false) decrypt_failed.
      await running.then(
        (hits) => expect(hits.length).toBeGreaterThan(0),
        (error) => expect(error).toMatchObject({ status: 401, code: "session_locked" }),
      );
      expect(search.isCached(user.id)).toBe(false);
      expect(search.cachedUsers).toBe(0);
      await expect(search.search(user.id, "lighthouse", 10)).rejects.toMatchObject({
        status: 401,
        code: "session_locked",
      });
      expect(search.isCached(user.id)).toBe(false);
    } finally {
      search.dispose();
    }
  });
  it("a save running when the key is dropped writes nothing sealed with a wiped key", async () => {
    t = await openTestStore("sqlite");
    const ring = new KeyRing();
    const store = encryptStore(t.store, ring);
    const { user, key } = await createUser(
      t.store,
      { username: "ana", password: PASSWORD },
      {
        passwordHashing: FAST_HASHING,
      },
    );
    ring.unlock("s1", key, new Date(Date.now() + 60_000));
    // The save seals its tags, then waits on the database; the only session signs out meanwhile.
    const saving = store.createEntry(user.id, {
      id: "e-race",
      clientId: null,
      title: "a title",
      body: "the words that must not be lost",
      promptId: null,
      promptText: null,
      tags: ["fresh-tag"],
      createdAt: "2025-01-01T00:00:00.000Z",
      localDate: "2025-01-01",
      timeZone: "UTC",
    });
    ring.drop("s1");
    const outcome = await saving.then(
      () => "saved",
      (error: unknown) => error,
    );
    if (outcome !== "saved") expect(outcome).toMatchObject({ status: 401, code: "session_locked" });
    // Signed in again: whatever was stored opens with the real key.
    const record = await t.store.vault.getUserKeys(user.id);
    const again = record ? await unlockWithPassword(record, PASSWORD) : null;
    if (!again) throw new Error("the password no longer opens the key");
    ring.unlock("s2", again, new Date(Date.now() + 60_000));
    const entries = await store.allEntries(user.id);
    expect(entries.map((e) => e.body)).toEqual(
      outcome === "saved" ? ["the words that must not be lost"] : [],
    );
  });
});
