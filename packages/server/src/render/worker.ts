/**
 * Thread entry of a server render (loaded through render-thread.ts's bootstrap, which registers
 * tsx first): renders `workerData` into its file, reports progress and stops on "cancel".
 */
import { parentPort, workerData } from "node:worker_threads";
import type { RenderJobSpec, RenderThreadMessage } from "./render-thread";
import { runRenderJob } from "./run-job";

const port = parentPort;
if (port) {
  const spec = workerData as RenderJobSpec;
  const abort = new AbortController();
  port.on("message", (message) => {
    if (message === "cancel") abort.abort();
  });
  const post = (m: RenderThreadMessage) => port.postMessage(m);
  runRenderJob(spec, abort.signal, (done, total) => post({ type: "progress", done, total })).then(
    (outcome) => {
      post({ type: "done", frames: outcome.frames, aborted: outcome.aborted });
      port.close();
    },
    (error: unknown) => {
      post({ type: "error", message: error instanceof Error ? error.message : String(error) });
      port.close();
    },
  );
}
