/**
 * Runs one render job off the event loop: in a worker thread when one can be started (the
 * thread loads the TypeScript sources through tsx), else on the event loop in chunks that yield
 * with setImmediate, so requests keep being answered either way.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { VoiceSceneLayer } from "@meridian/core";
import type { Scene } from "@meridian/sound";
import type { MediaRenderInput } from "./media-source";
import type { RenderFormat } from "./pipeline";
import { runRenderJob } from "./run-job";

export interface RenderJobSpec {
  scene: Scene;
  seconds: number;
  sampleRate: number;
  seed: number;
  format: RenderFormat;
  /** Output file. */
  out: string;
  /** Own WAV layers to mix in (plain data: it crosses into the worker thread). */
  media?: MediaRenderInput[];
  /** Voice layers narrated into `scene.pcmLayers` (built-in content ids only, never text). */
  voiceLayers?: VoiceSceneLayer[];
}

export type RenderThreadMessage =
  | { type: "progress"; done: number; total: number }
  | { type: "done"; frames: number; aborted: boolean }
  | { type: "error"; message: string };

export interface RunningRender {
  /** Settles when the job ended: done (aborted or not) or failed. */
  readonly finished: Promise<{ frames: number; aborted: boolean }>;
  /** Asks the job to stop early; `finished` then settles with aborted = true. */
  cancel(): void;
  /** Whether a worker thread runs it (false: the event loop, chunked). */
  readonly threaded: boolean;
}

// CommonJS, evaluated in the thread: register tsx, then load the TypeScript entry.
const BOOTSTRAP = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { register } = await import(workerData.tsxApi);
  register();
  await import(workerData.entry);
})().catch((error) => {
  parentPort.postMessage({ type: "error", message: "render thread failed to start: " + String((error && error.message) || error) });
  parentPort.close();
});
`;

let tsxApi: string | null | undefined;
function tsxApiUrl(): string | null {
  if (tsxApi === undefined) {
    try {
      // The ESM build of tsx's API (its CommonJS build cannot register from an eval'd thread).
      const pkgPath = createRequire(import.meta.url).resolve("tsx/package.json");
      const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as {
        exports?: Record<string, { import?: { default?: string } }>;
      };
      const entry = pkg.exports?.["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs";
      tsxApi = pathToFileURL(join(dirname(pkgPath), entry)).href;
    } catch {
      tsxApi = null;
    }
  }
  return tsxApi;
}

/** Starts a render; `onProgress` gets frames written and the planned total. */
export function startRender(
  spec: RenderJobSpec,
  onProgress: (done: number, total: number) => void,
  options: { thread?: boolean } = {},
): RunningRender {
  const api = options.thread === false ? null : tsxApiUrl();
  if (api === null) return startInProcess(spec, onProgress);
  const entry = new URL("./worker.ts", import.meta.url).href;
  const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { ...spec, tsxApi: api, entry } });
  const finished = new Promise<{ frames: number; aborted: boolean }>((resolve, reject) => {
    let settled = false;
    worker.on("message", (m: RenderThreadMessage) => {
      if (m.type === "progress") onProgress(m.done, m.total);
      else if (m.type === "done") {
        settled = true;
        resolve({ frames: m.frames, aborted: m.aborted });
      } else {
        settled = true;
        reject(new Error(m.message));
      }
    });
    worker.on("error", (error) => {
      settled = true;
      reject(error);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`render thread exited (${code}) before finishing`));
    });
  });
  return {
    finished,
    threaded: true,
    cancel: () => worker.postMessage("cancel"),
  };
}

function startInProcess(
  spec: RenderJobSpec,
  onProgress: (done: number, total: number) => void,
): RunningRender {
  const abort = new AbortController();
  // Yield to the event loop every 20 ms of rendering.
  const finished = runRenderJob(spec, abort.signal, onProgress, 20).then((o) => ({
    frames: o.frames,
    aborted: o.aborted,
  }));
  return { finished, threaded: false, cancel: () => abort.abort() };
}
