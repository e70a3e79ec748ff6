import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { serve as serveNode } from "@hono/node-server";
import { createApp } from "./app";
import { type ImportLimits, importLimitsFromEnv } from "./archive/import-limits";
import { mediaLimitFromEnv, mediaQuotaFromEnv, sweepUnfinishedUploads } from "./media/paths";
import { openStore } from "./store/open-store";
import type { Store } from "./store/store";
import { TestClock } from "./time";

export interface ServeOptions {
  /** Default 4711; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1 (local only). */
  host?: string;
  /** SQLite lives in `${dataDir}/meridian.db`; default ./data, created if missing. */
  dataDir?: string;
  /** postgres://… selects PostgreSQL instead of SQLite. */
  databaseUrl?: string | undefined;
  /** PostgreSQL only: most pooled connections (default 20). */
  postgresPoolSize?: number;
  /** Built web app; default packages/web/dist. */
  webDistDir?: string | null;
  trustProxy?: boolean;
  /** Largest studio media upload in bytes (MERIDIAN_MEDIA_LIMIT_MB; default 200 MB). */
  mediaLimitBytes?: number;
  /** Each user's uploads and kept renders together, in bytes (MERIDIAN_MEDIA_QUOTA_MB). */
  mediaQuotaBytes?: number;
  /** Caps of an import (MERIDIAN_IMPORT_LIMIT_MB, _INFLATED_MB, _MAX_FILES, _MAX_RECORDS) and
   * imports in flight at once (MERIDIAN_IMPORT_CONCURRENCY). */
  importLimits?: Partial<ImportLimits>;
  /** End-to-end tests only (MERIDIAN_TEST_CLOCK=1): a clock POST /api/test/clock can move on. */
  testClock?: boolean;
  /** Where the startup line goes (default console.log). */
  log?: (line: string) => void;
  /** Where startup warnings go (default console.warn). */
  warn?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  /** Stops accepting connections, then closes the database. */
  close(): Promise<void>;
}

export function serverVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return pkg.version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`PORT must be 0–65535, got "${value}"`);
  return port;
}

function parsePoolSize(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 1000)
    throw new Error(`MERIDIAN_PG_POOL must be 1–1000, got "${value}"`);
  return size;
}

/** Reads PORT, HOST, MERIDIAN_DATA_DIR, DATABASE_URL, MERIDIAN_PG_POOL, MERIDIAN_TRUST_PROXY,
 * MERIDIAN_MEDIA_LIMIT_MB, the MERIDIAN_IMPORT_* caps and MERIDIAN_TEST_CLOCK (=1: tests only). */
export function serveOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ServeOptions {
  if (env.MERIDIAN_TEST_CLOCK === "1") refuseTestClockInProduction(env);
  const port = parsePort(env.PORT);
  const poolSize = parsePoolSize(env.MERIDIAN_PG_POOL);
  const importLimits = importLimitsFromEnv(env);
  return {
    ...(port !== undefined ? { port } : {}),
    ...(env.HOST ? { host: env.HOST } : {}),
    ...(env.MERIDIAN_DATA_DIR ? { dataDir: env.MERIDIAN_DATA_DIR } : {}),
    ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
    ...(poolSize !== undefined ? { postgresPoolSize: poolSize } : {}),
    trustProxy: env.MERIDIAN_TRUST_PROXY === "1" || env.MERIDIAN_TRUST_PROXY === "true",
    ...(env.MERIDIAN_MEDIA_LIMIT_MB
      ? { mediaLimitBytes: mediaLimitFromEnv(env.MERIDIAN_MEDIA_LIMIT_MB) }
      : {}),
    ...(env.MERIDIAN_MEDIA_QUOTA_MB
      ? { mediaQuotaBytes: mediaQuotaFromEnv(env.MERIDIAN_MEDIA_QUOTA_MB) }
      : {}),
    ...(Object.keys(importLimits).length > 0 ? { importLimits } : {}),
    ...(env.MERIDIAN_TEST_CLOCK === "1" ? { testClock: true } : {}),
  };
}

/** The test clock lets anyone move the server's time without signing in: never on a real server. */
function refuseTestClockInProduction(env: NodeJS.ProcessEnv): void {
  if (env.NODE_ENV === "production")
    throw new Error(
      "MERIDIAN_TEST_CLOCK=1 is for end-to-end tests only and is refused with NODE_ENV=production: unset it",
    );
}

/** Opens the store (running migrations), builds the app and listens. */
export async function serve(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  if (options.testClock) refuseTestClockInProduction(process.env);
  const store = await openStore({
    dataDir: resolve(options.dataDir ?? "./data"),
    databaseUrl: options.databaseUrl,
    postgresPoolSize: options.postgresPoolSize,
  });
  // Uploads cut off by a crash leave a temp file; none can be in flight before we listen.
  await sweepUnfinishedUploads({ dataDir: resolve(options.dataDir ?? "./data"), mediaLimitBytes: 0 }).catch(
    (e: unknown) => console.error("Upload sweep:", e),
  );

  const app = createApp({
    store,
    version: serverVersion(),
    ...(options.webDistDir !== undefined ? { webDistDir: options.webDistDir } : {}),
    trustProxy: options.trustProxy ?? false,
    dataDir: resolve(options.dataDir ?? "./data"),
    ...(options.mediaLimitBytes !== undefined ? { mediaLimitBytes: options.mediaLimitBytes } : {}),
    ...(options.mediaQuotaBytes !== undefined ? { mediaQuotaBytes: options.mediaQuotaBytes } : {}),
    ...(options.importLimits !== undefined ? { importLimits: options.importLimits } : {}),
    ...(options.testClock ? { testClock: new TestClock() } : {}),
  });

  let server: Server;
  const port = await new Promise<number>((resolveListening, reject) => {
    server = serveNode({ fetch: app.fetch, port: options.port ?? 4711, hostname: host }, (info) =>
      resolveListening(info.port),
    ) as Server;
    server.once("error", reject);
  }).catch(async (error: unknown) => {
    await app.dispose();
    await store.close();
    throw error;
  });

  const sweep = setInterval(
    () => {
      store
        .deleteExpiredSessions(new Date().toISOString())
        .catch((e: unknown) => console.error("Session sweep:", e));
    },
    60 * 60 * 1000,
  );
  sweep.unref();

  const shownHost = host.includes(":") ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  (options.log ?? console.log)(`Meridian is listening on ${url}`);
  if (options.testClock)
    (options.warn ?? console.warn)(
      "WARNING: test clock on (MERIDIAN_TEST_CLOCK=1): anyone can move this server's time with " +
        "POST /api/test/clock, without signing in. For end-to-end tests only: never run a real server like this.",
    );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearInterval(sweep);
      await new Promise<void>((done) => {
        const force = setTimeout(() => server.closeAllConnections(), 5000);
        force.unref();
        server.close(() => {
          clearTimeout(force);
          done();
        });
        server.closeIdleConnections();
      });
      await app.dispose();
      await store.close();
    })();
    return closing;
  };
  return { url, port, store, close };
}
