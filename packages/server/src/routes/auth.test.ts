import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../ids";
import { SESSION_TTL_MS } from "../sessions";
import {
  body,
  type Client,
  createHarness,
  type Harness,
  memberClient,
  ownerClient,
  PASSWORD,
} from "../test/harness";

describe("setup", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.dispose());

  it("creates the owner exactly once", async () => {
    expect(await body(await h.client().get("/api/setup"))).toEqual({ needsOwner: true, signupsOpen: false });

    const bad = await h.client().post("/api/setup", { username: "ok-name", password: "short" });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error).toMatchObject({ code: "validation_failed", field: "password" });

    const c = h.client();
    const res = await c.post("/api/setup", {
      username: "  Boss ",
      password: PASSWORD,
      timeZone: "Europe/Berlin",
    });
    expect(res.status).toBe(201);
    const user = await body(res);
    expect(user).toMatchObject({ username: "boss", role: "owner", timeZone: "Europe/Berlin" });
    expect(Object.keys(user).sort()).toEqual([
      "createdAt",
      "id",
      "recoveryKey",
      "role",
      "timeZone",
      "username",
    ]);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^meridian_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    expect((await body(await c.get("/api/me"))).username).toBe("boss");

    const again = await h.client().post("/api/setup", { username: "other", password: PASSWORD });
    expect(again.status).toBe(409);
    expect((await body(again)).error.code).toBe("setup_already_done");
    expect(await body(await h.client().get("/api/setup"))).toEqual({ needsOwner: false, signupsOpen: false });
    expect((await h.store.listUsers()).map((u) => u.username)).toEqual(["boss"]);
  });

  it("stores only the SHA-256 of the session token", async () => {
    const c = h.client();
    await c.post("/api/auth/login", { username: "boss", password: PASSWORD });
    const token = c.cookie?.split("=")[1] ?? "";
    expect(await h.store.findSession(token)).toBeNull();
    const row = await h.store.findSession(sha256Hex(token));
    expect(row?.userId).toBeDefined();
    expect(Date.parse(row?.expiresAt ?? "") - Date.parse(row?.createdAt ?? "")).toBe(SESSION_TTL_MS);
  });

  it("marks the cookie Secure over https", async () => {
    const res = await h.app.request("https://journal.example/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "boss", password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toContain("Secure");
  });
});

