import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGNUP_POLICY } from "../http/rate-limit";
import { body, createHarness, type Harness, ownerClient, PASSWORD } from "../test/harness";

/** A sign-up from `address` (behind the trusted proxy). */
async function signup(h: Harness, username: string, address: string): Promise<Response> {
  return h.app.request("/api/auth/signup", {
    method: "POST",
    headers: { "content-type": "application/json", "x-meridian-client": "test", "x-forwarded-for": address },
    body: JSON.stringify({ username, password: PASSWORD, timeZone: "UTC" }),
  });
}

describe("sign-up cannot list usernames by brute force", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness("sqlite", { trustProxy: true });
    const owner = await ownerClient(h);
    expect((await owner.patch("/api/admin/settings", { signupsOpen: true })).status).toBe(200);
    for (const name of ["ana", "ben", "cleo", "dora", "eli", "fay", "gus", "hal"]) {
      expect((await owner.post("/api/admin/users", { username: name, password: PASSWORD })).status).toBe(201);
    }
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it("answers 'taken' a few times per address, then 429 with Retry-After", async () => {
    const names = ["ana", "ben", "cleo", "dora", "eli", "fay", "gus", "hal", "owner"];
    const answers = [];
    for (const name of names) answers.push(await signup(h, name, "192.0.2.10"));
    const statuses = answers.map((r) => r.status);
    expect(statuses.slice(0, SIGNUP_POLICY.free)).toEqual(Array(SIGNUP_POLICY.free).fill(409));
    expect(statuses.slice(SIGNUP_POLICY.free).every((s) => s === 429)).toBe(true);
    const limited = answers.at(-1) as Response;
    expect((await body(limited)).error.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another address is not affected; a free name from it still signs up.
    expect((await signup(h, "ana", "192.0.2.11")).status).toBe(409);
    expect((await signup(h, "newcomer", "192.0.2.11")).status).toBe(201);
  });

  it("concurrent probes from one address get at most the free answers", async () => {
    const names = ["ana", "ben", "cleo", "dora", "eli", "fay", "gus", "hal", "owner", "ana", "ben", "cleo"];
    const statuses = (await Promise.all(names.map((n) => signup(h, n, "192.0.2.20")))).map((r) => r.status);
    expect(statuses.filter((s) => s === 409).length).toBeLessThanOrEqual(SIGNUP_POLICY.free);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(
      names.length - SIGNUP_POLICY.free,
    );
  });

  it("free names and invalid input do not use up the budget", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await signup(h, "x", "192.0.2.30")).status).toBe(400);
      expect((await signup(h, `fresh${i}`, "192.0.2.30")).status).toBe(201);
    }
    expect((await signup(h, "ana", "192.0.2.30")).status).toBe(409);
  });

  it("probes from many addresses in one IPv6 /64 share one budget; another /64 has its own", async () => {
    const names = ["ana", "ben", "cleo", "dora", "eli", "fay", "gus", "hal", "owner", "ana"];
    // A host with a /64 can rotate through 2^64 addresses; each probe comes from a new one.
    const statuses = [];
    for (const [i, name] of names.entries()) {
      const address = `2001:db8:aa:bb:${(i * 4099).toString(16)}:${i}:${(i * 7).toString(16)}:1`;
      statuses.push((await signup(h, name, i % 2 ? address.toUpperCase() : address)).status);
    }
    expect(statuses.slice(0, SIGNUP_POLICY.free)).toEqual(Array(SIGNUP_POLICY.free).fill(409));
    expect(statuses.slice(SIGNUP_POLICY.free).every((s) => s === 429)).toBe(true);
    // The next /64 over is another network: not throttled.
    expect((await signup(h, "ana", "2001:db8:aa:bc::1")).status).toBe(409);
  });

  it("an IPv4-mapped IPv6 address shares the IPv4 address's budget", async () => {
    const statuses = [];
    for (const [i, name] of ["ana", "ben", "cleo", "dora", "eli", "fay", "gus"].entries()) {
      statuses.push((await signup(h, name, i % 2 ? "::ffff:192.0.2.40" : "192.0.2.40")).status);
    }
    expect(statuses.slice(0, SIGNUP_POLICY.free)).toEqual(Array(SIGNUP_POLICY.free).fill(409));
    expect(statuses.slice(SIGNUP_POLICY.free).every((s) => s === 429)).toBe(true);
  });
});
