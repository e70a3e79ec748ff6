/**
 * The voice Worker: the offline speech engine (Flite in WebAssembly, @meridian/voice/browser,
 * imported on the first `open`) and the voice styles (@meridian/sound), one sentence per `pull`,
 * its PCM transferred to the main thread. Started only when a voice is used (client.ts).
 */
import { voiceContentById } from "@meridian/core";
import { styleSpeech, VOICE_STYLE_PAUSES } from "@meridian/sound";
import type { SpeechEngine } from "@meridian/voice";
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

function textOf(source: VoiceSource): string {
  if (source.kind === "text") return source.text;
  const c = source.content;
  const content = c.kind === "wordless" ? undefined : voiceContentById(c.id);
  if (!content) throw new Error("This voice content is not in the library.");
  return content.paragraphs.join("\n\n");
}

async function open(stream: number, source: VoiceSource, o: StreamOptions): Promise<void> {
  const { splitSentences, normaliseForSpeech, countWords } = await import("@meridian/voice");
  const speech = await loadEngine();
  const text = textOf(source);
  const all = splitSentences(normaliseForSpeech(text));
  if (all.length === 0) throw new Error("There is nothing here to read aloud.");
  const pause = VOICE_STYLE_PAUSES[o.style].sentence;
  const words = all.reduce((n, s) => n + countWords(s), 0);
  post({
    type: "opened",
    stream,
    count: all.length,
    totalSeconds: (words * 60) / o.rateWpm + pause * all.length,
  });
  async function* run(): AsyncGenerator<Sentence> {
    for (let index = o.from; index < all.length; index++) {
      const said = await speech.speak(all[index] ?? "", { rateWpm: o.rateWpm });
      const styled = styleSpeech(said.samples, said.sampleRate, o.style, { seed: o.seed + index });
      const samples = new Float32Array(styled.length + Math.round(pause * said.sampleRate));
      samples.set(styled);
      yield { index, samples, sampleRate: said.sampleRate };
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
