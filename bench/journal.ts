/**
 * Journal benchmark: saving entries over loopback HTTP against a real server process (SQLite,
 * and PostgreSQL when TEST_DATABASE_URL reaches one), beside raw driver inserts with the same
 * durability settings measured in the same run. Per backend: 64 workers each PUT their own
 * entry against its latest revision, first for BENCH_JOURNAL_WARMUP_MS (uncounted), then for
 * BENCH_JOURNAL_MS (saves/s); then an open-loop phase starting 500 saves/s on schedule, whose
 * latencies count from each save's due time (p50/p99).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { DEFAULT_POSTGRES_POOL_SIZE } from "@meridian/server";
import Database from "better-sqlite3";
import pg from "pg";
import { BENCH_PASSWORD } from "./account";
import { SyntheticJournal } from "./corpus";
import { isSmoke, size } from "./sizes";
import { type BenchRow, median, percentile } from "./table";

const SECTION = "journal";

/** The run's sizes, set when the section starts (bench/sizes.ts: tiny under BENCH_SMOKE=1). */
const sizes = {
  concurrency: 64,
  runMs: 4000,
  /** Saves at full load before measuring, uncounted: a server runs warm (JIT-compiled, caches
   * filled), and a fresh process spends its first thousands of requests getting there. */
  warmupMs: 1000,
  fixedRate: 500,
};

/** The server's PostgreSQL pool (MERIDIAN_PG_POOL, passed on to it); the raw baseline uses as many. */
const PG_POOL = Number(process.env.MERIDIAN_PG_POOL || DEFAULT_POSTGRES_POOL_SIZE);

