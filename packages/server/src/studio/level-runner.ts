/**
 * Measures a preset's make-up gain off the event loop, and builds an experiment's sham bed there
 * too (`sham`, `brightness`: the sham's offline renders took ~2 s of the request's thread). The measurement (level-thread.ts: a 20 s
 * offline render of the scene, ~0.2–0.7 s of CPU) used to run on the request thread, where one
 * member saving presets in a loop stalled every other request. It now runs in one worker thread,
 * started on the first save and reused; saves wait their turn in a queue. The thread runs a
 * bundle of level-thread.ts built with esbuild the first time (then cached), as parse-runner.ts
 * does for imports. Same function, same input: the gain is the one the event loop would compute.
 *
 * When the thread's code cannot be built (esbuild missing or failing), the gain falls back to
 * the analytic estimate (`estimateMakeupGainDb`), logged once, so presets stay saveable; a sham
 * or brightness is then computed on the event loop, as before the thread existed. When the
 * thread fails or takes longer than TIMEOUT_MS, the save is refused with 503 level_unavailable.
 */
import { Worker } from "node:worker_threads";
import { estimateMakeupGainDb, type Scene, type SceneLayer } from "@meridian/sound";
import { HttpError } from "../errors";
import { CachedBundle, type ThreadBundler } from "../thread-bundle";
import { answer, type LevelReply, type LevelRequest } from "./level-work";

/** How long one measurement may take (queueing not included) before the save is refused. */
const TIMEOUT_MS = 30_000;

export const LEVEL_UNAVAILABLE = "level_unavailable";

/** The level measurement failed or timed out: the save is refused (503), nothing is stored. */
export class LevelUnavailableError extends HttpError {
  override readonly cause: unknown;
  constructor(cause?: unknown) {
    super(
      503,
      LEVEL_UNAVAILABLE,
      "The server could not measure this scene's level right now, so the preset was not saved. Try again in a moment.",
    );
    this.name = "LevelUnavailableError";
    this.cause = cause;
  }
}

const levelBundle = new CachedBundle(new URL("./level-thread.ts", import.meta.url));
let fallbackLogged = false;

/** Tests: builds the thread's code with `next` from now on; returns what puts the default back. */
export function replaceLevelBundler(next: ThreadBundler): () => void {
  return levelBundle.replace(next);
}

/** The thread's code (built once, then cached); a failed build is not cached. */
function threadBundle(): Promise<string> {
  return levelBundle.get();
}

/** A request without its id (the meter numbers them). */
type Work = LevelRequest extends infer R ? (R extends LevelRequest ? Omit<R, "id"> : never) : never;

interface Job {
  work: Work;
  resolve: (reply: LevelReply) => void;
  reject: (error: unknown) => void;
}

/** What the matched sham bed of a trigger layer is built with (see `shamLayerFor`). */
export interface ShamRequest {
  sampleRate: number;
  seed: number;
  seconds: number;
  matchLoudness: boolean;
}

/** One measuring thread, reused; jobs run one at a time in arrival order. */
export class LevelMeter {
  #worker: Worker | undefined;
  #queue: Job[] = [];
  #busy = false;
  #nextId = 1;
  #disposed = false;

  /** The make-up gain (dB) of `scene`, measured over `seconds` of offline render. */
  async measure(scene: Scene, seconds: number): Promise<number> {
    const reply = await this.#enqueue({ kind: "gain", scene, seconds });
    if (!("gainDb" in reply)) throw new LevelUnavailableError(new Error("level thread gave no gain"));
    return reply.gainDb;
  }

  /** The matched sham bed of `layer` (`shamLayerFor`), built in the thread. */
  async sham(layer: SceneLayer, opts: ShamRequest): Promise<SceneLayer> {
    const reply = await this.#enqueue({ kind: "sham", layer, ...opts });
    if (!("layer" in reply)) throw new LevelUnavailableError(new Error("level thread gave no layer"));
    return reply.layer;
  }

  /** The spectral brightness of `scene` over a short render (2 for white noise). */
  async brightness(scene: Scene, seconds: number, sampleRate: number): Promise<number> {
    const reply = await this.#enqueue({ kind: "brightness", scene, seconds, sampleRate });
    if (!("brightness" in reply))
      throw new LevelUnavailableError(new Error("level thread gave no brightness"));
    return reply.brightness;
  }

  #enqueue(work: Work): Promise<LevelReply> {
    if (this.#disposed) return Promise.reject(new LevelUnavailableError("level meter disposed"));
    return new Promise<LevelReply>((resolve, reject) => {
      this.#queue.push({ work, resolve, reject });
      void this.#pump();
    });
  }

  /** Stops the thread; queued measurements are refused. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const job of this.#queue.splice(0)) job.reject(new LevelUnavailableError("level meter disposed"));
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    const job = this.#queue.shift();
    if (!job) return;
    this.#busy = true;
    try {
      job.resolve(await this.#run(job));
    } catch (error) {
      job.reject(error);
    } finally {
      this.#busy = false;
      void this.#pump();
    }
  }

  async #run(job: Job): Promise<LevelReply> {
    let code: string;
    try {
      code = await threadBundle();
    } catch (error) {
      if (!fallbackLogged) {
        fallbackLogged = true;
        console.warn(
          "Preset levels use the analytic estimate: the level thread could not be built (check that esbuild is installed with the server). The cause:",
          error,
        );
      }
      const work = job.work;
      if (work.kind === "gain") return { id: 0, gainDb: estimateMakeupGainDb(work.scene) };
      return answer({ ...work, id: 0 });
    }
    fallbackLogged = false;
    if (this.#disposed) throw new LevelUnavailableError("level meter disposed");
    const worker = this.#worker ?? this.#start(code);
    const id = this.#nextId++;
    worker.ref();
    try {
      return await new Promise<LevelReply>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
        };
        const fail = (cause: unknown) => {
          done();
          // A thread that failed or hangs is not reused.
          if (this.#worker === worker) this.#worker = undefined;
          void worker.terminate();
          reject(new LevelUnavailableError(cause));
        };
        const onMessage = (m: LevelReply) => {
          if (m.id !== id) return;
          done();
          if ("error" in m) reject(new LevelUnavailableError(new Error(m.error)));
          else resolve(m);
        };
        const onError = (error: Error) => fail(error);
        const onExit = (exitCode: number) => fail(new Error(`level thread exited (${exitCode})`));
        const timer = setTimeout(
          () => fail(new Error(`level measurement took over ${TIMEOUT_MS} ms`)),
          TIMEOUT_MS,
        );
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
        worker.postMessage({ ...job.work, id } as LevelRequest);
      });
    } finally {
      // An idle thread does not keep the process alive.
      worker.unref();
    }
  }

  #start(code: string): Worker {
    const worker = new Worker(code, { eval: true });
    this.#worker = worker;
    // Between measurements too: a thread that fails or exits is dropped (an unheard "error"
    // would take the process down), and the next measurement starts a new one.
    const drop = () => {
      if (this.#worker === worker) this.#worker = undefined;
    };
    worker.on("error", drop);
    worker.on("exit", drop);
    return worker;
  }
}
