import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  body,
  type Client,
  createHarness,
  type Harness,
  memberClient,
  ownerClient,
  PASSWORD,
} from "../test/harness";

/** Every change route (read from the OpenAPI document) refuses a cookie without X-Meridian-Client. */
describe("CSRF guard", () => {
  let h: Harness;
  let member: Client;
  let changes: { method: string; path: string }[];
  let entryId: string;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    const owner = await ownerClient(h);
    member = await memberClient(h, owner, "mia");
    entryId = (await body(await member.post("/api/entries", { body: "kept as it is" }))).id;
    const doc = (await (await h.app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    changes = [];
    for (const [path, item] of Object.entries<Record<string, unknown>>(doc.paths)) {
      for (const method of ["post", "put", "patch", "delete"]) {
        if (item[method])
          changes.push({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, entryId) });
      }
    }
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it("answers 403 csrf_header_missing on every change route, uploads and keepalive saves included", async () => {
    expect(changes.length).toBeGreaterThan(30);
    expect(changes.map((c) => `${c.method} ${c.path}`)).toEqual(
      expect.arrayContaining([
        "POST /api/media",
        `PUT /api/entries/${entryId}`,
        "POST /api/entries",
        "POST /api/import",
      ]),
    );
    for (const change of changes) {
      const res = await member.send(
        change.method,
        change.path,
        { body: "forged", baseRevision: 1 },
        { noClientHeader: true },
      );
      expect(res.status, `${change.method} ${change.path}`).toBe(403);
      expect((await body(res)).error.code).toBe("csrf_header_missing");
    }
    // Nothing changed, and the session still works.
    const entry = await body(await member.get(`/api/entries/${entryId}`));
    expect(entry).toMatchObject({ body: "kept as it is", revision: 1 });
    expect((await body(await member.get("/api/entries"))).entries).toHaveLength(1);
  });

  it("a keepalive-style save with the header goes through", async () => {
    const res = await member.put(`/api/entries/${entryId}`, { body: "flushed", baseRevision: 1 });
    expect(res.status).toBe(200);
  });

  it("does not sign in from a cross-site form (text/plain body)", async () => {
    const res = await h.app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ username: "mia", password: PASSWORD }),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});
