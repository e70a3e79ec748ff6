import { afterEach, describe, expect, it } from "vitest";
import type { EntryRecord } from "../store/store";
import { SearchService } from "./search-service";

function entry(id: string, title: string | null, body: string, tags: string[] = []): EntryRecord {
  return {
    id,
    userId: "u1",
    clientId: null,
    title,
    body,
    promptId: null,
    promptText: null,
    revision: 1,
    createdAt: "2024-01-01T00:00:00.000Z",
    updatedAt: "2024-01-01T00:00:00.000Z",
    localDate: "2024-01-01",
    timeZone: "UTC",
    tags,
  };
}

/** A real in-memory stand-in for the two store reads the service makes. */
class FakeEntries {
  readonly byUser = new Map<string, Map<string, EntryRecord>>();
  loads = 0;
  put(userId: string, e: EntryRecord) {
    const m = this.byUser.get(userId) ?? new Map();
    m.set(e.id, { ...e, userId });
    this.byUser.set(userId, m);
  }
  async allEntries(userId: string) {
    this.loads += 1;
    return [...(this.byUser.get(userId)?.values() ?? [])];
  }
  async getEntries(userId: string, ids: readonly string[]) {
    const m = this.byUser.get(userId);
    return ids.flatMap((id) => (m?.get(id) ? [m.get(id) as EntryRecord] : []));
  }
}

let service: SearchService | undefined;
afterEach(() => service?.dispose());

describe("SearchService", () => {
  it("finds by prefix, fuzzily, ranks title matches first and snippets the body", async () => {
    const store = new FakeEntries();
    store.put("u1", entry("a", "Thunderstorm", "Heavy weather all night."));
    store.put("u1", entry("b", "Evening", "A distant **thunderstorm** rolled over the hills."));
    store.put("u1", entry("c", "Tea", "Nothing about weather at all."));
    service = new SearchService(store);

    const prefix = await service.search("u1", "thunder", 10);
    expect(prefix.map((h) => h.entry.id)).toEqual(["a", "b"]);
    const b = prefix[1];
    expect(b?.snippet).toBe("A distant thunderstorm rolled over the hills.");
    expect(b?.highlights).toEqual([[10, 22]]);

    const fuzzy = await service.search("u1", "thunderstrom", 10);
    expect(fuzzy.map((h) => h.entry.id).sort()).toEqual(["a", "b"]);

    expect(await service.search("u1", "unrelatedword", 10)).toEqual([]);
  });

  it("highlights the words that matched, however they are written", async () => {
    const store = new FakeEntries();
    store.put("u1", entry("a", "Notes", "Un *café* au lait. Deux CAFÉS plus tard, pas de cafeteria."));
    service = new SearchService(store);
    const [hit] = await service.search("u1", "cafe", 10);
    const words = hit?.highlights.map(([s, e]) => hit.snippet.slice(s, e));
    expect(words).toEqual(["café", "CAFÉS", "cafeteria"]);
    const [typo] = await service.search("u1", "lait deux", 10);
    expect(typo?.highlights.map(([s, e]) => typo.snippet.slice(s, e))).toEqual(["lait", "Deux"]);
  });

  it("searches tags and keeps users apart", async () => {
    const store = new FakeEntries();
    store.put("u1", entry("a", null, "body", ["forest"]));
    store.put("u2", entry("z", null, "forest walk", ["forest"]));
    service = new SearchService(store);
    expect((await service.search("u1", "forest", 10)).map((h) => h.entry.id)).toEqual(["a"]);
    expect((await service.search("u2", "forest", 10)).map((h) => h.entry.id)).toEqual(["z"]);
  });

  it("builds lazily once and stays in step with changes", async () => {
    const store = new FakeEntries();
    store.put("u1", entry("a", null, "apples"));
    service = new SearchService(store);
    expect(store.loads).toBe(0);
    expect(service.isCached("u1")).toBe(false);
    expect((await service.search("u1", "apples", 10)).length).toBe(1);
    expect(store.loads).toBe(1);

    const pear = entry("p", null, "pears");
    store.put("u1", pear);
    service.upsert("u1", pear);
    expect((await service.search("u1", "pears", 10)).map((h) => h.entry.id)).toEqual(["p"]);

    const changed = { ...pear, body: "plums now", revision: 2 };
    store.put("u1", changed);
    service.upsert("u1", changed);
    expect(await service.search("u1", "pears", 10)).toEqual([]);
    expect((await service.search("u1", "plums", 10)).map((h) => h.entry.id)).toEqual(["p"]);

    store.byUser.get("u1")?.delete("p");
    service.remove("u1", "p");
    expect(await service.search("u1", "plums", 10)).toEqual([]);
    expect(store.loads).toBe(1);
  });

  it("evicts idle users and caps the number of cached users", async () => {
    let now = 0;
    const store = new FakeEntries();
    service = new SearchService(store, { idleMs: 1000, maxUsers: 2, now: () => now });
    await service.search("u1", "x", 5);
    await service.search("u2", "x", 5);
    await service.search("u3", "x", 5);
    expect(service.cachedUsers).toBe(2);
    expect(service.isCached("u1")).toBe(false);
    now = 500;
    await service.search("u2", "x", 5);
    now = 1200;
    service.evictIdle();
    expect(service.isCached("u3")).toBe(false);
    expect(service.isCached("u2")).toBe(true);
  });

  it("reloads when an entry changes while the index is being built", async () => {
    const store = new FakeEntries();
    store.put("u1", entry("a", null, "first"));
    service = new SearchService(store);
    const pending = service.search("u1", "second", 10);
    const late = entry("b", null, "second");
    store.put("u1", late);
    service.upsert("u1", late);
    expect((await pending).map((h) => h.entry.id)).toEqual(["b"]);
  });
});
