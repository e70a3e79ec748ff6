/**
 * Allocation probe for `Engine.process` (run by bench/sound-alloc.test.ts, or by hand):
 *   node --no-concurrent-recompilation --expose-gc --max-semi-space-size=1 --import tsx \
 *     bench/sound-alloc-probe.ts [seconds] [ids]
 * Builds an engine with every generator at once, or the comma-separated generator ids given (all
 * motion kinds, near, far and elevated sources, queued one-shots and parameter glides), plus two
 * PCM layers (a looping clip pushed at 22.05 kHz, and a stream fed before each stretch that
 * plays out and runs dry), warms the
 * JIT up, then renders `seconds` (default 60) of audio in 128-frame blocks, in three equal
 * windows, and prints JSON {gcs, youngDelta, seconds, windows}: per window the garbage collections
 * during it and the bytes allocated in the young generation over it (emptied first), and at the
 * top level the best window's figures. Zero allocation in `process` means no collections and a
 * few kB at most; a 1 MB young generation makes even a few bytes per control tick show.
 * PROBE_SITES=1 also prints the allocating functions (sampling heap profiler) to stderr.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import type { Engine } from "../packages/sound/src/engine/engine";
import { createEngine } from "../packages/sound/src/engine/engine";
import { TRIGGER_GENERATORS, type TriggerKind } from "../packages/sound/src/engine/triggers";
import type { GeneratorDef } from "../packages/sound/src/generator";
import { GENERATORS } from "../packages/sound/src/generators/index";
import type { MotionKind, Scene } from "../packages/sound/src/scene";

const FS = 48000;
const BLOCK = 128;
const MOTIONS: readonly MotionKind[] = ["static", "orbit", "drift", "sweep", "approach"];

const ids = process.argv[3]?.split(",");
const DEFS: readonly GeneratorDef[] = ids ? GENERATORS.filter((d) => ids.includes(d.id)) : GENERATORS;
const KINDS = (Object.keys(TRIGGER_GENERATORS) as TriggerKind[]).filter((k) =>
  DEFS.some((d) => d.id === TRIGGER_GENERATORS[k]),
);

function probeScene(): Scene {
  return {
    version: 1,
    fadeIn: 0.5,
    layers: DEFS.map((def, i) => ({
      id: `layer-${def.id}`,
      generator: def.id,
      gainDb: -6,
      position: { azimuth: i * 23 - 170, elevation: ((i % 3) - 1) * 20, distance: 0.2 + (i % 5) * 0.7 },
      motion: { kind: MOTIONS[i % MOTIONS.length] as MotionKind, period: 5 + (i % 4) * 3 },
    })),
    pcmLayers: [
      { id: "pcm-loop", loop: true, gainDb: -6, position: { azimuth: 70, elevation: 0, distance: 0.3 } },
      { id: "pcm-stream", channels: 2, bufferSeconds: 70, gainDb: -6, motion: { kind: "orbit", period: 7 } },
    ],
  };
}

/** A voice-like test signal: a 140 Hz buzz with a slow swell, at `rate`. */
function pcmClip(seconds: number, rate: number, channels: 1 | 2): Float32Array {
  const n = Math.round(seconds * rate);
  const x = new Float32Array(n * channels);
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const v = 0.2 * Math.sin(2 * Math.PI * 140 * t) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.7 * t));
    for (let c = 0; c < channels; c++) x[i * channels + c] = v;
  }
  return x;
}

/**
 * Queue one-shots and new parameter targets for the next `seconds` (outside `process`, which may
 * allocate). Three settings in turn, so the measured section replays transitions the warm-up saw.
 */
function stir(engine: Engine, seconds: number, round: number): void {
  const setting = round % 3;
  for (const kind of KINDS) {
    // one every 2 s, so each measured window hears several of every kind
    const count = Math.max(8, Math.round(seconds / 2));
    for (let k = 0; k < count; k++) {
      engine.trigger(kind, { delay: ((k + 0.5) * seconds) / count, strength: 0.5 });
    }
  }
  for (const def of DEFS) {
    for (const p of def.params) {
      const t = (setting * 0.37 + p.name.length * 0.11) % 1;
      engine.setLayerParam(`layer-${def.id}`, p.name, p.min + (p.max - p.min) * t);
    }
    engine.setLayerParam(`layer-${def.id}`, "gainDb", -6 - setting);
  }
  // Most of the stretch as a stream (then an underrun), resampled from 16 kHz stereo.
  engine.pushPcm("pcm-stream", pcmClip(seconds * 0.8, 16000, 2), 2, 16000);
}

