/**
 * Runs an offline render's generator voices on a second thread (voice-thread.ts), so a render
 * uses two cores: that thread synthesises, this one places, mixes, limits and writes. The
 * render's engine gets voices (`EngineOptions.voices`) that copy the thread's samples from
 * shared rings; the render awaits `ready` before each `engine.process` call (at most
 * (SLOTS − 1) × CHUNK frames per call). Voices are block-size invariant, so the file
 * is bit-identical to a render on one thread.
 *
 * The thread runs a bundle of its entry and @meridian/sound built with esbuild when the feed
 * starts (~0.1 s): plain JavaScript needs no TypeScript loader in the thread, which would cost
 * ~25 MB more memory. When the bundle or the thread cannot be made, `start` returns null and
 * the render runs its voices itself.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { GeneratorVoice, Scene, VoiceFactory } from "@meridian/sound";
import { generatorById } from "@meridian/sound";
import {
  CHUNK,
  CONSUMED,
  CONTROL_LENGTH,
  FAILED,
  PRODUCED,
  SLOTS,
  STOP,
  type VoiceRing,
  type VoiceThreadData,
} from "./voice-layout";

/** How long the render waits for the thread without any progress before giving up. */
const STALL_MS = 60_000;

let bundle: string | null | undefined;

/** The thread's code: its entry and everything it imports, as one CommonJS script (cached). */
async function threadBundle(): Promise<string | null> {
  if (bundle === undefined) {
    try {
      const { build } = await import("esbuild");
      const out = await build({
        entryPoints: [fileURLToPath(new URL("./voice-thread.ts", import.meta.url))],
        bundle: true,
        format: "cjs",
        platform: "node",
        target: "node20",
        write: false,
        logLevel: "silent",
      });
      bundle = out.outputFiles[0]?.text ?? null;
    } catch {
      bundle = null;
    }
  }
  return bundle;
}

export class VoiceFeed {
  /** Voices for the render's engine: each copies its layer's samples from the thread. */
  readonly voices: VoiceFactory;
  private readonly control: Int32Array;
  private readonly fed: FedVoice[] = [];
  private failure: string | null = null;
  private exited = false;

  private constructor(
    private readonly worker: Worker,
    rings: readonly VoiceRing[],
    audio: SharedArrayBuffer,
    control: SharedArrayBuffer,
  ) {
    this.control = new Int32Array(control);
    const byId = new Map(rings.map((r) => [r.id, r]));
    worker.on("message", (m: unknown) => {
      this.failure = String(m);
    });
    worker.on("error", (e) => {
      this.failure = e.message;
    });
    worker.on("exit", () => {
      this.exited = true;
    });
    this.voices = (layerId, def, sampleRate, seed) => {
      const ring = byId.get(layerId);
      // Layers the thread does not run (one-shot voices for engine.trigger) play themselves.
      if (!ring) return def.create(sampleRate, seed);
      const voice = new FedVoice(this, audio, ring);
      this.fed.push(voice);
      return voice;
    };
  }

