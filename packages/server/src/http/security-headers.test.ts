import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type MeridianApp } from "../app";
import { openTestStore, type TestStore } from "../store/testing";
import { CONTENT_SECURITY_POLICY } from "./security-headers";

describe("Content-Security-Policy", () => {
  let t: TestStore;
  let app: MeridianApp;
  let dist: string;

  beforeAll(async () => {
    t = await openTestStore("sqlite");
    dist = mkdtempSync(join(tmpdir(), "meridian-csp-"));
    writeFileSync(
      join(dist, "index.html"),
      '<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>',
    );
    app = createApp({ store: t.store, version: "x", webDistDir: dist });
  });
  afterAll(async () => {
    app.dispose();
    await t.dispose();
    rmSync(dist, { recursive: true, force: true });
  });

  it("has no 'unsafe-inline' (or any unsafe source) anywhere; WebAssembly may compile", () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(CONTENT_SECURITY_POLICY).toContain("style-src 'self';");
  });

  it("gives each page a fresh style nonce, in its policy and in <meta name=csp-nonce>", async () => {
    const nonces: string[] = [];
    for (const path of ["/", "/journal", "/entries/abc"]) {
      const res = await app.request(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      const nonce = /<head><meta name="csp-nonce" content="([A-Za-z0-9+/=]{24})">/.exec(html)?.[1];
      expect(nonce, html).toBeDefined();
      const policy = res.headers.get("content-security-policy") ?? "";
      expect(policy).toContain(`style-src 'self' 'nonce-${nonce}'`);
      expect(policy).not.toMatch(/'unsafe-/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-length")).toBeNull();
      nonces.push(nonce ?? "");
    }
    expect(new Set(nonces).size).toBe(3);
  });

  it("API answers get the policy without a nonce", async () => {
    const res = await app.request("/api/health");
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
  });
});
