import { mkdtempSync, rmSync } from "node:fs";
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
  });

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
});