describe("concurrent setup", () => {
  it("lets only one of several simultaneous setups win", async () => {
    const h = await createHarness();
    const results = await Promise.all(
      ["a1", "a2", "a3"].map((u) => h.client().post("/api/setup", { username: u, password: PASSWORD })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await h.store.countOwners()).toBe(1);
    await h.dispose();
  });
});

describe("sign-up, login, logout", () => {
  let h: Harness;
  let owner: Client;
  beforeAll(async () => {
    h = await createHarness();
    owner = await ownerClient(h);
  });
  afterAll(() => h.dispose());

  it("keeps sign-ups closed until the owner opens them", async () => {
    const closed = await h.client().post("/api/auth/signup", { username: "newbie", password: PASSWORD });
    expect(closed.status).toBe(403);
    expect((await body(closed)).error.code).toBe("signups_closed");

    const open = await owner.patch("/api/admin/settings", { signupsOpen: true });
    expect(await body(open)).toEqual({ signupsOpen: true });
    expect(await body(await h.client().get("/api/setup"))).toEqual({ needsOwner: false, signupsOpen: true });

    const c = h.client();
    const res = await c.post("/api/auth/signup", {
      username: "newbie",
      password: PASSWORD,
      timeZone: "Asia/Tokyo",
    });
    expect(res.status).toBe(201);
    expect(await body(res)).toMatchObject({ username: "newbie", role: "member", timeZone: "Asia/Tokyo" });
    expect((await c.get("/api/me")).status).toBe(200);

    const dup = await h.client().post("/api/auth/signup", { username: "NEWBIE", password: PASSWORD });
    expect(dup.status).toBe(409);
    expect((await body(dup)).error.code).toBe("already_exists");

    const badZone = await h
      .client()
      .post("/api/auth/signup", { username: "zz", password: PASSWORD, timeZone: "Mars/Base" });
    expect((await body(badZone)).error).toMatchObject({ code: "validation_failed", field: "timeZone" });
    await owner.patch("/api/admin/settings", { signupsOpen: false });
  });

  it("logs in, and answers the same for unknown users and wrong passwords", async () => {
    const wrong = await h.client().post("/api/auth/login", { username: "owner", password: "wrong password" });
    const unknown = await h
      .client()
      .post("/api/auth/login", { username: "ghost", password: "wrong password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await body(wrong)).toEqual(await body(unknown));
    expect((await body(wrong)).error.code).toBe("invalid_credentials");
    expect(wrong.headers.get("set-cookie")).toBeNull();

    const c = h.client();
    const ok = await c.post("/api/auth/login", { username: " Owner ", password: PASSWORD });
    expect(ok.status).toBe(200);
    expect((await body(ok)).username).toBe("owner");
  });

  it("logs out: deletes the session row and clears the cookie", async () => {
    const c = h.client();
    await c.post("/api/auth/login", { username: "owner", password: PASSWORD });
    const token = c.cookie?.split("=")[1] ?? "";
    const stolen = c.cookie;
    const res = await c.post("/api/auth/logout");
    expect(res.status).toBe(204);
    expect(res.headers.get("set-cookie")).toMatch(/^meridian_session=;.*Max-Age=0/);
    expect(await h.store.findSession(sha256Hex(token))).toBeNull();
    // the old cookie no longer works
    const replay = await h.app.request("/api/me", { headers: { cookie: stolen ?? "" } });
    expect(replay.status).toBe(401);
    // logging out without a session is harmless
    expect((await h.client().post("/api/auth/logout")).status).toBe(204);
  });

  it("answers 401 without a session and for a forged cookie", async () => {
    for (const path of [
      "/api/me",
      "/api/entries",
      "/api/tags",
      "/api/search?q=x",
      "/api/prompts",
      "/api/admin/users",
    ]) {
      const res = await h.client().get(path);
      expect(res.status, path).toBe(401);
      expect((await body(res)).error.code).toBe("unauthenticated");
    }
    const forged = await h.app.request("/api/me", {
      headers: { cookie: `meridian_session=${"A".repeat(43)}` },
    });
    expect(forged.status).toBe(401);
    // unauthenticated change requests get 401, not a validation error
    const post = await h.client().post("/api/entries", { nonsense: true });
    expect(post.status).toBe(401);
  });

  it("expires sessions after 30 days without use and slides while used", async () => {
    let now = new Date("2030-01-01T00:00:00.000Z");
    const t = await createHarness("sqlite", { now: () => now });
    const c = await ownerClient(t);
    now = new Date(now.getTime() + 20 * 24 * 3600_000);
    const slid = await c.get("/api/me");
    expect(slid.status).toBe(200);
    expect(slid.headers.get("set-cookie")).toContain("Max-Age=2592000");
    now = new Date(now.getTime() + 20 * 24 * 3600_000); // 40 days after login, 20 after last use
    expect((await c.get("/api/me")).status).toBe(200);
    now = new Date(now.getTime() + 31 * 24 * 3600_000);
    expect((await c.get("/api/me")).status).toBe(401);
    await t.dispose();
  });
});

describe("me and admin", () => {
  let h: Harness;
  let owner: Client;
  let member: Client;
  beforeAll(async () => {
    h = await createHarness();
    owner = await ownerClient(h);
    member = await memberClient(h, owner, "mia");
  });
  afterAll(() => h.dispose());

  it("updates the user's time zone, validating it", async () => {
    const res = await member.patch("/api/me", { timeZone: "America/New_York" });
    expect(res.status).toBe(200);
    expect((await body(res)).timeZone).toBe("America/New_York");
    expect((await body(await member.get("/api/me"))).timeZone).toBe("America/New_York");
    const bad = await member.patch("/api/me", { timeZone: "Nowhere/Special" });
    expect(bad.status).toBe(400);
    expect((await body(bad)).error).toMatchObject({ code: "validation_failed", field: "timeZone" });
  });

  it("keeps admin routes for the owner (403 for members)", async () => {
    for (const [method, path, payload] of [
      ["GET", "/api/admin/settings", undefined],
      ["PATCH", "/api/admin/settings", { signupsOpen: true }],
      ["GET", "/api/admin/users", undefined],
      ["POST", "/api/admin/users", { username: "sneaky", password: PASSWORD }],
    ] as const) {
      const res = await member.send(method, path, payload);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await body(res)).error.code).toBe("forbidden");
    }
    expect(await body(await owner.get("/api/admin/settings"))).toEqual({ signupsOpen: false });
    expect((await h.store.listUsers()).map((u) => u.username)).not.toContain("sneaky");
  });

  it("lets the owner list and create users", async () => {
    const created = await owner.post("/api/admin/users", { username: "noah", password: PASSWORD });
    expect(created.status).toBe(201);
    expect((await body(created)).role).toBe("member");
    const dup = await owner.post("/api/admin/users", { username: "noah", password: PASSWORD });
    expect(dup.status).toBe(409);
    const { users } = await body(await owner.get("/api/admin/users"));
    expect(users.map((u: { username: string }) => u.username)).toEqual(["owner", "mia", "noah"]);
    expect(JSON.stringify(users)).not.toContain("argon2");
    const invalid = await owner.patch("/api/admin/settings", { signupsOpen: "yes" });
    expect((await body(invalid)).error).toMatchObject({ code: "validation_failed", field: "signupsOpen" });
  });
});
