/**
 * Does an import stall the server? `npx tsx scripts/import-stall.ts [--mb 46] [--bomb-mb 500]`.
 * Starts the real server (a child process, SQLite in a temporary folder, loopback, default
 * caps), signs in two accounts, then has one send a ~48 MB jrnl file (just under the 50 MB cap) whose last entry is broken
 * (so all of it is read and validated before it is refused: the most work a refused import
 * can cause) while the other sends a zip bomb (~0.5 MB unpacking to 500 MB). Meanwhile
 * /api/health is polled every ~10 ms. Prints the health latency p50/p99/max (and with no
 * import running, for comparison), each import's answer and time, and the server's peak RSS.
 * `--valid`: the jrnl file is valid, so its preview is planned and answered (nothing is written).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { bigJrnl, zipBomb } from "../packages/server/src/archive/hostile-files.test-helpers";

const ROOT = resolve(import.meta.dirname, "..");
const MB = 1024 * 1024;
const PASSWORD = "stall-check: amber lantern quiet harbour";

const { values } = parseArgs({
  options: {
    mb: { type: "string", default: "46" },
    "bomb-mb": { type: "string", default: "500" },
    valid: { type: "boolean", default: false },
  },
});
const jrnlMb = Number(values.mb);
const bombMb = Number(values["bomb-mb"]);

async function startServer(dataDir: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, ["--import", "tsx", "packages/server/src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", MERIDIAN_DATA_DIR: dataDir, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return await new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const collect = (b: Buffer) => {
      output += b.toString();
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolveStart({ proc, url: m[1] });
      }
    };
    proc.stdout?.on("data", collect);
    proc.stderr?.on("data", collect);
    proc.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}

/** RSS now and at its peak (VmRSS, VmHWM) of a process, in MB (Linux). */
function rss(pid: number): { now: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { now: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

class Account {
  cookie = "";
  constructor(readonly url: string) {}
  async send(method: string, path: string, body?: unknown, raw?: Uint8Array): Promise<Response> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        "x-meridian-client": "import-stall",
        "content-type": raw ? "application/octet-stream" : "application/json",
      },
      ...(raw ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get("set-cookie");
    if (set) this.cookie = set.split(";")[0] ?? "";
    return res;
  }
}

async function ok(res: Response, status: number): Promise<void> {
  if (res.status !== status) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** Polls /api/health every ~10 ms until `until` settles; the latencies in ms (sorted), and
 * when (ms after the start) each answer slower than 50 ms began. */
async function pollHealth(url: string, until: Promise<unknown>): Promise<number[] & { slow?: string }> {
  let done = false;
  void until.finally(() => {
    done = true;
  });
  const start = performance.now();
  const latencies: number[] = [];
  const slow: string[] = [];
  while (!done) {
    const t = performance.now();
    const res = await fetch(`${url}/api/health`);
    await res.arrayBuffer();
    const ms = performance.now() - t;
    latencies.push(ms);
    if (ms > 50) slow.push(`${ms.toFixed(0)} ms at +${((t - start) / 1000).toFixed(2)} s`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Object.assign(
    latencies.sort((a, b) => a - b),
    slow.length > 0 ? { slow: slow.join(", ") } : {},
  );
}

const describeLatency = (l: number[]) =>
  `n=${l.length} p50=${percentile(l, 50).toFixed(1)} ms p99=${percentile(l, 99).toFixed(1)} ms max=${(l.at(-1) ?? Number.NaN).toFixed(1)} ms`;

const dataDir = mkdtempSync(join(tmpdir(), "meridian-import-stall-"));
let server: { proc: ChildProcess; url: string } | null = null;
try {
  console.log(
    `building the files: a ~${jrnlMb} MB jrnl (${values.valid ? "valid" : "last entry broken"}) and a ${bombMb} MB zip bomb…`,
  );
  const jrnl = bigJrnl(jrnlMb, { badLast: !values.valid, repeat: 7 });
  const bomb = zipBomb(bombMb);
  console.log(`jrnl: ${(jrnl.length / MB).toFixed(1)} MB; bomb: ${(bomb.length / MB).toFixed(2)} MB`);

  server = await startServer(dataDir);
  const pid = server.proc.pid as number;
  const owner = new Account(server.url);
  await ok(
    await owner.send("POST", "/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" }),
    201,
  );
  await ok(
    await owner.send("POST", "/api/admin/users", { username: "ben", password: PASSWORD, timeZone: "UTC" }),
    201,
  );
  const member = new Account(server.url);
  await ok(await member.send("POST", "/api/auth/login", { username: "ben", password: PASSWORD }), 200);

  const idle = await pollHealth(server.url, new Promise((r) => setTimeout(r, 2000)));
  const before = rss(pid);
  console.log(`health, no import running: ${describeLatency(idle)}; server RSS ${before.now.toFixed(0)} MB`);

  const timed = async (name: string, account: Account, file: Uint8Array) => {
    const t = performance.now();
    const res = await account.send("POST", "/api/import/preview", undefined, file);
    const text = await res.text();
    return `${name}: ${res.status} in ${((performance.now() - t) / 1000).toFixed(2)} s — ${text.slice(0, 160)}`;
  };
  const both = Promise.all([timed("jrnl", owner, jrnl), timed("bomb", member, bomb)]);
  const during = await pollHealth(server.url, both);
  for (const line of await both) console.log(line);
  const after = rss(pid);
  console.log(`health while both were answered: ${describeLatency(during)}`);
  if (during.slow) console.log(`answers slower than 50 ms: ${during.slow}`);
  console.log(
    `server RSS: ${before.now.toFixed(0)} MB before, peak ${after.peak.toFixed(0)} MB (+${(after.peak - before.now).toFixed(0)} MB), ${after.now.toFixed(0)} MB after`,
  );
  const p99 = percentile(during, 99);
  console.log(p99 <= 100 ? "target met: p99 ≤ 100 ms" : `target missed: p99 ${p99.toFixed(1)} ms > 100 ms`);
} finally {
  server?.proc.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
