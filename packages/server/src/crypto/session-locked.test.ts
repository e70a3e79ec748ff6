import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeridianApp } from "../app";
import { body, Client, PASSWORD } from "../test/harness";
import { appOver, clientOf, openRawBackend, type RawBackend } from "../test/raw-backend";

interface Operation {
  method: string;
  path: string;
}

/** Every route the OpenAPI document marks as needing the session cookie. */
async function sessionRoutes(app: MeridianApp): Promise<Operation[]> {
  const doc = (await (await app.request("/api/openapi.json")).json()) as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
  };
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.security && op.security.length > 0) ops.push({ method: method.toUpperCase(), path });
    }
  }
  return ops;
}

describe("a session whose key is not in memory (after a restart)", () => {
  let raw: RawBackend;
  let before: MeridianApp;
  let after: MeridianApp;
  let cookie: string | undefined;

  beforeAll(async () => {
    raw = await openRawBackend("sqlite");
    before = appOver(raw);
    const ana = clientOf(before);
    expect((await ana.post("/api/setup", { username: "ana", password: PASSWORD })).status).toBe(201);
    expect((await ana.post("/api/entries", { body: "written before the restart" })).status).toBe(201);
    cookie = ana.cookie;
    before.dispose();
    after = appOver(raw); // a new key ring: the server restarted
  });
  afterAll(async () => {
    after?.dispose();
    await raw?.dispose();
  });

  it("gets 401 session_locked from every signed-in route, never data and never a 5xx", async () => {
    const ops = await sessionRoutes(after);
    expect(ops.length).toBeGreaterThan(40);
    for (const op of ops) {
      for (const search of op.path === "/api/search" ? ["?q=written"] : [""]) {
        const c = new Client(after);
        c.cookie = cookie;
        const path = op.path.replace(/\{[^}]+\}/g, "x1x1x1x1x1x1x1x1x1x1x1");
        const res = await c.send(op.method, `${path}${search}`, op.method === "GET" ? undefined : {});
        const where = `${op.method} ${op.path}`;
        expect(res.status, where).toBe(401);
        expect((await body(res)).error.code, where).toBe("session_locked");
      }
    }
  });
});
