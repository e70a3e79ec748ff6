import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "./app";
import { CONTENT_SECURITY_POLICY } from "./http/security-headers";
import { openTestStore } from "./store/testing";
import { body, type Client, createHarness, FAST_HASHING, type Harness, ownerClient } from "./test/harness";

let h: Harness;
let owner: Client;

beforeAll(async () => {
  h = await createHarness();
  owner = await ownerClient(h);
});
afterAll(() => h.dispose());

describe("cross-cutting HTTP behaviour", () => {
  it("answers GET /api/health", async () => {
    const res = await h.client().get("/api/health");
    expect(res.status).toBe(200);
    expect(await body(res)).toEqual({ status: "ok", storage: "sqlite", version: "9.9.9-test" });
  });

  it("sets security headers on every response, errors included", async () => {
    for (const res of [
      await h.client().get("/api/health"),
      await h.client().get("/api/me"),
      await h.client().get("/api/does-not-exist"),
    ]) {
      expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(res.headers.get("permissions-policy")).toContain("camera=()");
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*'unsafe-/);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it("answers unknown API routes with a 404 JSON error", async () => {
    for (const [method, path] of [
      ["GET", "/api/nope"],
      ["POST", "/api/entries/x/y"],
      ["DELETE", "/api"],
    ] as const) {
      const res = await owner.send(method, path);
      expect(res.status).toBe(404);
      expect((await body(res)).error.code).toBe("not_found");
    }
  });

  it("rejects malformed JSON with 400 malformed_json", async () => {
    const res = await owner.post("/api/entries", undefined, { raw: '{"body": "unterminated' });
    expect(res.status).toBe(400);
    expect(await body(res)).toEqual({
      error: { code: "malformed_json", message: "Request body is not valid JSON" },
    });
  });

  it("rejects non-JSON bodies without reaching 500", async () => {
    const res = await owner.post("/api/entries", undefined, {
      raw: "body=x",
      headers: { "content-type": "text/plain" },
    });
    expect(res.status).toBe(415);
    expect((await body(res)).error.code).toBe("unsupported_media_type");
    const empty = await owner.post("/api/entries");
    expect(empty.status).toBe(400);
    expect((await body(empty)).error).toMatchObject({ code: "validation_failed", field: "body" });
  });

  it("limits bodies: 256 KiB for entries, 16 KiB elsewhere", async () => {
    const big = await owner.post("/api/entries", { body: "a".repeat(260 * 1024) });
    expect(big.status).toBe(413);
    expect((await body(big)).error.code).toBe("payload_too_large");
    const fits = await owner.post("/api/entries", { body: "a".repeat(150 * 1024) });
    expect(fits.status).toBe(201);
    const prompt = await owner.post("/api/prompts", { category: "sleep", text: "b".repeat(17 * 1024) });
    expect(prompt.status).toBe(413);
    const sized = await owner.post("/api/prompts", undefined, {
      raw: JSON.stringify({ category: "sleep", text: "x".repeat(20_000) }),
      headers: { "content-length": "20100" },
    });
    expect(sized.status).toBe(413);
  });

  it("requires X-Meridian-Client on cookie-carrying change requests", async () => {
    for (const [method, path] of [
      ["POST", "/api/entries"],
      ["PATCH", "/api/me"],
      ["PUT", "/api/entries/abc"],
      ["DELETE", "/api/entries/abc"],
      ["POST", "/api/auth/logout"],
    ] as const) {
      const res = await owner.send(method, path, { body: "x", baseRevision: 1 }, { noClientHeader: true });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await body(res)).error.code).toBe("csrf_header_missing");
    }
    // GET needs no header, and the session is still valid
    expect((await owner.get("/api/me")).status).toBe(200);
  });

  it("documents every route in /api/openapi.json", async () => {
    const res = await h.client().get("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await body(res);
    expect(doc.openapi).toBe("3.1.0");
    const expected: Record<string, string[]> = {
      "/api/health": ["get"],
      "/api/setup": ["get", "post"],
      "/api/auth/signup": ["post"],
      "/api/auth/login": ["post"],
      "/api/auth/logout": ["post"],
      "/api/auth/logout-all": ["post"],
      "/api/auth/recover": ["post"],
      "/api/me": ["get", "patch"],
      "/api/me/password": ["post"],
      "/api/me/recovery-key": ["post"],
      "/api/admin/settings": ["get", "patch"],
      "/api/admin/users": ["get", "post"],
      "/api/entries": ["get", "post"],
      "/api/entries/{id}": ["get", "put", "delete"],
      "/api/experiments": ["get", "post"],
      "/api/experiments/power": ["get"],
      "/api/experiments/today": ["get"],
      "/api/experiments/{id}": ["get", "patch"],
      "/api/experiments/{id}/stop": ["post"],
      "/api/experiments/{id}/unblind": ["post"],
      "/api/experiments/{id}/evenings": ["post"],
      "/api/experiments/{id}/evenings/{index}/session": ["post"],
      "/api/experiments/{id}/report": ["get"],
      "/api/entries/days": ["get"],
      "/api/entries/on-this-day": ["get"],
      "/api/tags": ["get"],
      "/api/search": ["get"],
      "/api/prompts": ["get", "post"],
      "/api/prompts/random": ["get"],
      "/api/prompts/{id}": ["delete"],
      "/api/insights": ["get"],
      "/api/insights/weekly": ["get"],
      "/api/sessions": ["get", "post"],
      "/api/sessions/current": ["get"],
      "/api/sessions/{id}": ["get", "patch", "delete"],
      "/api/sleep-diaries": ["get"],
      "/api/sleep-diaries/{nightOf}": ["get", "put", "delete"],
      "/api/checkups": ["get", "post"],
      "/api/checkups/instruments": ["get"],
      "/api/checkups/due": ["get"],
      "/api/checkups/{id}": ["delete"],
      "/api/crisis-resources": ["get"],
      "/api/scenes": ["get"],
      "/api/presets": ["get", "post"],
      "/api/presets/{id}": ["get", "patch", "delete"],
      "/api/presets/{id}/duplicate": ["post"],
      "/api/media": ["get", "post"],
      "/api/media/links": ["post"],
      "/api/media/usage": ["get"],
      "/api/media/videos": ["post"],
      "/api/media/{id}": ["get", "patch", "delete"],
      "/api/media/{id}/file": ["get"],
      "/api/renders": ["get", "post"],
      "/api/renders/{id}": ["get", "delete"],
      "/api/renders/{id}/file": ["get"],
      "/api/export": ["get"],
      "/api/export/entries/{id}": ["get"],
      "/api/import": ["post"],
      "/api/import/preview": ["post"],
      "/api/me/delete": ["post"],
    };
    expect(Object.keys(doc.paths).sort()).toEqual(Object.keys(expected).sort());
    for (const [path, methods] of Object.entries(expected)) {
      expect(Object.keys(doc.paths[path]).sort(), path).toEqual([...methods].sort());
    }
    expect(doc.paths["/api/entries/{id}"].put.responses["409"]).toBeDefined();
    expect(doc.components.securitySchemes.session).toMatchObject({ in: "cookie", name: "meridian_session" });
  });

  it("answers thrown errors with 500 JSON and no stack", async () => {
    const t = await openTestStore("sqlite");
    const store = new Proxy(t.store, {
      get(target, prop, receiver) {
        if (prop === "countTags") return () => Promise.reject(new Error("disk on fire at /secret/path"));
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const app = createApp({ store, version: "x", webDistDir: null, passwordHashing: FAST_HASHING });
    const setup = await app.request("/api/setup", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "boss", password: "long enough password" }),
    });
    const cookie = setup.headers.get("set-cookie")?.split(";")[0] ?? "";
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await app.request("/api/tags", { headers: { cookie } });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: "internal_error", message: "Something went wrong on the server" },
    });
    expect(text).not.toContain("secret");
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    app.dispose();
    await t.dispose();
  });
});