interface Client {
  url: URL;
  cookie: string;
  /** Keep-alive connections, one per worker. */
  agent: Agent;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP/1.1 request over the client's keep-alive agent. node:http rather than fetch: undici
 * costs several times more CPU per request, and the load generator shares the machine's cores
 * with the server it measures.
 */
function send(client: Client, method: string, path: string, body?: unknown): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: client.url.hostname,
        port: client.url.port,
        method,
        path,
        agent: client.agent,
        headers: {
          "content-type": "application/json",
          "x-meridian-client": "bench",
          ...(client.cookie ? { cookie: client.cookie } : {}),
          ...(payload === undefined ? {} : { "content-length": Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "journal-server.ts")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    const parsed = JSON.parse(line) as { url: string };
    return { child, url: parsed.url };
  }
  throw new Error("bench server exited before listening");
}

async function ownerClient(url: string): Promise<Client> {
  const client: Client = {
    url: new URL(url),
    cookie: "",
    agent: new Agent({ keepAlive: true, maxSockets: sizes.concurrency }),
  };
  const res = await send(client, "POST", "/api/setup", {
    username: "bench",
    password: BENCH_PASSWORD,
    timeZone: "UTC",
  });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${res.text}`);
  client.cookie = (res.headers["set-cookie"]?.[0] ?? "").split(";")[0] ?? "";
  return client;
}

/** One entry per worker, each saved again and again against its own latest revision. */
async function prepareEntries(client: Client, count: number): Promise<{ id: string; revision: number }[]> {
  const corpus = new SyntheticJournal(7);
  const out: { id: string; revision: number }[] = [];
  for (let i = 0; i < count; i++) {
    const res = await send(client, "POST", "/api/entries", corpus.entry(120));
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
    const entry = JSON.parse(res.text) as { id: string; revision: number };
    out.push({ id: entry.id, revision: entry.revision });
  }
  return out;
}

async function saveOnce(client: Client, slot: { id: string; revision: number }, body: string): Promise<void> {
  const res = await send(client, "PUT", `/api/entries/${slot.id}`, { body, baseRevision: slot.revision });
  if (res.status !== 200) throw new Error(`save failed: ${res.status} ${res.text}`);
  slot.revision = (JSON.parse(res.text) as { revision: number }).revision;
}

async function maxThroughput(
  client: Client,
  slots: { id: string; revision: number }[],
  runMs = sizes.runMs,
): Promise<number> {
  let done = 0;
  const end = performance.now() + runMs;
  const start = performance.now();
  await Promise.all(
    slots.map(async (slot, i) => {
      while (performance.now() < end) {
        await saveOnce(client, slot, `worker ${i} save ${done} — the rain kept on against the window.`);
        done++;
      }
    }),
  );
  return done / ((performance.now() - start) / 1000);
}

/**
 * Where an open-loop call's latency counts from: its due time, or when it really started if
 * the timer let it start early (waits under 1 ms are not slept), so early starts never shorten it.
 */
function startedAt(due: number): number {
  return Math.min(due, performance.now());
}

/** Open-loop load: a save is started every 1/rate s whatever the previous ones are doing. */
async function fixedRate(client: Client, slots: { id: string; revision: number }[]): Promise<number[]> {
  const latencies: number[] = [];
  const total = Math.round((sizes.fixedRate * sizes.runMs) / 1000);
  const interval = 1000 / sizes.fixedRate;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  const busy = new Set<number>();
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    // Each entry has at most one save in flight; if all are busy, wait (the wait counts as latency).
    let s = i % slots.length;
    for (let tries = 0; busy.has(s); tries++) {
      s = (s + 1) % slots.length;
      if (tries >= slots.length) {
        await new Promise((r) => setTimeout(r, 1));
        tries = 0;
      }
    }
    busy.add(s);
    const slot = slots[s] as { id: string; revision: number };
    const from = startedAt(due);
    pending.push(
      saveOnce(client, slot, `fixed-rate save ${i}`).then(() => {
        latencies.push(performance.now() - from);
        busy.delete(s);
      }),
    );
  }
  await Promise.all(pending);
  return latencies;
}

/** Raw driver figures for one backend: closed-loop rate, and latencies in the open-loop phase. */
interface RawBaseline {
  rate: number;
  latencies: number[];
}

/** The open-loop phase for raw driver calls: one started every 1/rate s, timed from its due time. */
async function rawFixedRate(run: (i: number) => Promise<unknown> | undefined): Promise<number[]> {
  const latencies: number[] = [];
  const total = Math.round((sizes.fixedRate * sizes.runMs) / 1000);
  const interval = 1000 / sizes.fixedRate;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const from = startedAt(due);
    pending.push(
      Promise.resolve(run(i)).then(() => {
        latencies.push(performance.now() - from);
      }),
    );
  }
  await Promise.all(pending);
  return latencies;
}

async function rawSqlite(dir: string): Promise<RawBaseline> {
  const db = new Database(join(dir, "raw.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("create table t (id text primary key, user_id text, body text, revision integer, updated_at text)");
  const insert = db.prepare("insert into t values (?, ?, ?, 1, ?)");
  let n = 0;
  const start = performance.now();
  const end = start + sizes.runMs;
  while (performance.now() < end) {
    insert.run(
      `id-${n}`,
      "u",
      `raw insert ${n} — the rain kept on against the window.`,
      new Date().toISOString(),
    );
    n++;
  }
  const rate = n / ((performance.now() - start) / 1000);
  const latencies = await rawFixedRate((i) => {
    insert.run(`fixed-${i}`, "u", `raw fixed-rate insert ${i}`, new Date().toISOString());
    return undefined;
  });
  db.close();
  return { rate, latencies };
}

async function rawPostgres(url: string): Promise<RawBaseline> {
  const pool = new pg.Pool({ connectionString: url, max: PG_POOL });
  await pool.query("drop table if exists bench_raw");
  await pool.query(
    "create table bench_raw (id text primary key, user_id text, body text, revision int, updated_at text)",
  );
  let n = 0;
  const start = performance.now();
  const end = start + sizes.runMs;
  await Promise.all(
    Array.from({ length: sizes.concurrency }, async () => {
      while (performance.now() < end) {
        const i = n++;
        await pool.query("insert into bench_raw values ($1, $2, $3, 1, $4)", [
          `id-${i}`,
          "u",
          `raw insert ${i} — the rain kept on against the window.`,
          new Date().toISOString(),
        ]);
      }
    }),
  );
  const rate = n / ((performance.now() - start) / 1000);
  const latencies = await rawFixedRate((i) =>
    pool.query("insert into bench_raw values ($1, $2, $3, 1, $4)", [
      `fixed-${i}`,
      "u",
      `raw fixed-rate insert ${i}`,
      new Date().toISOString(),
    ]),
  );
  await pool.query("drop table bench_raw");
  await pool.end();
  return { rate, latencies };
}

async function saveRows(
  kind: "sqlite" | "postgres",
  env: NodeJS.ProcessEnv,
  raw: RawBaseline,
): Promise<BenchRow[]> {
  const { child, url } = await startServer(env);
  let client: Client | undefined;
  try {
    client = await ownerClient(url);
    const slots = await prepareEntries(client, sizes.concurrency);
    if (sizes.warmupMs > 0) await maxThroughput(client, slots, sizes.warmupMs);
    const throughput = await maxThroughput(client, slots);
    const latencies = await fixedRate(client, slots);
    return [
      {
        section: SECTION,
        name: `save entry, ${kind}, ${sizes.concurrency} concurrent`,
        value: throughput,
        unit: "saves/s",
        baseline: raw.rate,
        baselineName: kind === "postgres" ? `raw inserts/s, pool ${PG_POOL}` : "raw inserts/s",
        ...(kind === "sqlite" ? { target: "≥ 2000" } : {}),
      },
      {
        section: SECTION,
        name: `save p50 at ${sizes.fixedRate}/s, ${kind}`,
        value: median(latencies),
        unit: "ms",
        baseline: median(raw.latencies),
        baselineName: "raw insert p50",
      },
      {
        section: SECTION,
        name: `save p99 at ${sizes.fixedRate}/s, ${kind}`,
        value: percentile(latencies, 99),
        unit: "ms",
        baseline: percentile(raw.latencies, 99),
        baselineName: "raw insert p99",
        target: "≤ 10",
      },
    ];
  } finally {
    client?.agent.destroy();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }
  }
}

/** A smoke run gets a database of its own: `npm test` may run beside someone's full bench. */
function postgresBenchName(): string {
  return isSmoke() ? `meridian_bench_smoke_${process.pid}` : "meridian_bench";
}

async function adminQuery(sql: string): Promise<boolean> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) return false;
  const client = new pg.Client({ connectionString: admin });
  try {
    await client.connect();
  } catch {
    return false;
  }
  try {
    await client.query(sql);
    return true;
  } finally {
    await client.end();
  }
}

async function postgresBenchDatabase(): Promise<string | undefined> {
  const name = postgresBenchName();
  if (!(await adminQuery(`drop database if exists ${name} with (force)`))) return undefined;
  await adminQuery(`create database ${name}`);
  const url = new URL(process.env.TEST_DATABASE_URL as string);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function benchJournalSaves(): Promise<BenchRow[]> {
  sizes.concurrency = size("BENCH_JOURNAL_CONCURRENCY", 64, 4);
  sizes.runMs = size("BENCH_JOURNAL_MS", 4000, 250);
  sizes.warmupMs = size("BENCH_JOURNAL_WARMUP_MS", 1000, 0);
  sizes.fixedRate = size("BENCH_JOURNAL_RATE", 500, 100);
  const dir = mkdtempSync(join(tmpdir(), "meridian-bench-"));
  const rows: BenchRow[] = [];
  let pgUrl: string | undefined;
  try {
    rows.push(
      ...(await saveRows("sqlite", { MERIDIAN_DATA_DIR: dir, DATABASE_URL: "" }, await rawSqlite(dir))),
    );
    pgUrl = await postgresBenchDatabase();
    if (pgUrl) {
      const baseline = await rawPostgres(pgUrl);
      rows.push(
        ...(await saveRows(
          "postgres",
          { MERIDIAN_DATA_DIR: dir, DATABASE_URL: pgUrl, MERIDIAN_PG_POOL: String(PG_POOL) },
          baseline,
        )),
      );
    } else {
      console.warn("journal bench: TEST_DATABASE_URL unset or unreachable; PostgreSQL rows skipped");
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pgUrl) await adminQuery(`drop database if exists ${postgresBenchName()} with (force)`);
  }
  return rows;
}
