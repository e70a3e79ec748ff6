import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

/**
 * Crash safety, proved on the real server: run it as a child process, keep several writers
 * saving entries (creates and revision-checked updates) at once, SIGKILL it at a random moment,
 * check the database's integrity, restart it, sign in again (keys live only in memory) and check
 * that every save the server acknowledged (200/201 received) is there — then again, `kills` times.
 */

const ROOT = resolve(import.meta.dirname, "../../../..");
const PASSWORD = "crash safety password";

export interface CrashSafetyOptions {
  kills: number;
  /** Concurrent writers (default 6). */
  writers?: number;
  /** A random time between these (ms) passes under load before each kill (default 150–1200). */
  minLoadMs?: number;
  maxLoadMs?: number;
  /** postgres:// URL: run against PostgreSQL (a fresh schema, dropped afterwards) instead of SQLite. */
  postgresUrl?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface CrashSafetyReport {
  backend: "sqlite" | "postgres";
  kills: number;
  /** Creates and updates the server answered 200/201 to. */
  acknowledged: number;
  /** Requests cut off by a kill (their outcome unknown to the client; either is fine). */
  interrupted: number;
  /** Acknowledged saves not found (or found older) after a restart: must be 0. */
  missing: number;
  /** Integrity checks run after kills (SQLite PRAGMA integrity_check; PostgreSQL amcheck-free: row reads). */
  integrityChecks: number;
  integrityFailures: number;
  entries: number;
  seconds: number;
  problems: string[];
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

interface Tracked {
  /** The body the server last acknowledged, with its revision. */
  body: string;
  revision: number;
  /** Bodies sent after it whose answers never came (a kill): the store may hold one of them. */
  unacknowledged: string[];
}

class ServerProcess {
  proc: ChildProcess | null = null;
  output = "";
  constructor(
    readonly port: number,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const proc = spawn(process.execPath, ["--import", "tsx", "packages/server/src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...this.env,
        PORT: String(this.port),
        HOST: "127.0.0.1",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    const collect = (b: Buffer) => {
      this.output = (this.output + b.toString()).slice(-10_000);
    };
    proc.stdout?.on("data", collect);
    proc.stderr?.on("data", collect);
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start:\n${this.output}`);
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((res) => proc.once("exit", () => res()));
    proc.kill(signal);
    await exited;
    this.proc = null;
  }
}

class ApiClient {
  cookie = "";
  constructor(readonly base: string) {}

  async send(method: string, path: string, body?: unknown): Promise<Response> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        "x-meridian-client": "crash-safety",
        ...(this.cookie ? { cookie: this.cookie } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get("set-cookie");
    if (set?.startsWith("meridian_session=")) this.cookie = set.split(";")[0] ?? "";
    return res;
  }
}

function sqliteIntegrity(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  try {
    return (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
  } finally {
    db.close();
  }
}

/** PostgreSQL has no integrity_check; read every row of every table (a broken page would fail). */
async function postgresReadable(url: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1",
      [schema],
    );
    for (const { table_name } of rows) await client.query(`select * from "${schema}"."${table_name}"`);
    return "ok";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end();
  }
}

export async function runCrashSafety(options: CrashSafetyOptions): Promise<CrashSafetyReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const writers = options.writers ?? 6;
  const minLoad = options.minLoadMs ?? 150;
  const maxLoad = options.maxLoadMs ?? 1200;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-crash-"));
  const schema = `meridian_crash_${randomBytes(5).toString("hex")}`;
  const backend = options.postgresUrl ? "postgres" : "sqlite";
  let databaseUrl = "";
  if (options.postgresUrl) {
    const admin = new pg.Client({ connectionString: options.postgresUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    databaseUrl = `${options.postgresUrl}${options.postgresUrl.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  const server = new ServerProcess(await freePort(), {
    MERIDIAN_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
  });
  const tracked = new Map<string, Tracked>();
  const report: CrashSafetyReport = {
    backend,
    kills: 0,
    acknowledged: 0,
    interrupted: 0,
    missing: 0,
    integrityChecks: 0,
    integrityFailures: 0,
    entries: 0,
    seconds: 0,
    problems: [],
  };
  let serial = 0;

  const verify = async (client: ApiClient, round: number) => {
    const ids = [...tracked.keys()];
    let next = 0;
    const check = async () => {
      while (next < ids.length) {
        const id = ids[next++] as string;
        const want = tracked.get(id) as Tracked;
        const res = await client.send("GET", `/api/entries/${id}`);
        if (res.status !== 200) {
          report.missing += 1;
          report.problems.push(`round ${round}: entry ${id} answered ${res.status}`);
          continue;
        }
        const got = (await res.json()) as { body: string; revision: number };
        if (got.body === want.body && got.revision === want.revision) {
          want.unacknowledged = [];
          continue;
        }
        const later = want.unacknowledged.indexOf(got.body);
        if (later >= 0 && got.revision > want.revision) {
          // An update cut off by the kill had committed: that is the newest state now.
          want.body = got.body;
          want.revision = got.revision;
          want.unacknowledged = [];
          continue;
        }
        report.missing += 1;
        report.problems.push(
          `round ${round}: entry ${id} holds revision ${got.revision} "${got.body}", acknowledged ${want.revision} "${want.body}"`,
        );
      }
    };
    await Promise.all(Array.from({ length: 8 }, check));
  };

  const writer = async (client: ApiClient, stop: { now: boolean }) => {
    while (!stop.now) {
      serial += 1;
      const text = `save ${serial} ${randomBytes(6).toString("hex")}`;
      const ids = [...tracked.keys()];
      const updateId =
        ids.length > 0 && Math.random() < 0.5 ? ids[Math.floor(Math.random() * ids.length)] : undefined;
      const entry = updateId ? tracked.get(updateId) : undefined;
      try {
        if (updateId && entry) {
          entry.unacknowledged.push(text);
          const res = await client.send("PUT", `/api/entries/${updateId}`, {
            body: text,
            baseRevision: entry.revision,
          });
          if (res.status === 200) {
            const saved = (await res.json()) as { revision: number };
            if (saved.revision > entry.revision) {
              entry.body = text;
              entry.revision = saved.revision;
              entry.unacknowledged = entry.unacknowledged.filter((b) => b !== text);
            }
            report.acknowledged += 1;
          } else {
            entry.unacknowledged = entry.unacknowledged.filter((b) => b !== text);
            await res.arrayBuffer();
            if (res.status !== 409) report.problems.push(`update answered ${res.status}`);
          }
        } else {
          const res = await client.send("POST", "/api/entries", { title: `Crash ${serial}`, body: text });
          if (res.status === 201) {
            const saved = (await res.json()) as { id: string; revision: number };
            tracked.set(saved.id, { body: text, revision: saved.revision, unacknowledged: [] });
            report.acknowledged += 1;
          } else {
            await res.arrayBuffer();
            report.problems.push(`create answered ${res.status}`);
          }
        }
      } catch {
        // The connection died with the server: this save was never acknowledged.
        report.interrupted += 1;
        return;
      }
    }
  };

  try {
    await server.start();
    const setup = new ApiClient(server.url);
    const made = await setup.send("POST", "/api/setup", {
      username: "crash",
      password: PASSWORD,
      timeZone: "UTC",
    });
    if (made.status !== 201) throw new Error(`setup answered ${made.status}: ${await made.text()}`);
    await made.arrayBuffer().catch(() => {});
    let client = setup;

    for (let round = 1; round <= options.kills; round++) {
      const stop = { now: false };
      const running = Array.from({ length: writers }, () => writer(client, stop));
      await new Promise((r) => setTimeout(r, minLoad + Math.random() * (maxLoad - minLoad)));
      await server.kill("SIGKILL");
      stop.now = true;
      await Promise.all(running);
      report.kills += 1;

      const integrity = options.postgresUrl
        ? await postgresReadable(options.postgresUrl, schema)
        : sqliteIntegrity(join(dataDir, "meridian.db"));
      report.integrityChecks += 1;
      if (integrity !== "ok") {
        report.integrityFailures += 1;
        report.problems.push(`round ${round}: integrity check said ${integrity}`);
      }

      await server.start();
      client = new ApiClient(server.url);
      const login = await client.send("POST", "/api/auth/login", { username: "crash", password: PASSWORD });
      if (login.status !== 200)
        throw new Error(`sign-in after restart answered ${login.status}: ${await login.text()}`);
      await login.arrayBuffer();
      await verify(client, round);
      log(
        `kill ${round}/${options.kills}: ${tracked.size} entries, ${report.acknowledged} acknowledged saves, ${report.missing} missing, integrity ${integrity}`,
      );
    }
    await server.kill("SIGTERM");
    report.entries = tracked.size;
  } finally {
    await server.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
    if (options.postgresUrl) {
      const admin = new pg.Client({ connectionString: options.postgresUrl });
      await admin.connect();
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    }
  }
  report.seconds = (performance.now() - started) / 1000;
  return report;
}
