import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, createHarness, type Harness, memberClient, ownerClient, PASSWORD } from "../test/harness";
import { ACCOUNT_POLICY, ADDRESS_POLICY, LoginRateLimiter } from "./rate-limit";

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

describe("the sign-in address budget on IPv6", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness("sqlite", { trustProxy: true, loginRateLimiter: new LoginRateLimiter() });
    await ownerClient(h);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  /** A wrong password for `username` from `address` (behind the trusted proxy). */
  const guess = async (username: string, address: string) =>
    (
      await h.app.request("/api/auth/login", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-meridian-client": "test",
          "x-forwarded-for": address,
        },
        body: JSON.stringify({ username, password: "wrong password" }),
      })
    ).status;

  it("counts every address of one /64 against one budget; another /64 has its own", async () => {
    // One guess per account (under each account's own budget), each from a fresh address.
    const statuses = [];
    for (let i = 0; i < ADDRESS_POLICY.free + 3; i++)
      statuses.push(await guess(`sprayed${i}`, `2001:db8:5:6:${i.toString(16)}:${(i * 31).toString(16)}::9`));
    expect(statuses.slice(0, ADDRESS_POLICY.free)).toEqual(Array(ADDRESS_POLICY.free).fill(401));
    expect(statuses.slice(ADDRESS_POLICY.free).every((s) => s === 429)).toBe(true);
    expect(await guess("elsewhere", "2001:db8:5:7::9")).toBe(401);
  });
});
