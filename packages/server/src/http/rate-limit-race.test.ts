import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StorageKind } from "../store/store";
import { testBackends } from "../store/testing";
import { body, createHarness, type Harness, memberClient, ownerClient, PASSWORD } from "../test/harness";
import { ACCOUNT_POLICY, LoginRateLimiter } from "./rate-limit";

/** Counts every real argon2id password check (the real function runs; it is only counted). */
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("../passwords", async (importOriginal) => {
  const real = await importOriginal<typeof import("../passwords")>();
  return {
    ...real,
    verifyPassword: async (hash: string, password: string) => {
      checks.count++;
      return real.verifyPassword(hash, password);
    },
  };
});

const backends: StorageKind[] = await testBackends();

describe.each(backends)("concurrent sign-ins against one account (%s)", (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(kind, { loginRateLimiter: new LoginRateLimiter() });
    const owner = await ownerClient(h);
    await memberClient(h, owner, "mia");
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it("100 at once: at most the policy's free attempts are verified, the right password at #50 is refused", async () => {
    checks.count = 0;
    const attempts = Array.from({ length: 100 }, (_, i) =>
      h.client().post("/api/auth/login", {
        username: "mia",
        password: i === 49 ? PASSWORD : `wrong guess ${i}`,
      }),
    );
    const answers = await Promise.all(attempts);
    const statuses = answers.map((r) => r.status);
    console.log(`${kind}: verified ${checks.count} of 100 concurrent sign-ins; #50 answered ${statuses[49]}`);
    expect(checks.count).toBeLessThanOrEqual(ACCOUNT_POLICY.free);
    expect(statuses[49]).toBe(429);
    expect(statuses.filter((s) => s === 200)).toHaveLength(0);
    expect(statuses.filter((s) => s === 401)).toHaveLength(checks.count);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - checks.count);
    expect((await body(answers[99] as Response)).error.code).toBe("rate_limited");
  });
});
