import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "./store/testing";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "./test/harness";

const backends = await testBackends();

/** The journal flow end to end over HTTP, on each storage backend. */
describe.each(backends)("HTTP journal flow on %s", (kind) => {
  let h: Harness;
  let owner: Client;
  beforeAll(async () => {
    h = await createHarness(kind);
    owner = await ownerClient(h);
  });
  afterAll(() => h?.dispose());

  it("refuses NUL characters anywhere instead of failing in the database", async () => {
    const cases: [string, string, unknown, string | undefined][] = [
      ["POST", "/api/entries", { body: "a\u0000b" }, "body"],
      ["POST", "/api/entries", { body: "ok", title: "\u0000" }, "title"],
      ["POST", "/api/entries", { body: "ok", clientId: "client-\u0000-id" }, "clientId"],
      ["POST", "/api/prompts", { category: "sleep", text: "nul \u0000 here" }, "text"],
      ["POST", "/api/auth/login", { username: "ad\u0000min", password: "whatever" }, "username"],
      ["GET", "/api/entries/%00", undefined, "id"],
      ["GET", "/api/search?q=%00abc", undefined, "q"],
      [
        "GET",
        `/api/entries?cursor=${Buffer.from(JSON.stringify(["\u0000", "x"])).toString("base64url")}`,
        undefined,
        "cursor",
      ],
    ];
    for (const [method, path, payload, field] of cases) {
      const res = await owner.send(method, path, payload);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect((await body(res)).error).toMatchObject({ code: "validation_failed", field });
    }
  });

  it("never answers 500 to bad input", async () => {
    const entry = await body(await owner.post("/api/entries", { body: "x" }));
    const payloads: unknown[] = [
      null,
      [],
      "text",
      1,
      {},
      { body: {} },
      { body: "x", baseRevision: 3e9 },
      { body: "x", baseRevision: 2 ** 53 },
      { body: "x", baseRevision: -1 },
      { body: "x", tags: "a" },
      { body: "x", title: 5 },
      { body: "x", clientId: "é".repeat(64) },
      { body: "x", promptId: "p".repeat(80) },
      { timeZone: 5 },
      { signupsOpen: null },
      { category: "sleep", text: 7 },
      { username: "a".repeat(64), password: "p" },
    ];
    const routes: [string, string][] = [
      ["POST", "/api/entries"],
      ["PUT", `/api/entries/${entry.id}`],
      ["PUT", "/api/entries/unknown"],
      ["PATCH", "/api/me"],
      ["PATCH", "/api/admin/settings"],
      ["POST", "/api/admin/users"],
      ["POST", "/api/prompts"],
      ["POST", "/api/auth/login"],
      ["POST", "/api/auth/signup"],
      ["POST", "/api/setup"],
    ];
    const failures: string[] = [];
    for (const [method, path] of routes) {
      for (const payload of payloads) {
        const res = await owner.send(method, path, payload);
        if (res.status >= 500) failures.push(`${method} ${path} ${JSON.stringify(payload)} -> ${res.status}`);
      }
    }
    for (const path of [
      "/api/entries?limit=99999999999",
      "/api/entries?tag=%F0",
      `/api/entries/${"x".repeat(5000)}`,
      `/api/search?q=${"*".repeat(100)}`,
      "/api/search?q=%22%5C",
      "/api/search?q=a&limit=1.5",
      "/api/entries?from=9999-12-31&to=9999-12-31",
      "/api/prompts/random?exclude=%00",
      "/api/entries/on-this-day?date=2024-02-29",
    ]) {
      const res = await owner.get(path);
      if (res.status >= 500) failures.push(`GET ${path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
    expect((await body(await owner.get(`/api/entries/${entry.id}`))).body).toBe("x");
  });

  it("reports its storage", async () => {
    expect((await body(await h.client().get("/api/health"))).storage).toBe(kind);
  });

  it("creates, updates with conflict detection, lists, searches and deletes", async () => {
    const member = await memberClient(h, owner, "writer");
    const created = await body(
      await member.post("/api/entries", {
        title: "Café",
        body: "Rain on the window",
        tags: ["rain"],
        clientId: "cid-00000001",
      }),
    );
    expect((await member.post("/api/entries", { body: "dup", clientId: "cid-00000001" })).status).toBe(200);
    const updated = await member.put(`/api/entries/${created.id}`, {
      body: "Snow on the window",
      baseRevision: 1,
    });
    expect((await body(updated)).revision).toBe(2);
    const conflict = await member.put(`/api/entries/${created.id}`, { body: "lost", baseRevision: 1 });
    expect(conflict.status).toBe(409);
    expect((await body(conflict)).current.body).toBe("Snow on the window");
    expect((await body(await member.get("/api/entries"))).entries).toHaveLength(1);
    expect((await body(await member.get("/api/tags"))).tags).toEqual([{ tag: "rain", count: 1 }]);
    expect((await body(await member.get("/api/search?q=snow"))).hits).toHaveLength(1);
    expect((await owner.get(`/api/entries/${created.id}`)).status).toBe(404);
    expect((await member.delete(`/api/entries/${created.id}`)).status).toBe(204);
    expect((await body(await member.get("/api/entries"))).entries).toHaveLength(0);
  });
});
