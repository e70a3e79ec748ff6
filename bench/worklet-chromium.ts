/**
 * The studio's AudioWorklet in Chromium: renders a 10-layer scene through the same worklet
 * (packages/web/src/audio/worklet.ts, bundled here with Vite exactly as the app bundles it) in an
 * OfflineAudioContext and reports wall time ÷ audio time. Self-contained: builds the worklet,
 * serves it with a throwaway node:http server on 127.0.0.1 and drives Debian's Chromium with
 * Playwright (CHROMIUM_PATH overrides /usr/bin/chromium). Baseline: the same worklet with an
 * empty scene (what the AudioWorklet plumbing costs without the engine's work).
 *   BENCH_WORKLET_SECONDS=60 sets the audio length (default 120).
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import type { Scene } from "@meridian/sound";
import { chromium } from "@playwright/test";
import { build } from "vite";
import { size } from "./sizes";
import type { BenchRow } from "./table";

const ROOT = resolve(import.meta.dirname, "..");
const FS = 48000;

export const WORKLET_SCENE: Scene = {
  version: 1,
  name: "Bench: ten layers",
  fadeIn: 0,
  layers: [
    { id: "rain", generator: "rain", position: { azimuth: -60, elevation: 10, distance: 2.5 } },
    { id: "wind", generator: "wind", gainDb: -6, position: { azimuth: 40, elevation: 10, distance: 4 } },
    { id: "fire", generator: "fire", position: { azimuth: 45, elevation: -10, distance: 1.8 } },
    {
      id: "stream",
      generator: "stream",
      gainDb: -4,
      position: { azimuth: -100, elevation: -10, distance: 3 },
    },
    { id: "waves", generator: "waves", gainDb: -6, position: { azimuth: 0, elevation: 0, distance: 8 } },
    { id: "pink", generator: "pink-noise", gainDb: -18, motion: { kind: "orbit", period: 30 } },
    { id: "tapping", generator: "tapping", gainDb: -6, motion: { kind: "sweep", period: 12 } },
    {
      id: "whisper",
      generator: "whispering",
      gainDb: -4,
      position: { azimuth: 70, elevation: 0, distance: 0.3 },
    },
    {
      id: "pen",
      generator: "pen-on-paper",
      gainDb: -6,
      position: { azimuth: 20, elevation: -40, distance: 0.5 },
    },
    { id: "brushing", generator: "hair-brushing", gainDb: -6, motion: { kind: "drift", period: 20 } },
  ],
};

async function bundleWorklet(): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: "silent",
    root: ROOT,
    build: {
      write: false,
      minify: true,
      lib: {
        entry: resolve(ROOT, "packages/web/src/audio/worklet.ts"),
        formats: ["iife"],
        name: "meridianWorklet",
      },
    },
  });
  const outputs = Array.isArray(out) ? out : [out];
  for (const o of outputs) {
    if (!("output" in o)) continue;
    for (const chunk of o.output) if (chunk.type === "chunk") return chunk.code;
  }
  throw new Error("vite produced no worklet chunk");
}

interface RenderResult {
  wallMs: number;
  /** CPU time (user + system) of the whole Chromium process tree during the render. */
  cpuMs: number;
  peak: number;
}

/** CPU ms (user + system) of `root` and all its descendants, from /proc (Linux; 0 elsewhere). */
function treeCpuMs(root: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  let dirs: string[];
  try {
    dirs = readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return 0;
  }
  for (const d of dirs) {
    try {
      const text = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop() as number;
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) todo.push(child);
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

export async function benchWorkletChromium(): Promise<BenchRow[]> {
  const seconds = size("BENCH_WORKLET_SECONDS", 120, 1);
  const runs = size("BENCH_WORKLET_RUNS", 3, 1);
  const code = await bundleWorklet();
  const server = createServer((req, res) => {
    if (req.url === "/worklet.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      res.end(code);
    } else {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><title>worklet bench</title>");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    // Chromium runs as children of this process: the tree's CPU minus this process's own.
    const chromiumCpuMs = () => {
      const own = process.cpuUsage();
      return treeCpuMs(process.pid) - (own.user + own.system) / 1000;
    };
    const render = async (scene: Scene, secs: number): Promise<RenderResult> => {
      const c0 = chromiumCpuMs();
      const r = await page.evaluate(
        async ({ scene, secs, fs }) => {
          const ctx = new OfflineAudioContext({
            numberOfChannels: 2,
            length: Math.round(secs * fs),
            sampleRate: fs,
          });
          await ctx.audioWorklet.addModule("/worklet.js");
          const node = new AudioWorkletNode(ctx, "meridian-engine", {
            numberOfInputs: 0,
            outputChannelCount: [2],
            processorOptions: { seed: 1, scene, statsIntervalMs: 60_000 },
          });
          node.connect(ctx.destination);
          const t0 = performance.now();
          const buf = await ctx.startRendering();
          const wallMs = performance.now() - t0;
          let peak = 0;
          for (const v of buf.getChannelData(0)) peak = Math.max(peak, Math.abs(v));
          return { wallMs, peak };
        },
        { scene, secs, fs: FS },
      );
      return { ...r, cpuMs: chromiumCpuMs() - c0 };
    };
    await render(WORKLET_SCENE, Math.min(5, seconds)); // warm-up (JIT)
    const full: RenderResult[] = [];
    const empty: RenderResult[] = [];
    for (let i = 0; i < runs; i++) {
      full.push(await render(WORKLET_SCENE, seconds));
      empty.push(await render({ version: 1, fadeIn: 0, layers: [] }, seconds));
    }
    if (!full.every((r) => r.peak > 1e-3)) throw new Error("the 10-layer render was silent");
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? Number.NaN;
    const pct = (rs: RenderResult[], key: "wallMs" | "cpuMs" = "wallMs") =>
      (med(rs.map((r) => r[key])) / (seconds * 1000)) * 100;
    const rows: BenchRow[] = [
      {
        section: "worklet",
        name: `10-layer scene through the worklet, OfflineAudioContext ${FS / 1000} kHz (wall ÷ audio)`,
        value: Number(pct(full).toFixed(2)),
        unit: "% realtime",
        baseline: Number(pct(empty).toFixed(3)),
        baselineName: "same worklet, empty scene",
        target: "< 5",
      },
    ];
    // On a busy machine wall time includes waiting for a core; CPU time does not.
    if (pct(full, "cpuMs") > 0) {
      rows.push({
        section: "worklet",
        name: "10-layer scene through the worklet: Chromium CPU time ÷ audio time",
        value: Number(pct(full, "cpuMs").toFixed(2)),
        unit: "% realtime",
        baseline: Number(pct(empty, "cpuMs").toFixed(3)),
        baselineName: "same worklet, empty scene",
        target: "< 5",
      });
    }
    return rows;
  } finally {
    await browser.close();
    server.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const rows = await benchWorkletChromium();
  for (const r of rows) process.stdout.write(`${r.name}: ${r.value} ${r.unit} (baseline ${r.baseline})\n`);
}
