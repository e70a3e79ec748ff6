/**
 * Sound engine benchmarks: × realtime on one core (48 kHz, 128-frame blocks like an AudioWorklet)
 * for each generator alone and for an 8-layer binaural scene, each beside the closest
 * node-web-audio-api graph (looped noise buffers → biquads → HRTF PannerNode, rendered by an
 * OfflineAudioContext) measured in the same run; the floor of any 8-layer binaural scene here
 * (bench/sound-floor.ts); and an 8-hour render to WAV in a child process (wall time, CPU time of
 * its two threads, peak RSS). Medians of several runs. × realtime is audio seconds per CPU second
 * (user + system of this process), so a busy shared machine does not skew the ratio.
 *   BENCH_SOUND_HOURS=1 shortens the long render (default 8).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEngine, GENERATORS, type Scene } from "@meridian/sound";
import { OfflineAudioContext } from "node-web-audio-api";
import { size } from "./sizes";
import { floorRealtime } from "./sound-floor";
import { type BenchRow, median } from "./table";

const FS = 48000;
const BLOCK = 128;

export const BENCH_SCENE: Scene = {
  version: 1,
  name: "Bench: eight layers",
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
    { id: "leaves", generator: "leaves", gainDb: -5, position: { azimuth: 20, elevation: 40, distance: 6 } },
    { id: "waves", generator: "waves", gainDb: -6, position: { azimuth: 0, elevation: 0, distance: 8 } },
    { id: "pink", generator: "pink-noise", gainDb: -18, motion: { kind: "orbit", period: 30 } },
    { id: "brown", generator: "brown-noise", gainDb: -16, motion: { kind: "drift", period: 20 } },
  ],
};

function timeEngine(scene: Scene, seconds: number): number {
  const engine = createEngine({ sampleRate: FS, seed: 1 });
  engine.setScene(scene);
  const l = new Float32Array(BLOCK);
  const r = new Float32Array(BLOCK);
  const frames = seconds * FS;
  const c0 = process.cpuUsage();
  for (let f = 0; f < frames; f += BLOCK) engine.process(l, r, BLOCK);
  return seconds / cpuSeconds(c0);
}

/** CPU seconds (user + system, all threads) since `c0`: "× realtime on one core" even on a busy machine. */
function cpuSeconds(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** × realtime of the closest Web Audio graph: `voices` × (noise → 2 biquads → HRTF panner). */
async function timeWebAudio(voices: number, seconds: number): Promise<number> {
  const ctx = new OfflineAudioContext({ numberOfChannels: 2, length: seconds * FS, sampleRate: FS });
  const noise = ctx.createBuffer(1, FS * 5, FS);
  const data = noise.getChannelData(0);
  let s = 1234567;
  for (let i = 0; i < data.length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    data[i] = s / 2147483648;
  }
  for (let v = 0; v < voices; v++) {
    const src = ctx.createBufferSource();
    src.buffer = noise;
    src.loop = true;
    const bp = ctx.createBiquadFilter();
    bp.type = "bandpass";
    bp.frequency.value = 400 + 300 * v;
    const lp = ctx.createBiquadFilter();
    lp.type = "lowpass";
    lp.frequency.value = 6000;
    const pan = ctx.createPanner();
    pan.panningModel = "HRTF";
    pan.positionX.value = Math.sin(v);
    pan.positionZ.value = -Math.cos(v);
    src.connect(bp).connect(lp).connect(pan).connect(ctx.destination);
    src.start(v * 0.01);
  }
  const c0 = process.cpuUsage();
  await ctx.startRendering();
  return seconds / cpuSeconds(c0);
}

function soloScene(id: string): Scene {
  return { version: 1, fadeIn: 0, layers: [{ id: "solo", generator: id }] };
}

async function longRender(hours: number): Promise<{ wall: number; cpu: number; rssMb: number } | undefined> {
  const dir = mkdtempSync(join(tmpdir(), "meridian-bench-"));
  try {
    const child = join(import.meta.dirname, "sound-render-child.ts");
    const out = join(dir, "sleep.wav");
    const res = spawnSync(
      process.execPath,
      ["--import", "tsx", child, "ocean-sleep", "--duration", `${hours}h`, "--out", out],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    const line = res.stdout.trim().split("\n").pop() ?? "";
    const parsed = JSON.parse(line) as { code: number; wall: number; cpu: number; maxRssKb: number };
    if (parsed.code !== 0) return undefined;
    return { wall: parsed.wall, cpu: parsed.cpu, rssMb: parsed.maxRssKb / 1024 };
  } catch {
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchSound(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const runs = size("BENCH_SOUND_RUNS", 3, 1);
  // Audio seconds per timed run: one generator alone, the 8-layer scene (a smoke run: 0.2 s).
  const solo = size("BENCH_SOUND_SOLO_SECONDS", 10, 0.2);
  const full = size("BENCH_SOUND_SCENE_SECONDS", 20, 0.2);
  // Warm up the JIT on every kernel first (the optimising compiler's own CPU time counts
  // against a run while it is still compiling, on this process's other thread).
  timeEngine(BENCH_SCENE, size("BENCH_SOUND_WARMUP_SECONDS", 15, 0.2));
  const oneVoiceBaseline = median(await Promise.all([0, 1, 2].map(() => timeWebAudio(1, solo))));
  for (const def of GENERATORS) {
    const scene = soloScene(def.id);
    const xs = Array.from({ length: runs }, () => timeEngine(scene, solo));
    rows.push({
      section: "sound",
      name: `${def.id} alone (binaural)`,
      value: median(xs),
      unit: "× realtime",
      baseline: oneVoiceBaseline,
      baselineName: "Web Audio noise→2 biquads→HRTF panner",
    });
  }
  const sceneXs = Array.from({ length: runs }, () => timeEngine(BENCH_SCENE, full));
  const webXs: number[] = [];
  for (let i = 0; i < runs; i++) webXs.push(await timeWebAudio(8, full));
  rows.push({
    section: "sound",
    name: "8-layer binaural scene",
    value: median(sceneXs),
    unit: "× realtime",
    baseline: median(webXs),
    baselineName: "Web Audio 8 × (noise→2 biquads→HRTF panner)",
    target: "≥ 300",
  });
  // The floor: the least work any 8-layer binaural scene does per sample (bench/sound-floor.ts).
  floorRealtime(8, Math.min(5, full));
  const floorXs = Array.from({ length: runs }, () => floorRealtime(8, full));
  rows.push({
    section: "sound",
    name: "floor: 8 × (noise→one-pole→2-ear delay+shadow), no character",
    value: median(floorXs),
    unit: "× realtime",
    baseline: median(webXs),
    baselineName: "Web Audio 8 × (noise→2 biquads→HRTF panner)",
  });
  // A smoke run renders 5 s (the rows are scaled to 8 h as for BENCH_SOUND_HOURS=1).
  const hours = size("BENCH_SOUND_HOURS", 8, 5 / 3600);
  const long = await longRender(hours);
  if (long) {
    const scale = 8 / hours;
    rows.push({
      section: "sound",
      name:
        hours === 8
          ? "8 h render to WAV (ocean-sleep), wall"
          : `8 h render to WAV, wall (from ${Number(hours.toFixed(4))} h × ${Math.round(scale)})`,
      value: long.wall * scale,
      unit: "s",
      target: "≤ 120",
    });
    rows.push({
      section: "sound",
      // Synthesis runs on a second thread (voice-feed.ts): CPU time is both threads' sum.
      name: "8 h render to WAV, CPU time (both threads)",
      value: long.cpu * scale,
      unit: "s",
    });
    rows.push({
      section: "sound",
      name: "8 h render to WAV, peak RSS",
      value: long.rssMb,
      unit: "MB",
      target: "< 150",
    });
  }
  return rows;
}
