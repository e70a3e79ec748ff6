/**
 * The voice Worker: the offline speech engine (Flite in WebAssembly, @meridian/voice/browser,
 * imported on the first `open`) through the shared narration pipeline (narrate: styled sentences
 * with their pauses), one sentence per `pull`, its PCM transferred to the main thread. Started
 * only when a voice is used (client.ts).
 */
import type { SpeechEngine } from "@meridian/voice";
import type { NarrationSource } from "@meridian/voice/narration";
import type { FromVoiceWorker, StreamOptions, ToVoiceWorker, VoiceSource } from "./protocol";

interface WorkerScope {
  onmessage: ((e: MessageEvent<ToVoiceWorker>) => void) | null;
  postMessage(m: FromVoiceWorker, transfer?: Transferable[]): void;
}
const scope = globalThis as unknown as WorkerScope;

interface Sentence {
  readonly index: number;
  readonly samples: Float32Array;
  readonly sampleRate: number;
}

interface Stream {
  readonly sentences: AsyncIterator<Sentence>;
  /** Pulls answered in order, one at a time. */
  queue: Promise<void>;
  closed: boolean;
}

const streams = new Map<number, Stream>();
let engine: Promise<SpeechEngine> | null = null;
const loadEngine = () => {
  engine ??= import("@meridian/voice/browser").then((m) => m.loadSpeechEngine());
  return engine;
};

const post = (m: FromVoiceWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

const narrationSource = (s: VoiceSource): NarrationSource =>
  s.kind === "text" ? s : s.content.kind === "wordless" ? { kind: "wordless" } : s.content;

/** Opens a stream over the shared narration pipeline (@meridian/voice/narration). */
async function open(stream: number, source: VoiceSource, o: StreamOptions): Promise<void> {
  const { narrate, narrationPauses, planNarration } = await import("@meridian/voice/narration");
  const speech = await loadEngine();
  const src = narrationSource(source);
  if (src.kind === "wordless") post({ type: "opened", stream, count: null, totalSeconds: null });
  else {
    // Thrown here (a clear message) for empty, overlong or unspeakable text.
    const plan = planNarration(src);
    const words = plan.sentences.reduce((n, s) => n + s.words, 0);
    const lines = plan.pacing === "line" ? plan.sentences.filter((s) => s.paragraphEnd).length - 1 : 0;
    const extra = Math.max(0, lines) * narrationPauses(o.style, o.rateWpm).line;
    post({
      type: "opened",
      stream,
      count: plan.sentences.length,
      totalSeconds: (words * 60) / o.rateWpm + extra,
    });
  }
  const narration = narrate(speech, src, {
    style: o.style,
    rateWpm: o.rateWpm,
    seed: o.seed,
    startAt: o.from,
  });
  async function* run(): AsyncGenerator<Sentence> {
    for await (const s of narration) {
      // The pause after the sentence travels as silence, so the layer's queue is the timeline.
      const samples = new Float32Array(s.samples.length + Math.round(s.pauseAfterSeconds * s.sampleRate));
      samples.set(s.samples);
      yield { index: s.index, samples, sampleRate: s.sampleRate };
    }
  }
  streams.set(stream, { sentences: run(), queue: Promise.resolve(), closed: false });
}

async function pull(stream: number): Promise<void> {
  const s = streams.get(stream);
  if (!s || s.closed) return;
  const r = await s.sentences.next();
  if (s.closed) return;
  if (r.done) post({ type: "end", stream });
  else {
    const { index, samples, sampleRate } = r.value;
    post({ type: "sentence", stream, index, samples, sampleRate }, [samples.buffer]);
  }
}

let opening: Promise<void> = Promise.resolve();

scope.onmessage = (e) => {
  const m = e.data;
  if (m.type === "open") {
    const { stream, source, type: _t, ...o } = m;
    opening = opening
      .then(() => open(stream, source, o))
      .catch((err) => post({ type: "error", stream, message: message(err) }));
  } else if (m.type === "pull") {
    opening = opening.then(async () => {
      const s = streams.get(m.stream);
      if (!s) return;
      s.queue = s.queue
        .then(() => pull(m.stream))
        .catch((err) => post({ type: "error", stream: m.stream, message: message(err) }));
      await s.queue;
    });
  } else if (m.type === "close") {
    const s = streams.get(m.stream);
    if (s) s.closed = true;
    streams.delete(m.stream);
  }
};