function render(engine: Engine, seconds: number, l: Float32Array, r: Float32Array): void {
  for (let f = 0; f < seconds * FS; f += BLOCK) engine.process(l, r, BLOCK);
}

/** Bytes in use in the young generation (where V8 allocates): grows by every allocation until a GC. */
function youngBytes(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === "new_space" || space.space_name === "new_large_object_space") {
      used += space.space_used_size;
    }
  }
  return used;
}

/**
 * PROBE_SITES=1: run `fn` under V8's sampling heap profiler (collected objects included) and print
 * the functions that allocated, with their callers, to stderr (to find what allocates).
 */
async function sampleSites(fn: () => void): Promise<void> {
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("HeapProfiler.startSampling", {
    samplingInterval: 64,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  fn();
  const { profile } = await session.post("HeapProfiler.stopSampling");
  const sites = new Map<string, number>();
  const walk = (node: typeof profile.head, stack: string): void => {
    const f = node.callFrame;
    const here = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.columnNumber + 1}`;
    const path = stack ? `${stack.split(" > ").slice(-2).join(" > ")} > ${here}` : here;
    if (node.selfSize > 0) sites.set(path, (sites.get(path) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, path);
  };
  walk(profile.head, "");
  for (const [site, bytes] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    process.stderr.write(`${String(bytes).padStart(10)} B  ${site}\n`);
  }
  session.disconnect();
}

const seconds = Number(process.argv[2] ?? 60);
const WINDOWS = 3;
const engine = createEngine({ sampleRate: FS, seed: 7 });
engine.setScene(probeScene());
engine.pushPcm("pcm-loop", pcmClip(2, 22050, 1), 1, 22050, { endOfStream: true });
const l = new Float32Array(BLOCK);
const r = new Float32Array(BLOCK);
// Warm-up: every code path runs many times so the JIT has optimised it before measuring.
for (let round = 0; round < 18; round++) {
  stir(engine, 10, round);
  render(engine, 10, l, r);
}
stir(engine, seconds, 18);
// Collections are counted by their start time, so only those during a measured window count
// (not the ones the waiting around it may cause).
const gcStarts: number[] = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcStarts.push(entry.startTime);
});
observer.observe({ entryTypes: ["gc"] });
await new Promise((resolve) => setTimeout(resolve, 50));
// Three windows: V8 may still finish a late re-optimisation early in the first one (code that
// ran unoptimised until then boxes numbers); an allocation in `process` shows in every window.
const windows: { gcs: number; youngDelta: number; t0: number; t1: number }[] = [];
const collect = (globalThis as { gc?: () => void }).gc;
for (let w = 0; w < WINDOWS; w++) {
  // Start each window with an empty young generation (node --expose-gc), so only what the window
  // allocates can fill it.
  collect?.();
  const young0 = youngBytes();
  const t0 = performance.now();
  if (process.env.PROBE_SITES) await sampleSites(() => render(engine, seconds / WINDOWS, l, r));
  else render(engine, seconds / WINDOWS, l, r);
  const t1 = performance.now();
  windows.push({ gcs: 0, youngDelta: youngBytes() - young0, t0, t1 });
}
await new Promise((resolve) => setTimeout(resolve, 50));
observer.disconnect();
for (const w of windows) w.gcs = gcStarts.filter((t) => t >= w.t0 && t <= w.t1).length;
const best = windows.reduce((a, b) =>
  b.gcs < a.gcs || (b.gcs === a.gcs && b.youngDelta < a.youngDelta) ? b : a,
);
const gcs = best.gcs;
const youngDelta = best.youngDelta;
process.stdout.write(
  `${JSON.stringify({ gcs, youngDelta, seconds, windows: windows.map((w) => ({ gcs: w.gcs, youngDelta: w.youngDelta })) })}\n`,
);
