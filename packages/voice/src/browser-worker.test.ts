/**
 * The browser entry in a real Worker in Chromium: Vite builds a worker that imports
 * @meridian/voice/browser, a local server serves the build (with the CSP the app needs for
 * WebAssembly), and the Worker's speech must equal Node's sample for sample, with every request
 * going to the page's own origin.
 */

import { mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium } from "@playwright/test";
import { build, type Rollup } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpeechEngine } from "./node";
import { hashSamples } from "./testing/hash";

const TEXT = "The lamps glow amber. Somewhere far away, a night train hums along the valley.";
const TYPES: Record<string, string> = {
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".html": "text/html",
};

/** The DOM's Worker, typed here because this package compiles without the DOM lib. */
type WorkerConstructor = new (
  url: string,
  options: { type: "module" },
) => {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message: string }) => void) | null;
  postMessage(message: unknown): void;
};

let dir: string;
let server: Server;
let origin: string;
let browser: Browser;
let workerPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "meridian-voice-worker-"));
  const result = await build({
    configFile: false,
    logLevel: "silent",
    root: fileURLToPath(new URL("..", import.meta.url)),
    build: {
      outDir: dir,
      emptyOutDir: true,
      assetsInlineLimit: 0,
      rollupOptions: {
        input: fileURLToPath(new URL("./testing/speak-worker.ts", import.meta.url)),
        preserveEntrySignatures: false,
      },
    },
  });
  const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
  const entry = output.output.find((o): o is Rollup.OutputChunk => o.type === "chunk" && o.isEntry);
  if (!entry) throw new Error("no worker entry built");
  workerPath = `/${entry.fileName}`;
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0] ?? "/"));
    const headers = {
      "content-security-policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'",
      "content-type": TYPES[extname(path)] ?? "text/html",
    };
    if (path === "/") {
      res.writeHead(200, headers);
      res.end("<!doctype html><title>voice worker</title>");
      return;
    }
    try {
      const body = await readFile(join(dir, path));
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, headers);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("browser entry in a Chromium Worker", () => {
  it("speaks the same samples as Node, fetching only from its own origin", { timeout: 120_000 }, async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${origin}/`);
    const result = await page.evaluate(
      ({ path, text }) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const { Worker } = globalThis as unknown as { Worker: WorkerConstructor };
          const worker = new Worker(path, { type: "module" });
          worker.onmessage = (e) => resolve(e.data as Record<string, unknown>);
          worker.onerror = (e) => resolve({ ok: false, message: e.message });
          worker.postMessage({ text, options: { rateWpm: 120 } });
        }),
      { path: workerPath, text: TEXT },
    );
    expect(result.ok, String(result.message)).toBe(true);
    if (process.env.VOICE_TIMINGS) console.log("worker load ms", result.loadMs, "speak ms", result.speakMs);

    const node = await (await loadSpeechEngine()).speak(TEXT, { rateWpm: 120 });
    expect(result.sampleRate).toBe(node.sampleRate);
    expect(result.length).toBe(node.samples.length);
    expect(result.sentences).toEqual(node.sentences);
    expect(result.hash).toBe(hashSamples(node.samples));

    expect(requests.some((u) => u.endsWith(".wasm"))).toBe(true);
    for (const u of requests) expect(new URL(u).origin).toBe(origin);
    await page.close();
  });
});
