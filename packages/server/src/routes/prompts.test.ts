import { BUILT_IN_PROMPTS } from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

let h: Harness;
let owner: Client;
let alice: Client;
let bob: Client;

beforeAll(async () => {
  h = await createHarness();
  owner = await ownerClient(h);
  alice = await memberClient(h, owner, "alice");
  bob = await memberClient(h, owner, "bob");
});
afterAll(() => h.dispose());

describe("prompts", () => {
  it("lists built-in prompts plus the user's own, filtered by category", async () => {
    const created = await alice.post("/api/prompts", {
      category: "sleep",
      text: "  What will you let go of tonight? ",
    });
    expect(created.status).toBe(201);
    const own = await body(created);
    expect(own).toEqual({
      id: expect.stringMatching(/^own-/),
      category: "sleep",
      text: "What will you let go of tonight?",
      builtIn: false,
    });

    const all = (await body(await alice.get("/api/prompts"))).prompts;
    expect(all).toHaveLength(BUILT_IN_PROMPTS.length + 1);
    expect(all).toContainEqual(own);
    for (const p of BUILT_IN_PROMPTS) expect(all).toContainEqual(p);

    const sleep = (await body(await alice.get("/api/prompts?category=sleep"))).prompts;
    expect(sleep.every((p: { category: string }) => p.category === "sleep")).toBe(true);
    expect(sleep).toContainEqual(own);

    const bobs = (await body(await bob.get("/api/prompts"))).prompts;
    expect(bobs).not.toContainEqual(own);
    expect(bobs).toHaveLength(BUILT_IN_PROMPTS.length);

    const bad = await alice.get("/api/prompts?category=cooking");
    expect((await body(bad)).error).toMatchObject({ code: "validation_failed", field: "category" });
  });

  it("validates new prompts", async () => {
    for (const [payload, field] of [
      [{ category: "sleep", text: "no" }, "text"],
      [{ category: "nope", text: "a fine prompt" }, "category"],
      [{ text: "a fine prompt" }, "category"],
    ] as const) {
      const res = await alice.post("/api/prompts", payload);
      expect(res.status).toBe(400);
      expect((await body(res)).error.field).toBe(field);
    }
  });

  it("picks a random prompt honouring category and exclude", async () => {
    const own = await body(
      await bob.post("/api/prompts", { category: "catharsis", text: "Scream into a pillow?" }),
    );
    const second = await body(
      await bob.post("/api/prompts", { category: "catharsis", text: "What would you shout?" }),
    );
    const builtInCatharsis = BUILT_IN_PROMPTS.filter((p) => p.category === "catharsis");
    const seen = new Set<string>();
    for (let i = 0; i < 400 && !seen.has(second.id); i++) {
      const res = await bob.get(`/api/prompts/random?category=catharsis&exclude=${own.id}`);
      expect(res.status).toBe(200);
      const p = await body(res);
      expect(p.category).toBe("catharsis");
      expect(p.id).not.toBe(own.id);
      expect([...builtInCatharsis.map((b) => b.id), second.id]).toContain(p.id);
      seen.add(p.id);
    }
    expect(seen.has(second.id)).toBe(true);

    const any = await body(await bob.get("/api/prompts/random"));
    expect(any).toHaveProperty("text");
    // alice has no catharsis prompts of her own; bob's are not offered to her
    for (let i = 0; i < 10; i++) {
      const res = await alice.get("/api/prompts/random?category=catharsis");
      if (builtInCatharsis.length === 0) expect(res.status).toBe(404);
      else expect([own.id, second.id]).not.toContain((await body(res)).id);
    }
  });

  it("snapshots a user's own prompt into an entry, but not another user's", async () => {
    const mine = await body(
      await alice.post("/api/prompts", { category: "gratitude", text: "Who made today easier?" }),
    );
    const entry = await body(await alice.post("/api/entries", { body: "my sister", promptId: mine.id }));
    expect(entry).toMatchObject({ promptId: mine.id, promptText: "Who made today easier?" });
    // deleting the prompt later keeps the entry's snapshot
    expect((await alice.delete(`/api/prompts/${mine.id}`)).status).toBe(204);
    expect((await body(await alice.get(`/api/entries/${entry.id}`))).promptText).toBe(
      "Who made today easier?",
    );

    const hers = await body(
      await alice.post("/api/prompts", { category: "gratitude", text: "Alice's private prompt" }),
    );
    const stolen = await bob.post("/api/entries", { body: "x", promptId: hers.id });
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).not.toContain("private prompt");
  });

  it("deletes own prompts only: 404 for built-in and for another user's", async () => {
    const hers = await body(
      await alice.post("/api/prompts", { category: "sleep", text: "Alice only prompt" }),
    );
    const bobTries = await bob.delete(`/api/prompts/${hers.id}`);
    expect(bobTries.status).toBe(404);
    expect(await bobTries.text()).not.toContain("Alice only");
    const builtIn = BUILT_IN_PROMPTS[0];
    if (builtIn) expect((await alice.delete(`/api/prompts/${builtIn.id}`)).status).toBe(404);
    expect((await body(await alice.get("/api/prompts"))).prompts).toContainEqual(hers);
    expect((await alice.delete(`/api/prompts/${hers.id}`)).status).toBe(204);
    expect((await alice.delete(`/api/prompts/${hers.id}`)).status).toBe(404);
  });
});
