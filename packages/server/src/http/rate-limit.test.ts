import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, createHarness, type Harness, memberClient, ownerClient, PASSWORD } from "../test/harness";
import { ACCOUNT_POLICY, LoginRateLimiter } from "./rate-limit";

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
