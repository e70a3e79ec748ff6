import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, createHarness, type Harness, memberClient, ownerClient, PASSWORD } from "../test/harness";
import { ACCOUNT_POLICY, LoginRateLimiter } from "./rate-limit";

describe("LoginRateLimiter", () => {
  it("lets the free attempts through, then doubles the wait after each failure", () => {
    const limiter = new LoginRateLimiter();
    const t0 = 1_000_000;
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      expect(limiter.waitMs("ana", "10.0.0.1", t0)).toBe(0);
      limiter.failed("ana", "10.0.0.1", t0);
    }
    expect(limiter.waitMs("ana", "10.0.0.1", t0)).toBe(1000);
    expect(limiter.waitMs("ana", "10.0.0.1", t0 + 1000)).toBe(0);
    limiter.failed("ana", "10.0.0.1", t0 + 1000);
    expect(limiter.waitMs("ana", "10.0.0.1", t0 + 1000)).toBe(2000);
    limiter.failed("ana", "10.0.0.1", t0 + 3000);
    expect(limiter.waitMs("ana", "10.0.0.1", t0 + 3000)).toBe(4000);
    // Another account from another address is not affected.
    expect(limiter.waitMs("ben", "10.0.0.2", t0 + 3000)).toBe(0);
  });

  it("caps the wait and forgets after an hour without failures", () => {
    const limiter = new LoginRateLimiter();
    for (let i = 0; i < 40; i++) limiter.failed("ana", `10.0.0.${i}`, 0);
    expect(limiter.waitMs("ana", "10.9.9.9", 0)).toBe(ACCOUNT_POLICY.maxMs);
    expect(limiter.waitMs("ana", "10.9.9.9", ACCOUNT_POLICY.forgetAfterMs + 1)).toBe(0);
  });

  it("a success resets the account but not an address guessing at many accounts", () => {
    const limiter = new LoginRateLimiter();
    for (let i = 0; i < 25; i++) limiter.failed(`user${i}`, "10.0.0.1", 0);
    expect(limiter.waitMs("someone-else", "10.0.0.1", 0)).toBeGreaterThan(0);
    for (let i = 0; i < 8; i++) limiter.failed("ana", "10.0.0.2", 0);
    limiter.succeeded("ana");
    expect(limiter.waitMs("ana", "10.0.0.3", 0)).toBe(0);
    expect(limiter.waitMs("ana", "10.0.0.1", 0)).toBeGreaterThan(0);
  });
});

describe("sign-in rate limiting over HTTP", () => {
  let h: Harness;
  let clock = Date.UTC(2026, 0, 1);

  beforeAll(async () => {
    h = await createHarness("sqlite", {
      now: () => new Date(clock),
      loginRateLimiter: new LoginRateLimiter(),
    });
    const owner = await ownerClient(h);
    await memberClient(h, owner, "mia");
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it("answers 429 with Retry-After after repeated wrong passwords, and a success resets the account", async () => {
    const c = h.client();
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      const res = await c.post("/api/auth/login", { username: "mia", password: "wrong password" });
      expect(res.status).toBe(401);
    }
    const limited = await c.post("/api/auth/login", { username: "Mia ", password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect((await body(limited)).error.code).toBe("rate_limited");
    // Even the right password waits: the limit is checked before the password is.
    clock += 1000;
    const ok = await c.post("/api/auth/login", { username: "mia", password: PASSWORD });
    expect(ok.status).toBe(200);
    // Reset: the next wrong password is a free one again.
    const wrong = await c.post("/api/auth/login", { username: "mia", password: "wrong again" });
    expect(wrong.status).toBe(401);
    const after = await c.post("/api/auth/login", { username: "mia", password: PASSWORD });
    expect(after.status).toBe(200);
  });

  it("counts wrong recovery keys too", async () => {
    const c = h.client();
    const key = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-4567-89AB";
    let last = 0;
    for (let i = 0; i < ACCOUNT_POLICY.free + 1; i++) {
      const res = await c.post("/api/auth/recover", {
        username: "owner",
        recoveryKey: key,
        newPassword: "a brand new password",
      });
      last = res.status;
      if (i === 0) expect((await body(res)).error.code).toBe("recovery_key_invalid");
    }
    expect(last).toBe(429);
  });
});
