/**
 * Thread entry of an import's parse (bundled with esbuild by parse-runner.ts, so it needs no
 * TypeScript loader). Parses `workerData.bytes`, then hands the result over in small batches,
 * one per turn of the main thread's event loop: it waits for the main thread to take each batch
 * (Atomics on `workerData.control`) before posting the next, so the main thread never has to
 * deserialise a large message at once.
 */
import { parentPort, workerData } from "node:worker_threads";
import { ImportFormatError, ImportLimitError } from "@meridian/core";
import type { ImportLimits } from "./import-limits";
import { parseImportBytes } from "./parse-import";
import { type ParseThreadMessage, splitForTransfer, TAKEN } from "./parse-protocol";

export interface ParseThreadData {
  bytes: Uint8Array;
  timeZone: string;
  limits: ImportLimits;
  /** Int32Array over a SharedArrayBuffer: [TAKEN] counts batches the main thread has taken. */
  control: SharedArrayBuffer;
}

const port = parentPort;
if (port) {
  const data = workerData as ParseThreadData;
  const control = new Int32Array(data.control);
  const post = (m: ParseThreadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);
  try {
    const parsed = parseImportBytes(data.bytes, data.timeZone, data.limits);
    let sent = 0;
    for (const message of splitForTransfer(parsed)) {
      const transfer =
        message.type === "file" && message.data.byteOffset === 0 ? [message.data.buffer as ArrayBuffer] : [];
      post(message, transfer);
      sent++;
      // Wait until the main thread took this one (it acks each batch in its own turn).
      while (Atomics.load(control, TAKEN) < sent)
        Atomics.wait(control, TAKEN, Atomics.load(control, TAKEN), 1000);
    }
    post({ type: "done" });
  } catch (error) {
    if (error instanceof ImportLimitError)
      post({ type: "error", limit: error.limit, message: error.message });
    else if (error instanceof ImportFormatError) post({ type: "error", limit: null, message: error.message });
    else {
      // A file too deep or too large for the parser (RangeError and the like) is still the file's fault.
      const detail = error instanceof Error ? error.message : String(error);
      post({ type: "error", limit: null, message: `The file could not be read (${detail})` });
    }
  }
  port.close();
}
