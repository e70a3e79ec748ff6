import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

let h: Harness;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  h = await createHarness();
  const owner = await ownerClient(h);
  alice = await memberClient(h, owner, "alice");
  bob = await memberClient(h, owner, "bob");
});
afterAll(() => h.dispose());

describe("GET /api/search", () => {
  it("finds by prefix and typo, ranks, snippets and highlights", async () => {
    await alice.post("/api/entries", { title: "Ocean", body: "Waves all night.", tags: ["sea"] });
    const long = await body(
      await alice.post("/api/entries", {
        title: "Diary",
        body: `${"Plain words fill the page. ".repeat(12)}Then the **ocean** again, louder.`,
      }),
    );
    await alice.post("/api/entries", { body: "Nothing relevant here." });

    const res = await body(await alice.get("/api/search?q=oce"));
    expect(res.hits.map((hit: { entry: { title: string } }) => hit.entry.title)).toEqual(["Ocean", "Diary"]);
    const diary = res.hits[1];
    expect(diary.entry).toEqual(long);
    expect(diary.snippet.startsWith("…")).toBe(true);
    expect(diary.snippet).not.toContain("**");
    expect(diary.highlights).toHaveLength(1);
    const [s, e] = diary.highlights[0];
    expect(diary.snippet.slice(s, e)).toBe("ocean");
    expect(res.hits[0].score).toBeGreaterThan(diary.score);

    const typo = await body(await alice.get("/api/search?q=ocran"));
    expect(typo.hits).toHaveLength(2);
    const byTag = await body(await alice.get("/api/search?q=sea"));
    expect(byTag.hits.map((hit: { entry: { title: string } }) => hit.entry.title)).toContain("Ocean");
  });

  it("stays in step with creates, updates and deletes", async () => {
    const created = await body(await alice.post("/api/entries", { body: "a zeppelin overhead" }));
    expect((await body(await alice.get("/api/search?q=zeppelin"))).hits).toHaveLength(1);
    await alice.put(`/api/entries/${created.id}`, { body: "a balloon overhead", baseRevision: 1 });
    expect((await body(await alice.get("/api/search?q=zeppelin"))).hits).toHaveLength(0);
    const balloon = await body(await alice.get("/api/search?q=balloon"));
    expect(balloon.hits[0].entry.revision).toBe(2);
    await alice.delete(`/api/entries/${created.id}`);
    expect((await body(await alice.get("/api/search?q=balloon"))).hits).toHaveLength(0);
  });

  it("never shows another user's entries", async () => {
    await bob.post("/api/entries", { body: "bob writes about the ocean too" });
    const bobs = await body(await bob.get("/api/search?q=ocean"));
    expect(bobs.hits).toHaveLength(1);
    expect(bobs.hits[0].entry.body).toContain("bob writes");
    const alices = await body(await alice.get("/api/search?q=ocean&limit=50"));
    expect(JSON.stringify(alices)).not.toContain("bob writes");
  });

  it("validates the query and limit", async () => {
    for (const q of ["", "q=", "q=%20%20", "q=x&limit=0", "q=x&limit=51", `q=${"x".repeat(201)}`]) {
      const res = await alice.get(`/api/search?${q}`);
      expect(res.status, q).toBe(400);
      expect((await body(res)).error.code).toBe("validation_failed");
    }
    const limited = await body(await alice.get("/api/search?q=o&limit=1"));
    expect(limited.hits).toHaveLength(1);
  });
});
