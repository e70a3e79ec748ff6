import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EntryRecord, NewEntry, Store, UserRecord } from "./store";
import { openTestStore, type TestStore, testBackends } from "./testing";

const backends = await testBackends();

let seq = 0;
function user(username: string, role: "owner" | "member" = "member"): UserRecord {
  seq += 1;
  return {
    id: `u${seq}-${username}`,
    username,
    passwordHash: "$argon2id$fake",
    role,
    timeZone: "UTC",
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, seq)).toISOString(),
  };
}

function newEntry(id: string, overrides: Partial<NewEntry> = {}): NewEntry {
  return {
    id,
    clientId: null,
    title: `Title ${id}`,
    body: `Body of ${id}`,
    promptId: null,
    promptText: null,
    tags: [],
    createdAt: "2024-05-01T10:00:00.000Z",
    localDate: "2024-05-01",
    timeZone: "UTC",
    ...overrides,
  };
}

describe.each(backends)("Store on %s", (kind) => {
  let t: TestStore;
  let store: Store;
  let alice: UserRecord;
  let bob: UserRecord;

  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
    alice = user("alice");
    bob = user("bob");
    expect(await store.insertUser(alice)).toEqual(alice);
    expect(await store.insertUser(bob)).toEqual(bob);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("reports its kind and migrates idempotently", async () => {
    expect(store.kind).toBe(kind);
    await store.migrate();
    expect(await store.findUserByUsername("alice")).toEqual(alice);
  });

  it("rejects a duplicate username", async () => {
    expect(await store.insertUser({ ...user("x"), username: "alice" })).toBeNull();
  });

  it("creates the first owner exactly once, even concurrently", async () => {
    expect(await store.hasOwner()).toBe(false);
    const results = await Promise.all(
      ["o1", "o2", "o3", "o4"].map((name) => store.insertFirstOwner(user(name, "owner"))),
    );
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    expect(results.filter((r) => r.status === "owner_exists")).toHaveLength(3);
    expect(await store.countOwners()).toBe(1);
  });

  it("stores JSON settings", async () => {
    expect(await store.getSetting("signups_open")).toBeUndefined();
    await store.setSetting("signups_open", true);
    expect(await store.getSetting("signups_open")).toBe(true);
    await store.setSetting("signups_open", false);
    expect(await store.getSetting("signups_open")).toBe(false);
  });

  it("stores, touches, finds and deletes sessions", async () => {
    const s = {
      tokenHash: `hash-${kind}`,
      userId: alice.id,
      createdAt: "2024-01-01T00:00:00.000Z",
      expiresAt: "2024-01-31T00:00:00.000Z",
      lastSeenAt: "2024-01-01T00:00:00.000Z",
    };
    await store.insertSession(s);
    expect(await store.findSession(s.tokenHash)).toEqual(s);
    await store.touchSession(s.tokenHash, "2024-01-02T00:00:00.000Z", "2024-02-01T00:00:00.000Z");
    expect((await store.findSession(s.tokenHash))?.expiresAt).toBe("2024-02-01T00:00:00.000Z");
    expect(await store.deleteExpiredSessions("2024-01-15T00:00:00.000Z")).toBe(0);
    expect(await store.deleteExpiredSessions("2024-03-01T00:00:00.000Z")).toBe(1);
    expect(await store.findSession(s.tokenHash)).toBeNull();
  });

  it("finds a session together with its user in one lookup", async () => {
    const s = {
      tokenHash: `joined-${kind}`,
      userId: bob.id,
      createdAt: "2024-01-01T00:00:00.000Z",
      expiresAt: "2024-01-31T00:00:00.000Z",
      lastSeenAt: "2024-01-02T00:00:00.000Z",
    };
    await store.insertSession(s);
    expect(await store.findSessionWithUser(s.tokenHash)).toEqual({ session: s, user: bob });
    expect(await store.findSessionWithUser(`unknown-${kind}`)).toBeNull();
    await store.deleteSession(s.tokenHash);
    expect(await store.findSessionWithUser(s.tokenHash)).toBeNull();
  });

  it("creates entries with tags and is idempotent on clientId per user", async () => {
    const first = await store.createEntry(
      alice.id,
      newEntry("e-idem", { clientId: "client-0001", tags: ["rain", "calm", "rain"] }),
    );
    expect(first.created).toBe(true);
    expect(first.entry.tags).toEqual(["calm", "rain"]);
    expect(first.entry.revision).toBe(1);
    const again = await store.createEntry(
      alice.id,
      newEntry("e-idem-2", { clientId: "client-0001", body: "x" }),
    );
    expect(again).toEqual({ entry: first.entry, created: false });
    expect(await store.getEntry(alice.id, "e-idem-2")).toBeNull();
    // the same clientId for another user is a different entry
    const bobs = await store.createEntry(bob.id, newEntry("e-idem-bob", { clientId: "client-0001" }));
    expect(bobs.created).toBe(true);
    expect(bobs.entry.userId).toBe(bob.id);
  });

  it("handles concurrent creates with one clientId", async () => {
    const results = await Promise.all(
      [1, 2, 3].map((i) => store.createEntry(alice.id, newEntry(`e-race-${i}`, { clientId: "client-race" }))),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
  });

  it("scopes reads, updates and deletes by user", async () => {
    await store.createEntry(alice.id, newEntry("e-private", { tags: ["secret"] }));
    expect(await store.getEntry(bob.id, "e-private")).toBeNull();
    expect(await store.getEntries(bob.id, ["e-private"])).toEqual([]);
    expect(await store.updateEntry(bob.id, "e-private", 1, { body: "hacked", updatedAt: "x" })).toEqual({
      status: "not_found",
    });
    expect(await store.deleteEntry(bob.id, "e-private")).toBe(false);
    expect((await store.getEntry(alice.id, "e-private"))?.body).toBe("Body of e-private");
    expect((await store.countTags(bob.id)).map((t) => t.tag)).not.toContain("secret");
  });

  it("updates with optimistic concurrency", async () => {
    await store.createEntry(alice.id, newEntry("e-upd", { tags: ["a"] }));
    const ok = await store.updateEntry(alice.id, "e-upd", 1, {
      body: "second",
      title: null,
      tags: ["b", "c"],
      updatedAt: "2024-05-02T00:00:00.000Z",
    });
    expect(ok.status).toBe("updated");
    const updated = (ok as { entry: EntryRecord }).entry;
    expect(updated).toMatchObject({ body: "second", title: null, tags: ["b", "c"], revision: 2 });
    expect(updated.updatedAt).toBe("2024-05-02T00:00:00.000Z");
    expect(updated.createdAt).toBe("2024-05-01T10:00:00.000Z");

    const stale = await store.updateEntry(alice.id, "e-upd", 1, { body: "lost", tags: [], updatedAt: "z" });
    expect(stale).toEqual({ status: "conflict", current: updated });
    expect(await store.getEntry(alice.id, "e-upd")).toEqual(updated);

    const keep = await store.updateEntry(alice.id, "e-upd", 2, {
      body: "third",
      updatedAt: "2024-05-03T00:00:00.000Z",
    });
    expect(keep.status === "updated" && keep.entry.tags).toEqual(["b", "c"]);
    const huge = await store.updateEntry(alice.id, "e-upd", 3_000_000_000, { body: "x", updatedAt: "y" });
    expect(huge.status).toBe("conflict");
    expect(
      await store.updateEntry(alice.id, "missing", 3_000_000_000, { body: "x", updatedAt: "y" }),
    ).toEqual({
      status: "not_found",
    });
    expect(await store.updateEntry(alice.id, "missing", 1, { body: "x", updatedAt: "y" })).toEqual({
      status: "not_found",
    });
  });

  it("saves with the same tags (in any order) without losing them, and changes them when asked", async () => {
    await store.createEntry(alice.id, newEntry("e-tags", { tags: ["b", "a"] }));
    const same = await store.updateEntry(alice.id, "e-tags", 1, {
      body: "same tags",
      tags: ["b", " a", "a", ""],
      updatedAt: "2024-05-02T00:00:00.000Z",
    });
    expect(same).toMatchObject({
      status: "updated",
      entry: { body: "same tags", revision: 2, tags: ["a", "b"] },
    });
    const subset = await store.updateEntry(alice.id, "e-tags", 2, {
      body: "fewer",
      tags: ["a"],
      updatedAt: "2024-05-03T00:00:00.000Z",
    });
    expect(subset).toMatchObject({ status: "updated", entry: { revision: 3, tags: ["a"] } });
    const superset = await store.updateEntry(alice.id, "e-tags", 3, {
      body: "more",
      tags: ["a", "c"],
      updatedAt: "2024-05-04T00:00:00.000Z",
    });
    expect(superset).toMatchObject({ status: "updated", entry: { revision: 4, tags: ["a", "c"] } });
    const swapped = await store.updateEntry(alice.id, "e-tags", 4, {
      body: "swapped",
      tags: ["a", "d"],
      updatedAt: "2024-05-05T00:00:00.000Z",
    });
    expect(swapped).toMatchObject({ status: "updated", entry: { revision: 5, tags: ["a", "d"] } });
    const cleared = await store.updateEntry(alice.id, "e-tags", 5, {
      body: "none",
      tags: [],
      updatedAt: "2024-05-06T00:00:00.000Z",
    });
    expect(cleared).toMatchObject({ status: "updated", entry: { revision: 6, tags: [] } });
    const stillNone = await store.updateEntry(alice.id, "e-tags", 6, {
      body: "still none",
      tags: [],
      updatedAt: "2024-05-07T00:00:00.000Z",
    });
    expect(stillNone).toMatchObject({ status: "updated", entry: { revision: 7, tags: [] } });
    const final = await store.getEntry(alice.id, "e-tags");
    expect(final).toEqual(stillNone.status === "updated" ? stillNone.entry : null);
    expect((await store.countTags(alice.id)).find((t) => t.tag === "d")).toBeUndefined();
    // A stale base changes nothing, tags included, whether or not the tags differ.
    for (const tags of [undefined, [], ["z"]]) {
      const stale = await store.updateEntry(alice.id, "e-tags", 6, {
        body: "lost",
        ...(tags ? { tags } : {}),
        updatedAt: "2024-05-08T00:00:00.000Z",
      });
      expect(stale).toEqual({ status: "conflict", current: final });
    }
    expect(await store.getEntry(alice.id, "e-tags")).toEqual(final);
    expect(
      await store.updateEntry(bob.id, "e-tags", 7, { body: "not yours", tags: [], updatedAt: "x" }),
    ).toEqual({ status: "not_found" });
  });

  it("lets exactly one of many concurrent saves against one revision win", async () => {
    await store.createEntry(alice.id, newEntry("e-race-save", { tags: ["x"] }));
    const variants = [undefined, ["x"], ["y"], ["x", "y"]];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const tags = variants[i % variants.length];
        return store.updateEntry(alice.id, "e-race-save", 1, {
          body: `racer ${i}`,
          ...(tags ? { tags } : {}),
          updatedAt: "2024-05-02T00:00:00.000Z",
        });
      }),
    );
    const winners = results.filter((r) => r.status === "updated");
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === "conflict")).toHaveLength(11);
    const stored = await store.getEntry(alice.id, "e-race-save");
    expect(stored?.revision).toBe(2);
    expect(winners[0]?.status === "updated" && winners[0].entry).toEqual(stored);
  });

  it("deletes entries and their tags", async () => {
    await store.createEntry(alice.id, newEntry("e-del", { tags: ["doomed"] }));
    expect(await store.deleteEntry(alice.id, "e-del")).toBe(true);
    expect(await store.deleteEntry(alice.id, "e-del")).toBe(false);
    expect((await store.countTags(alice.id)).find((t) => t.tag === "doomed")).toBeUndefined();
  });

  describe("queries", () => {
    let carol: UserRecord;
    beforeAll(async () => {
      carol = user("carol");
      await store.insertUser(carol);
      const days = ["2022-03-14", "2023-03-14", "2024-03-13", "2024-03-14", "2024-03-14", "2024-04-01"];
      for (const [i, day] of days.entries()) {
        await store.createEntry(
          carol.id,
          newEntry(`c${i}`, {
            localDate: day,
            createdAt: `${day}T12:00:0${i}.000Z`,
            tags: i % 2 === 0 ? ["even", "all"] : ["all"],
          }),
        );
      }
    });

    it("lists newest first with keyset pagination", async () => {
      const page1 = await store.listEntries(carol.id, { limit: 4 });
      expect(page1.map((e) => e.id)).toEqual(["c5", "c4", "c3", "c2"]);
      const last = page1[3] as EntryRecord;
      const page2 = await store.listEntries(carol.id, {
        limit: 4,
        after: { createdAt: last.createdAt, id: last.id },
      });
      expect(page2.map((e) => e.id)).toEqual(["c1", "c0"]);
    });

    it("filters by tag and date range", async () => {
      expect((await store.listEntries(carol.id, { limit: 10, tag: "even" })).map((e) => e.id)).toEqual([
        "c4",
        "c2",
        "c0",
      ]);
      const ranged = await store.listEntries(carol.id, { limit: 10, from: "2024-03-14", to: "2024-03-31" });
      expect(ranged.map((e) => e.id)).toEqual(["c4", "c3"]);
    });

    it("counts by day", async () => {
      expect(await store.countByDay(carol.id, "2024-03-01", "2024-04-30")).toEqual([
        { date: "2024-03-13", count: 1 },
        { date: "2024-03-14", count: 2 },
        { date: "2024-04-01", count: 1 },
      ]);
      expect(await store.countByDay(alice.id, "2022-01-01", "2022-12-31")).toEqual([]);
    });

    it("finds entries on this day in earlier years", async () => {
      const found = await store.entriesOnMonthDay(carol.id, "03-14", "2024-01-01");
      expect(found.map((e) => e.id)).toEqual(["c1", "c0"]);
    });

    it("counts tags", async () => {
      expect(await store.countTags(carol.id)).toEqual([
        { tag: "all", count: 6 },
        { tag: "even", count: 3 },
      ]);
    });

    it("returns every entry for indexing", async () => {
      expect((await store.allEntries(carol.id)).map((e) => e.id).sort()).toEqual([
        "c0",
        "c1",
        "c2",
        "c3",
        "c4",
        "c5",
      ]);
    });
  });

  it("stores prompts per user", async () => {
    const p = {
      id: `p-${kind}`,
      userId: alice.id,
      category: "sleep",
      text: "Lights out?",
      createdAt: "2024-01-01T00:00:00.000Z",
    };
    await store.insertPrompt(p);
    expect(await store.listPrompts(alice.id)).toEqual([p]);
    expect(await store.listPrompts(alice.id, "gratitude")).toEqual([]);
    expect(await store.getPrompt(bob.id, p.id)).toBeNull();
    expect(await store.deletePrompt(bob.id, p.id)).toBe(false);
    expect(await store.deletePrompt(alice.id, p.id)).toBe(true);
    expect(await store.getPrompt(alice.id, p.id)).toBeNull();
  });

  it("updates a user's time zone", async () => {
    expect((await store.updateUserTimeZone(bob.id, "Europe/Paris"))?.timeZone).toBe("Europe/Paris");
  });

  it("deletes a user and cascades to their data", async () => {
    const dave = user("dave");
    await store.insertUser(dave);
    await store.createEntry(dave.id, newEntry("e-dave", { tags: ["x"] }));
    await store.insertSession({
      tokenHash: `dave-${kind}`,
      userId: dave.id,
      createdAt: "a",
      expiresAt: "b",
      lastSeenAt: "c",
    });
    expect(await store.deleteUser(dave.id)).toBe(true);
    expect(await store.getEntry(dave.id, "e-dave")).toBeNull();
    expect(await store.countTags(dave.id)).toEqual([]);
    expect(await store.findSession(`dave-${kind}`)).toBeNull();
    expect(await store.findUserById(dave.id)).toBeNull();
  });
});
