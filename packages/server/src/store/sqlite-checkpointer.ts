import { once } from "node:events";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** How often the background thread folds the WAL back into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1000;

/**
 * WAL size (pages) at which the main connection checkpoints by itself after all: only reached
 * if the background thread falls behind or fails, it keeps the WAL bounded either way.
 */
export const BACKSTOP_AUTOCHECKPOINT_PAGES = 10_000;

// Plain CommonJS so the thread needs no TypeScript loader; better-sqlite3 comes by full path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 5000");
let failed = false;
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
    failed = false;
  } catch (error) {
    // Report once per run of failures; the main connection's backstop keeps the WAL bounded.
    if (!failed) parentPort.postMessage({ error: String(error && error.message || error) });
    failed = true;
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage({ ready: true });
`;

export interface Checkpointer {
  /** Stops the thread (after any checkpoint in progress) and closes its connection. */
  stop(): Promise<void>;
}

/**
 * Runs SQLite's WAL checkpoints on a thread of their own. A checkpoint copies the WAL into
 * the database file and fsyncs it, 5–20 ms for a thousand pages here; SQLite's automatic
 * checkpoint would do that on the event loop inside whichever commit crossed the threshold,
 * stalling every request in flight. PASSIVE never blocks readers or writers, and durability is
 * unchanged: commits are in the WAL either way (synchronous=NORMAL syncs it at checkpoints).
 */
export async function startCheckpointer(
  file: string,
  intervalMs = CHECKPOINT_INTERVAL_MS,
  onError: (message: string) => void = (message) => console.error("SQLite checkpoint:", message),
): Promise<Checkpointer> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs } });
  worker.unref();
  const exited = once(worker, "exit").then(() => undefined);
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", () => {
      worker.off("error", reject);
      resolve();
    });
  });
  worker.on("message", (message: { error?: string }) => {
    if (message.error !== undefined) onError(message.error);
  });
  worker.on("error", (error) => onError(error.message));
  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        // The thread is unref'd while it runs; hold the event loop open until it has exited,
        // or a caller awaiting close() at the end of a script would see the process end first.
        worker.ref();
        worker.postMessage("stop");
        const timeout = setTimeout(() => void worker.terminate(), 5000);
        timeout.unref();
        await exited;
        clearTimeout(timeout);
      })();
      return stopping;
    },
  };
}
