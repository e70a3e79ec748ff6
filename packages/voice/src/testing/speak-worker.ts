/**
 * A Worker that speaks what it is sent with the browser entry, for the Chromium test
 * (browser-worker.test.ts): { text, options } in; sample rate, length, sentences and an FNV-1a
 * hash of the 16-bit samples out, so the result can be compared with Node's.
 */
import { loadSpeechEngine, type SpeechOptions } from "../browser";
import { hashSamples } from "./hash";

interface WorkerScope {
  onmessage: ((event: { data: { text: string; options?: SpeechOptions } }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = async (event) => {
  try {
    const t0 = performance.now();
    const engine = await loadSpeechEngine();
    const t1 = performance.now();
    const speech = await engine.speak(event.data.text, event.data.options);
    scope.postMessage({
      ok: true,
      name: engine.name,
      sampleRate: speech.sampleRate,
      length: speech.samples.length,
      sentences: speech.sentences,
      hash: hashSamples(speech.samples),
      loadMs: t1 - t0,
      speakMs: performance.now() - t1,
    });
  } catch (error) {
    scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
};