describe("static web app", () => {
  let dist: string;
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), "meridian-dist-"));
  });
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it("tells the operator to build when the dist dir is missing", async () => {
    const app = createApp({ store: h.store, version: "x", webDistDir: join(dist, "missing") });
    const res = await app.request("/");
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("npm run build");
    // An HTML page: the policy carries the style nonce the page's <meta name="csp-nonce"> holds.
    const nonce = /<meta name="csp-nonce" content="([^"]+)">/.exec(page)?.[1];
    expect(res.headers.get("content-security-policy")).toContain(`style-src 'self' 'nonce-${nonce}'`);
    app.dispose();
  });

  it("serves files, caches assets, falls back to index.html, stays inside the dir", async () => {
    mkdirSync(join(dist, "assets"), { recursive: true });
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(join(dist, "assets", "main-abc123.js"), "console.log(1)");
    writeFileSync(join(dist, "favicon.svg"), "<svg/>");
    writeFileSync(join(tmpdir(), "outside-secret.txt"), "secret");
    const app = createApp({ store: h.store, version: "x", webDistDir: dist });

    const index = await app.request("/");
    expect(await index.text()).toContain("<title>app</title>");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(index.headers.get("content-type")).toContain("text/html");

    const asset = await app.request("/assets/main-abc123.js");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect(asset.headers.get("content-type")).toContain("javascript");

    const spa = await app.request("/journal/2024/entry");
    expect(spa.status).toBe(200);
    expect(await spa.text()).toContain("<title>app</title>");
    expect(spa.headers.get("cache-control")).toBe("no-cache");

    expect((await app.request("/assets/missing.js")).status).toBe(404);
    expect((await app.request("/favicon.svg")).headers.get("content-type")).toContain("svg");
    for (const path of [
      "/../outside-secret.txt",
      "/%2e%2e/outside-secret.txt",
      "/assets/..%2f..%2foutside-secret.txt",
    ]) {
      const res = await app.request(path);
      expect(await res.text()).not.toBe("secret");
    }
    // the API never falls back to the SPA
    expect((await app.request("/api/unknown")).status).toBe(404);
    app.dispose();
  });
});
