/**
 * The typed client of the voice Worker: one Worker for the page, started by the first stream
 * (so the speech engine loads only when a voice is used), many streams over it.
 */
import type { FromVoiceWorker, StreamOptions, ToVoiceWorker, VoiceSource } from "./protocol";

export interface StreamHandlers {
  opened(count: number | null, totalSeconds: number | null): void;
  sentence(index: number, samples: Float32Array, sampleRate: number): void;
  end(): void;
  error(message: string): void;
}

export interface VoiceStreamHandle {
  /** Ask for the next sentence (answered through the handlers). */
  pull(): void;
  close(): void;
}

let worker: Worker | null = null;
let nextId = 1;
const handlers = new Map<number, StreamHandlers>();

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./voice.worker.ts", import.meta.url), { type: "module", name: "voice" });
  w.onmessage = (e: MessageEvent<FromVoiceWorker>) => {
    const m = e.data;
    const h = handlers.get(m.stream);
    if (!h) return;
    if (m.type === "opened") h.opened(m.count, m.totalSeconds);
    else if (m.type === "sentence") h.sentence(m.index, m.samples, m.sampleRate);
    else if (m.type === "end") h.end();
    else h.error(m.message);
  };
  w.onerror = (e) => {
    e.preventDefault();
    for (const h of handlers.values()) h.error("The voice could not start in this browser.");
  };
  worker = w;
  return w;
}

export function openVoiceStream(
  source: VoiceSource,
  options: StreamOptions,
  h: StreamHandlers,
): VoiceStreamHandle {
  const stream = nextId++;
  const w = getWorker();
  handlers.set(stream, h);
  const send = (m: ToVoiceWorker) => w.postMessage(m);
  send({ type: "open", stream, source, ...options });
  return {
    pull: () => send({ type: "pull", stream }),
    close: () => {
      handlers.delete(stream);
      send({ type: "close", stream });
    },
  };
}
