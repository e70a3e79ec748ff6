import { afterEach, describe, expect, it } from "vitest";
import { LoginRateLimiter } from "../http/rate-limit";
import { body, createHarness, type Harness, ownerClient, PASSWORD } from "../test/harness";

/** Few free failures per account, many per address: what is limited is the account. */
const limiter = () =>
  new LoginRateLimiter(
    { free: 2, baseMs: 60_000, maxMs: 60_000, forgetAfterMs: 3_600_000 },
    { free: 1000, baseMs: 60_000, maxMs: 60_000, forgetAfterMs: 3_600_000 },
  );

describe("password re-entry routes are rate limited", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it("POST /api/me/password: wrong current passwords back off, even a right one then waits", async () => {
    h = await createHarness("sqlite", { loginRateLimiter: limiter() });
    const owner = await ownerClient(h);
    for (let i = 0; i < 2; i++) {
      const res = await owner.post("/api/me/password", {
        currentPassword: "nope nope",
        newPassword: "a brand new passphrase",
      });
      expect(res.status).toBe(400);
      expect((await body(res)).error.code).toBe("invalid_credentials");
    }
    const blocked = await owner.post("/api/me/password", {
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
    });
    expect(blocked.status).toBe(429);
    expect((await body(blocked)).error.code).toBe("rate_limited");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Nothing changed: the old password still signs in (the account is limited there too).
    const again = await h.client().post("/api/auth/login", { username: "owner", password: PASSWORD });
    expect(again.status).toBe(429);
  });

  it("POST /api/me/recovery-key: wrong passwords back off", async () => {
    h = await createHarness("sqlite", { loginRateLimiter: limiter() });
    const owner = await ownerClient(h);
    for (let i = 0; i < 2; i++) {
      const res = await owner.post("/api/me/recovery-key", { password: "nope nope" });
      expect(res.status).toBe(400);
      expect((await body(res)).error.code).toBe("invalid_credentials");
    }
    const blocked = await owner.post("/api/me/recovery-key", { password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect((await body(blocked)).error.code).toBe("rate_limited");
  });

  it("a right password resets the account's count", async () => {
    h = await createHarness("sqlite", { loginRateLimiter: limiter() });
    const owner = await ownerClient(h);
    expect((await owner.post("/api/me/recovery-key", { password: "nope nope" })).status).toBe(400);
    expect((await owner.post("/api/me/recovery-key", { password: PASSWORD })).status).toBe(200);
    expect((await owner.post("/api/me/recovery-key", { password: "nope nope" })).status).toBe(400);
    expect((await owner.post("/api/me/recovery-key", { password: PASSWORD })).status).toBe(200);
  });
  it("POST /api/me/delete: wrong passwords back off, and the account is still there", async () => {
    h = await createHarness("sqlite", { loginRateLimiter: limiter() });
    const owner = await ownerClient(h);
    for (let i = 0; i < 2; i++) {
      const res = await owner.post("/api/me/delete", { password: "nope nope", confirm: "owner" });
      expect(res.status).toBe(403);
      expect((await body(res)).error.code).toBe("invalid_credentials");
    }
    const blocked = await owner.post("/api/me/delete", { password: PASSWORD, confirm: "owner" });
    expect(blocked.status).toBe(429);
    expect((await body(blocked)).error.code).toBe("rate_limited");
    expect((await owner.get("/api/me")).status).toBe(200);
  });
});
