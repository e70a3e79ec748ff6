import { afterEach, describe, expect, it } from "vitest";
import type { StorageKind } from "../store/store";
import { openTestStore, testBackends } from "../store/testing";
import { createHarness, type Harness, PASSWORD } from "../test/harness";
import { DEVICE_COOKIE, DeviceCookies } from "./device-cookie";
import { ACCOUNT_POLICY, LoginRateLimiter } from "./rate-limit";

/** A sign-in from `address` (behind the trusted proxy), with or without a device cookie. */
async function signIn(
  h: Harness,
  username: string,
  password: string,
  options: { address: string; device?: string } = { address: "203.0.113.9" },
): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-meridian-client": "test",
    "x-forwarded-for": options.address,
  };
  if (options.device) headers.cookie = `${DEVICE_COOKIE}=${options.device}`;
  return h.app.request("/api/auth/login", {
    method: "POST",
    headers,
    body: JSON.stringify({ username, password }),
  });
}

/** The device cookie an answer set, if any. */
function deviceCookieOf(res: Response): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`));
  return line?.split(";")[0]?.slice(DEVICE_COOKIE.length + 1);
}

const backends = await testBackends();

async function setUp(kind: StorageKind): Promise<{ h: Harness; ownerDevice: string }> {
  const h = await createHarness(kind, { trustProxy: true, loginRateLimiter: new LoginRateLimiter() });
  const setup = await h.app.request("/api/setup", {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "198.51.100.1" },
    body: JSON.stringify({ username: "owner", password: PASSWORD, timeZone: "UTC" }),
  });
  expect(setup.status).toBe(201);
  // The browser that created the account is already one of its devices.
  expect(deviceCookieOf(setup)).toBeTruthy();
  const res = await signIn(h, "owner", PASSWORD, { address: "198.51.100.1" });
  expect(res.status).toBe(200);
  const ownerDevice = deviceCookieOf(res);
  if (!ownerDevice) throw new Error("no device cookie after sign-in");
  return { h, ownerDevice };
}

/** An attacker elsewhere fails ten times without a device cookie. */
async function attack(h: Harness): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const res = await signIn(h, "owner", `guess number ${i}`, { address: "192.0.2.66" });
    expect([401, 429]).toContain(res.status);
  }
}

describe.each(backends)("device cookies (OWASP): an attacker cannot lock the owner out (%s)", (kind) => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it("a successful sign-in sets an HttpOnly device cookie that does not name the account in clear", async () => {
    const s = await setUp(kind);
    h = s.h;
    const res = await signIn(h, "owner", PASSWORD, { address: "198.51.100.1", device: s.ownerDevice });
    const line = res.headers.getSetCookie().find((c) => c.startsWith(`${DEVICE_COOKIE}=`)) ?? "";
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/Path=\/api/);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).not.toContain("owner");
  });

  it("after 10 failures from another address, the owner's browser still signs in", async () => {
    const s = await setUp(kind);
    h = s.h;
    await attack(h);
    // Untrusted clients are locked out, even with the right password…
    expect((await signIn(h, "owner", PASSWORD, { address: "203.0.113.7" })).status).toBe(429);
    // …but the owner's own browser is not.
    const owner = await signIn(h, "owner", PASSWORD, { address: "198.51.100.1", device: s.ownerDevice });
    expect(owner.status).toBe(200);
  });

  it("a device's own budget still limits guessing from that device", async () => {
    const s = await setUp(kind);
    h = s.h;
    for (let i = 0; i < ACCOUNT_POLICY.free; i++) {
      const res = await signIn(h, "owner", `wrong ${i}`, { address: "198.51.100.1", device: s.ownerDevice });
      expect(res.status).toBe(401);
    }
    const limited = await signIn(h, "owner", PASSWORD, { address: "198.51.100.1", device: s.ownerDevice });
    expect(limited.status).toBe(429);
    // The device's failures did not lock the account for other clients.
    expect((await signIn(h, "owner", PASSWORD, { address: "203.0.113.7" })).status).toBe(200);
  });

  it("a forged cookie, or one issued for another account, is treated as untrusted", async () => {
    const s = await setUp(kind);
    h = s.h;
    const owner = await signIn(h, "owner", PASSWORD, { address: "198.51.100.1", device: s.ownerDevice });
    const created = await h.app.request("/api/admin/users", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-meridian-client": "test",
        cookie: owner.headers.getSetCookie()[0]?.split(";")[0] ?? "",
      },
      body: JSON.stringify({ username: "mia", password: PASSWORD, timeZone: "UTC" }),
    });
    expect(created.status).toBe(201);
    const miaDevice = deviceCookieOf(await signIn(h, "mia", PASSWORD, { address: "192.0.2.66" }));
    if (!miaDevice) throw new Error("no device cookie for mia");
    await attack(h);
    const [nonce, mac] = s.ownerDevice.split(".");
    const forgeries = [
      miaDevice,
      `${nonce}.${"A".repeat(mac?.length ?? 43)}`,
      `${"B".repeat(22)}.${mac}`,
      `${s.ownerDevice}.x`,
      "owner",
    ];
    for (const device of forgeries) {
      const res = await signIn(h, "owner", PASSWORD, { address: "192.0.2.66", device });
      expect(res.status, device).toBe(429);
    }
    // Mia's own cookie still works for mia.
    expect((await signIn(h, "mia", PASSWORD, { address: "192.0.2.66", device: miaDevice })).status).toBe(200);
  });
});

describe.each(backends)("device cookie secret (%s)", (kind) => {
  it("two servers starting together on one database keep one secret (a cookie from either verifies on both)", async () => {
    const { store, dispose } = await openTestStore(kind);
    try {
      const a = new DeviceCookies(store);
      const cookie = await a.issue("owner");
      // Server B read the settings before A's write landed (both start at once), so it saw no
      // secret and makes one too: its write must not replace the secret A already uses.
      let stale = true;
      const racing = new Proxy(store, {
        get(target, prop, receiver) {
          if (prop === "getSetting") {
            return async (key: string) => {
              if (stale) {
                stale = false;
                return undefined;
              }
              return target.getSetting(key);
            };
          }
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const b = new DeviceCookies(racing);
      expect((await b.secret()).equals(await a.secret())).toBe(true);
      expect(await b.verify(cookie, "owner")).not.toBeNull();
      // And a third server starting later reads the same.
      expect(await new DeviceCookies(store).verify(cookie, "owner")).not.toBeNull();
    } finally {
      await dispose();
    }
  });
});
