import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serve, serveOptionsFromEnv } from "./serve";

describe("serve", () => {
  it("reads its configuration from the environment", () => {
    expect(
      serveOptionsFromEnv({
        PORT: "8080",
        HOST: "0.0.0.0",
        MERIDIAN_DATA_DIR: "/srv/m",
        DATABASE_URL: "postgres://x/y",
      }),
    ).toEqual({
      port: 8080,
      host: "0.0.0.0",
      dataDir: "/srv/m",
      databaseUrl: "postgres://x/y",
      trustProxy: false,
    });
    expect(serveOptionsFromEnv({})).toEqual({ trustProxy: false });
    expect(() => serveOptionsFromEnv({ PORT: "http" })).toThrow(/PORT/);
    expect(serveOptionsFromEnv({ MERIDIAN_TRUST_PROXY: "1" }).trustProxy).toBe(true);
    expect(serveOptionsFromEnv({ MERIDIAN_PG_POOL: "32" }).postgresPoolSize).toBe(32);
    expect(serveOptionsFromEnv({ MERIDIAN_PG_POOL: "" })).toEqual({ trustProxy: false });
    for (const bad of ["0", "-1", "2.5", "many"]) {
      expect(() => serveOptionsFromEnv({ MERIDIAN_PG_POOL: bad })).toThrow(/MERIDIAN_PG_POOL/);
    }
  });

  it("refuses the test clock with NODE_ENV=production and warns loudly without it", async () => {
    expect(() => serveOptionsFromEnv({ MERIDIAN_TEST_CLOCK: "1", NODE_ENV: "production" })).toThrow(
      /MERIDIAN_TEST_CLOCK=1 .*refused with NODE_ENV=production/,
    );
    expect(serveOptionsFromEnv({ MERIDIAN_TEST_CLOCK: "1", NODE_ENV: "test" }).testClock).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), "meridian-serve-"));
    const warnings: string[] = [];
    const server = await serve({
      port: 0,
      dataDir: join(dir, "data"),
      webDistDir: null,
      testClock: true,
      log: () => {},
      warn: (l) => warnings.push(l),
    });
    try {
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^WARNING: test clock on .*without signing in/);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("main.ts exits non-zero with a clear message for the test clock in production", () => {
    const dir = mkdtempSync(join(tmpdir(), "meridian-serve-"));
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: join(import.meta.dirname, ".."),
        env: {
          ...process.env,
          PORT: "0",
          MERIDIAN_DATA_DIR: join(dir, "data"),
          DATABASE_URL: "",
          NODE_ENV: "production",
          MERIDIAN_TEST_CLOCK: "1",
        },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(
        /Meridian could not start: MERIDIAN_TEST_CLOCK=1 is for end-to-end tests only/,
      );
      expect(run.stdout).not.toMatch(/listening/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it("opens the SQLite store in the data dir, listens, answers and closes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meridian-serve-"));
    const lines: string[] = [];
    const server = await serve({
      port: 0,
      dataDir: join(dir, "data"),
      webDistDir: null,
      log: (l) => lines.push(l),
    });
    try {
      expect(lines).toEqual([`Meridian is listening on http://127.0.0.1:${server.port}`]);
      const res = await fetch(`${server.url}/api/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", storage: "sqlite" });
      expect(res.headers.get("x-frame-options")).toBe("DENY");
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it("limits request bodies over a real socket, by Content-Length or by counting chunks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meridian-serve-"));
    const server = await serve({ port: 0, dataDir: join(dir, "data"), webDistDir: null, log: () => {} });
    const post = (path: string, payload: string, chunked: boolean) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          `${server.url}${path}`,
          {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...(chunked
                ? { "transfer-encoding": "chunked" }
                : { "content-length": Buffer.byteLength(payload) }),
            },
          },
          (res) => {
            let text = "";
            res.setEncoding("utf8");
            res.on("data", (chunk: string) => {
              text += chunk;
            });
            res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on("error", reject);
        if (chunked) {
          for (let i = 0; i < payload.length; i += 4096) req.write(payload.slice(i, i + 4096));
          req.end();
        } else {
          req.end(payload);
        }
      });
    try {
      const big = JSON.stringify({ username: "x".repeat(17 * 1024), password: "p", timeZone: "UTC" });
      for (const chunked of [false, true]) {
        const res = await post("/api/setup", big, chunked);
        expect(res.status, `chunked: ${chunked}`).toBe(413);
        expect(JSON.parse(res.text).error.code).toBe("payload_too_large");
      }
      const small = JSON.stringify({ username: "owner", password: "correct horse battery", timeZone: "UTC" });
      for (const chunked of [true, false]) {
        const res = await post("/api/setup", small, chunked);
        // Small enough: it reaches the route (the second setup finds the owner already there).
        expect(res.status, `chunked: ${chunked}`).toBe(chunked ? 201 : 409);
      }
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
