/**
 * Speech engine benchmarks (@meridian/voice, Flite "slt" in WebAssembly): synthesis × realtime
 * on one core for the plain voice and each style (speech + styleSpeech), and time to the first
 * sentence, cold (read + compile the wasm, then speak) and warm, and until the first streamed
 * sentence of the passage. Times are CPU time of this process (all threads: the wasm compiles
 * on V8's background threads), which a busy shared machine does not inflate the way it does wall
 * time; on an idle machine wall time is at most this. × realtime is audio seconds per
 * CPU second of this process, medians of several runs.
 *   BENCH_VOICE_REPEATS=n sets how many times the passage is read (default 6, smoke 1).
 */
import { readFile } from "node:fs/promises";
import { styleSpeech, VOICE_STYLES } from "@meridian/sound";
import { createFliteEngine, type Speech, type SpeechEngine } from "@meridian/voice";
import { fliteWasmPath, loadSpeechEngine } from "@meridian/voice/node";
import { size } from "./sizes";
import { type BenchRow, median } from "./table";

const PASSAGE =
  "The last train of the evening leaves the city slowly. " +
  "Rain runs along the window in thin, crooked lines, and the carriage lamps glow a soft yellow. " +
  "There is nowhere you need to be until morning. " +
  "Somewhere ahead, the rails hum, and the hum settles into a low, even rhythm. " +
  "A conductor passes, nods, and goes on without a word. " +
  "Your shoulders loosen. Your hands rest in your lap, warm and heavy. " +
  "Outside, the dark fields go by, one after another, and the train carries you on.";

function cpuSeconds(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

async function timed<T>(f: () => Promise<T>): Promise<{ value: T; cpu: number; wall: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  return { value, cpu: cpuSeconds(c0), wall: (performance.now() - t0) / 1000 };
}

export async function benchVoice(): Promise<BenchRow[]> {
  const repeats = Math.max(1, Math.round(size("BENCH_VOICE_REPEATS", 6, 1)));
  const runs = repeats > 1 ? 3 : 1;
  const text = Array.from({ length: repeats }, () => PASSAGE).join(" ");
  const rows: BenchRow[] = [];

  const cold = await timed(async () => {
    const module = await (
      globalThis as unknown as { WebAssembly: { compile(b: Uint8Array): Promise<object> } }
    ).WebAssembly.compile(await readFile(fliteWasmPath()));
    return createFliteEngine(module).speak("The last train of the evening leaves the city slowly.");
  });
  rows.push({
    section: "voice",
    name: "time to first sentence, cold (read + compile wasm, speak), CPU",
    value: cold.cpu * 1000,
    unit: "ms",
    target: "< 700",
  });

  const engine: SpeechEngine = await loadSpeechEngine();
  await engine.speak("Warm up.");
  const firsts: number[] = [];
  for (let i = 0; i < 5; i++) {
    firsts.push((await timed(() => engine.speak("The rain runs along the window."))).cpu * 1000);
  }
  rows.push({
    section: "voice",
    name: "time to first sentence, engine loaded, CPU",
    value: median(firsts),
    unit: "ms",
    target: "< 150",
  });

  const firstChunk: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    for await (const _chunk of engine.stream(text, { rateWpm: 120 })) break;
    firstChunk.push(cpuSeconds(c0) * 1000);
  }
  rows.push({
    section: "voice",
    name: "time to first audio of the passage (stream, first sentence), CPU",
    value: median(firstChunk),
    unit: "ms",
    target: "< 150",
  });

  const plain: number[] = [];
  let speech: Speech | undefined;
  for (let r = 0; r < runs; r++) {
    const t = await timed(() => engine.speak(text, { rateWpm: 130 }));
    speech = t.value;
    plain.push(t.value.samples.length / t.value.sampleRate / t.cpu);
  }
  rows.push({
    section: "voice",
    name: `synthesis, plain voice at 130 wpm (${Math.round((speech?.samples.length ?? 0) / 16000)} s of speech)`,
    value: median(plain),
    unit: "× realtime",
    target: "≥ 20",
  });

  for (const style of VOICE_STYLES) {
    const xs: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t = await timed(async () => {
        let seconds = 0;
        let i = 0;
        for await (const chunk of engine.stream(text, { rateWpm: 120 })) {
          seconds += chunk.samples.length / chunk.sampleRate;
          styleSpeech(chunk.samples, chunk.sampleRate, style, { seed: i++ });
        }
        return { seconds };
      });
      xs.push(t.value.seconds / t.cpu);
    }
    rows.push({
      section: "voice",
      name: `synthesis, ${style} style at 120 wpm (stream + styleSpeech per sentence)`,
      value: median(xs),
      unit: "× realtime",
      target: "≥ 20",
    });
  }
  return rows;
}