  /**
   * Starts the thread for `scene` (every layer's generator must exist: validate first).
   * Null when no thread can be started here; the render then runs its voices itself.
   */
  static async start(scene: Scene, seed: number, sampleRate: number): Promise<VoiceFeed | null> {
    const code = await threadBundle();
    if (code === null) return null;
    const rings: VoiceRing[] = [];
    let size = 0;
    for (const layer of scene.layers) {
      const def = generatorById(layer.generator);
      if (!def) return null;
      rings.push({ id: layer.id, channels: def.channels, offset: size });
      size += def.channels * SLOTS * CHUNK;
    }
    const audio = new SharedArrayBuffer(Math.max(size, 1) * 4);
    const control = new SharedArrayBuffer(CONTROL_LENGTH * 4);
    const data: VoiceThreadData = { scene, seed, sampleRate, rings, audio, control };
    let worker: Worker;
    try {
      worker = new Worker(code, {
        eval: true,
        workerData: data,
        // Small heaps: the thread allocates almost nothing once it runs.
        resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 64 },
      });
    } catch {
      return null;
    }
    return new VoiceFeed(worker, rings, audio, control);
  }

  /**
   * Resolves once the thread has produced `frames` frames of every voice. The render awaits
   * this before each `engine.process`, so the voices never block and the event loop keeps
   * running while the thread works (Ctrl-C, a thread that died). Rejects if the thread failed,
   * exited, or made no progress for a minute.
   */
  async ready(frames: number): Promise<void> {
    const control = this.control;
    if (frames - Atomics.load(control, CONSUMED) * CHUNK > (SLOTS - 1) * CHUNK) {
      throw new Error(
        `voice thread: asked for more than ${(SLOTS - 1) * CHUNK} frames past the last release`,
      );
    }
    let since = performance.now();
    for (;;) {
      const produced = Atomics.load(control, PRODUCED);
      if (produced * CHUNK >= frames) return;
      this.check();
      const wait = Atomics.waitAsync(control, PRODUCED, produced, 250);
      const outcome = wait.async ? await wait.value : wait.value;
      if (outcome === "timed-out") {
        if (performance.now() - since > STALL_MS) throw new Error("voice thread stopped responding");
      } else {
        since = performance.now();
      }
    }
  }

  /** Throws if the thread failed or is gone. */
  private check(): void {
    if (Atomics.load(this.control, FAILED) !== 0 || this.exited) {
      throw new Error(
        `voice thread ${this.exited ? "exited" : "failed"}${this.failure ? `: ${this.failure}` : ""}`,
      );
    }
  }

  /** The thread has produced `frames` frames of every voice (`ready` was awaited), or throws. */
  available(frames: number): void {
    if (Atomics.load(this.control, PRODUCED) * CHUNK < frames) {
      this.check();
      throw new Error("voice thread: samples read before they were ready (await ready() first)");
    }
  }

  /** The render has consumed `frames` frames of every voice: their chunks may be reused. */
  release(frames: number): void {
    let least = frames;
    for (const v of this.fed) least = Math.min(least, v.position);
    Atomics.store(this.control, CONSUMED, Math.floor(least / CHUNK));
    Atomics.notify(this.control, CONSUMED);
  }

  /** Stops the thread and waits for it to exit. */
  async stop(): Promise<void> {
    Atomics.store(this.control, STOP, 1);
    Atomics.notify(this.control, CONSUMED);
    await this.worker.terminate();
  }
}

/** A layer voice that plays the thread's samples of that layer. */
class FedVoice implements GeneratorVoice {
  position = 0;
  private readonly a: Float32Array;
  private readonly b: Float32Array | null;

  constructor(
    private readonly feed: VoiceFeed,
    audio: SharedArrayBuffer,
    ring: VoiceRing,
  ) {
    const length = SLOTS * CHUNK;
    this.a = new Float32Array(audio, ring.offset * 4, length);
    this.b = ring.channels === 2 ? new Float32Array(audio, (ring.offset + length) * 4, length) : null;
  }

  setParam(): void {
    // The thread's voice got the scene's parameters; offline renders change nothing later.
  }

  process(a: Float32Array, b: Float32Array, offset: number, frames: number): void {
    this.feed.available(this.position + frames);
    const length = SLOTS * CHUNK;
    const from = this.position % length;
    // At most two runs: to the ring's end, then from its start.
    const first = Math.min(frames, length - from);
    copy(this.a, from, a, offset, first);
    copy(this.a, 0, a, offset + first, frames - first);
    if (this.b) {
      copy(this.b, from, b, offset, first);
      copy(this.b, 0, b, offset + first, frames - first);
    }
    this.position += frames;
  }
}

function copy(src: Float32Array, from: number, dst: Float32Array, to: number, n: number): void {
  const d = to - from;
  for (let i = from; i < from + n; i++) dst[d + i] = src[i] as number;
}
