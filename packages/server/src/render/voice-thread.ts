/**
 * The voice thread of an offline render (bundled with esbuild and started by voice-feed.ts): it
 * builds the same engine as the render from the same scene and seed, takes its layers' voices
 * (parameters applied exactly as the render's engine applies them) and renders them ahead, chunk
 * after chunk, into the shared rings, while the render thread places, mixes, limits and writes.
 * It waits when it is SLOTS chunks ahead and stops on request.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createEngine, type Scene } from "@meridian/sound";
import { CHUNK, CONSUMED, FAILED, PRODUCED, SLOTS, STOP, type VoiceThreadData } from "./voice-layout";

const data = workerData as VoiceThreadData;
const control = new Int32Array(data.control);
try {
  const engine = createEngine({ sampleRate: data.sampleRate, seed: data.seed });
  engine.setScene(data.scene as Scene);
  const voices = engine.layerVoices();
  const ring = SLOTS * CHUNK;
  const spare = new Float32Array(ring);
  const jobs = data.rings.map((r) => {
    const v = voices.find((x) => x.id === r.id);
    if (!v || v.channels !== r.channels)
      throw new Error(`layer "${r.id}" does not match the render's engine`);
    const a = new Float32Array(data.audio, r.offset * 4, ring);
    const b = r.channels === 2 ? new Float32Array(data.audio, (r.offset + ring) * 4, ring) : spare;
    return { voice: v.voice, a, b };
  });
  for (;;) {
    if (Atomics.load(control, STOP) !== 0) break;
    const produced = Atomics.load(control, PRODUCED);
    const consumed = Atomics.load(control, CONSUMED);
    if (produced - consumed >= SLOTS) {
      Atomics.wait(control, CONSUMED, consumed, 1000);
      continue;
    }
    const at = (produced % SLOTS) * CHUNK;
    for (let j = 0; j < jobs.length; j++) {
      const job = jobs[j] as (typeof jobs)[number];
      job.voice.process(job.a, job.b, at, CHUNK);
    }
    Atomics.store(control, PRODUCED, produced + 1);
    Atomics.notify(control, PRODUCED);
  }
} catch (error) {
  parentPort?.postMessage(error instanceof Error ? error.message : String(error));
  Atomics.store(control, FAILED, 1);
  Atomics.notify(control, PRODUCED);
}
