/**
 * Runs parse-import.ts off the event loop, in a worker thread, so one member's 50 MB file or
 * zip bomb cannot stall everyone's requests (the thread has its own heap with a ceiling;
 * running out of it refuses the import with 413 instead of taking the process down). The
 * thread runs a bundle of parse-thread.ts and what it imports, built with esbuild the first
 * time (~0.3 s, then cached): plain JavaScript needs no TypeScript loader in the thread, so the
 * same code runs under tsx (dev, tests, `meridian import`) and wherever the server runs. At
 * most MAX_THREADS parses run at once; more wait their turn. When the thread's code cannot be
 * built (esbuild missing or failing), imports fail closed: the cause is logged once, loudly, and
 * each import is refused with ImportUnavailableError (503 import_unavailable) rather than parsed
 * on the event loop, where a large file would stall every request. The next import tries to build
 * again. Only a caller that asks (`inLoopFallback`: the CLI, where nothing else waits on the
 * loop) parses on the event loop instead.
 */
import { Worker } from "node:worker_threads";
import { ImportFormatError, ImportLimitError } from "@meridian/core";
import { HttpError } from "../errors";
import { CachedBundle, type ThreadBundler } from "../thread-bundle";
import type { ImportLimits } from "./import-limits";
import { type ParsedImport, parseImportBytes } from "./parse-import";
import { CONTROL_LENGTH, ParsedAssembler, type ParseThreadMessage, TAKEN } from "./parse-protocol";
import type { ParseThreadData } from "./parse-thread";

/** Parses that may run at once (each may use up to THREAD_HEAP_MB). */
const MAX_THREADS = 2;
/** The parse thread's heap ceiling: past it the import is refused (413), the server lives on.
 * A valid 48 MB jrnl file (77,672 entries, just under the 50 MB cap) is previewed with 256 MB
 * and refused with 128 (`npx tsx scripts/import-stall.ts --valid`); 512 leaves twice that. */
const THREAD_HEAP_MB = 512;

export const IMPORT_UNAVAILABLE = "import_unavailable";

/** The import's parse thread cannot be started on this server: the import is refused (503), not
 * parsed on the event loop. */
export class ImportUnavailableError extends HttpError {
  /** Why the thread could not be built (for the server's log). */
  override readonly cause: unknown;
  constructor(cause?: unknown) {
    super(
      503,
      IMPORT_UNAVAILABLE,
      "Imports are unavailable on this server right now: it could not start the import's reader. Nothing was imported. Try again later; if it keeps happening, tell the server's administrator (the server's log says why).",
    );
    this.name = "ImportUnavailableError";
    this.cause = cause;
  }
}

const parseBundle = new CachedBundle(new URL("./parse-thread.ts", import.meta.url));
/** The build's failure has been logged (until a build succeeds again). */
let failureLogged = false;

/** Tests: builds the thread's code with `next` from now on; returns what puts the default back. */
export function replaceThreadBundler(next: ThreadBundler): () => void {
  return parseBundle.replace(next);
}

/** The thread's code (built once, then cached); rejects with ImportUnavailableError (its cause:
 * why) when it cannot be built. A failed build is not cached. */
function threadBundle(): Promise<string> {
  return parseBundle.get().then(
    (code) => {
      failureLogged = false;
      return code;
    },
    (error: unknown) => {
      throw new ImportUnavailableError(error);
    },
  );
}

/** Logs, once until a build succeeds again, that imports are refused and why. */
function logImportsOff(cause: unknown): void {
  if (failureLogged) return;
  failureLogged = true;
  console.error(
    "IMPORTS ARE OFF: the import's parse thread could not be built, so every import is refused (503 import_unavailable) until it can be; parsing on the event loop instead would let one large file stall the server. Check that esbuild is installed with the server (npm ci). The cause:",
    cause,
  );
}

let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_THREADS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

/** `bytes` on a SharedArrayBuffer, so the thread reads them without a copy (the server's
 * import route reads its body straight into one, routes/import-body.ts; others are copied). */
function shared(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

export interface ParseOptions {
  /** false: parse on the event loop (tests compare the two). */
  thread?: boolean;
  /** true: when the parse thread cannot be built, parse on the event loop instead of refusing
   * with ImportUnavailableError (for the CLI, where no other request waits on the loop). */
  inLoopFallback?: boolean;
}

/** Parses an import file in a worker thread; rejects with ImportFormatError (ImportLimitError
 * for a cap) when the file can't be imported, ImportUnavailableError when no thread can be
 * started (unless `inLoopFallback`). */
export async function parseImport(
  bytes: Uint8Array,
  timeZone: string,
  limits: ImportLimits,
  options: ParseOptions = {},
): Promise<ParsedImport> {
  if (options.thread === false) return parseImportBytes(bytes, timeZone, limits);
  let code: string;
  try {
    code = await threadBundle();
  } catch (error) {
    if (!(error instanceof ImportUnavailableError)) throw error;
    // The CLI: nothing else waits on this loop, and imports are not off for anyone.
    if (options.inLoopFallback) return parseImportBytes(bytes, timeZone, limits);
    logImportsOff(error.cause);
    throw error;
  }
  const release = await slot();
  try {
    return await inThread(code, shared(bytes), timeZone, limits);
  } finally {
    release();
  }
}

function inThread(
  code: string,
  bytes: Uint8Array,
  timeZone: string,
  limits: ImportLimits,
): Promise<ParsedImport> {
  const control = new SharedArrayBuffer(CONTROL_LENGTH * 4);
  const taken = new Int32Array(control);
  const data: ParseThreadData = { bytes, timeZone, limits, control };
  const worker = new Worker(code, {
    eval: true,
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: THREAD_HEAP_MB },
  });
  const assembler = new ParsedAssembler();
  return new Promise<ParsedImport>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on("message", (m: ParseThreadMessage) => {
      if (settled) return;
      if (m.type === "error") {
        const error =
          m.limit === null ? new ImportFormatError(m.message) : new ImportLimitError(m.limit, m.message);
        settle(() => reject(error));
        return;
      }
      if (m.type === "done") {
        settle(() => {
          try {
            resolve(assembler.result());
          } catch (error) {
            reject(error);
          }
        });
        return;
      }
      assembler.take(m);
      // Let the thread post the next batch on a later turn of the event loop.
      setImmediate(() => {
        Atomics.add(taken, TAKEN, 1);
        Atomics.notify(taken, TAKEN);
      });
    });
    worker.on("error", (error: Error & { code?: string }) => {
      settle(() =>
        reject(
          error.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new ImportLimitError(
                "size",
                "The file needs more memory to read than an import may use; split it into smaller files",
              )
            : error,
        ),
      );
    });
    worker.on("exit", (exitCode) => {
      settle(() => reject(new Error(`import thread exited (${exitCode}) before finishing`)));
    });
  });
}
