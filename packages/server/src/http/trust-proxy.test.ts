import { afterEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, PASSWORD } from "../test/harness";
import { HSTS } from "./security-headers";

/** Creates the owner through `headers` and returns the answer (it sets both cookies). */
function setup(h: Harness, headers: Record<string, string> = {}, url = "http://meridian.local/api/setup") {
  return h.app.request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ username: "owner", password: PASSWORD, timeZone: "UTC" }),
  });
}

const cookies = (res: Response) => res.headers.getSetCookie();

describe("MERIDIAN_TRUST_PROXY: Secure cookies and HSTS behind a TLS-terminating proxy", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.dispose();
    h = undefined;
  });

  it("marks every cookie Secure and sends HSTS, even when the proxy sends no X-Forwarded-Proto", async () => {
    h = await createHarness("sqlite", { trustProxy: true });
    const res = await setup(h);
    expect(res.status).toBe(201);
    expect(cookies(res).length).toBeGreaterThanOrEqual(2);
    for (const cookie of cookies(res)) expect(cookie).toMatch(/;\s*Secure/i);
    expect(res.headers.get("strict-transport-security")).toBe(HSTS);
    expect(HSTS).toMatch(/^max-age=31536000$/);
    const health = await h.app.request("http://meridian.local/api/health");
    expect(health.headers.get("strict-transport-security")).toBe(HSTS);
  });

  it("with X-Forwarded-Proto: https, the same", async () => {
    h = await createHarness("sqlite", { trustProxy: true });
    const res = await setup(h, { "x-forwarded-proto": "https" });
    for (const cookie of cookies(res)) expect(cookie).toMatch(/;\s*Secure/i);
    expect(res.headers.get("strict-transport-security")).toBe(HSTS);
  });

  it("a proxy that says the client came over plain http gets neither (the browser would drop them)", async () => {
    h = await createHarness("sqlite", { trustProxy: true });
    const res = await setup(h, { "x-forwarded-proto": "http" });
    for (const cookie of cookies(res)) expect(cookie).not.toMatch(/Secure/i);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("without the setting, plain http gets no Secure and no HSTS, and X-Forwarded-Proto is ignored", async () => {
    h = await createHarness("sqlite");
    const res = await setup(h, { "x-forwarded-proto": "https" });
    expect(res.status).toBe(201);
    for (const cookie of cookies(res)) expect(cookie).not.toMatch(/Secure/i);
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("direct https (no proxy) gets Secure cookies and HSTS", async () => {
    h = await createHarness("sqlite");
    const res = await setup(h, {}, "https://meridian.local/api/setup");
    for (const cookie of cookies(res)) expect(cookie).toMatch(/;\s*Secure/i);
    expect(res.headers.get("strict-transport-security")).toBe(HSTS);
  });
});
