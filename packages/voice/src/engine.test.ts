import { beforeAll, describe, expect, it } from "vitest";
import { pitchStats, trackPitch, voicedShare } from "./analysis/pitch";
import { countWords, loadSpeechEngine, normaliseForSpeech, type SpeechEngine } from "./node";

const STORY =
  "The rain taps softly on the library window, and the lamps glow amber. " +
  "Somewhere far away, a night train hums along the valley. " +
  "You breathe in slowly, and let the day drift out of your shoulders. " +
  "The pages of an old book turn, one after another, without a sound. " +
  "Nothing needs to be done tonight.";

/** Span of the audible speech: first to last 10 ms frame within 40 dB of the loudest. */
function speechSeconds(x: Float32Array, sampleRate: number): number {
  const hop = Math.round(sampleRate / 100);
  const rms: number[] = [];
  for (let i = 0; i + hop <= x.length; i += hop) {
    let e = 0;
    for (let j = 0; j < hop; j++) e += (x[i + j] ?? 0) ** 2;
    rms.push(Math.sqrt(e / hop));
  }
  const floor = Math.max(...rms) / 100;
  const first = rms.findIndex((r) => r > floor);
  const last = rms.length - 1 - [...rms].reverse().findIndex((r) => r > floor);
  return ((last - first + 1) * hop) / sampleRate;
}

let engine: SpeechEngine;
beforeAll(async () => {
  engine = await loadSpeechEngine();
});

describe("speech engine (Flite slt, in Node)", () => {
  it.each([110, 130, 150])("speaks at %i words per minute within ten percent", async (wpm) => {
    const speech = await engine.speak(STORY, { rateWpm: wpm });
    const words = countWords(normaliseForSpeech(STORY));
    const measured = (words / speechSeconds(speech.samples, speech.sampleRate)) * 60;
    expect(Math.abs(measured / wpm - 1)).toBeLessThan(0.1);
  });

  it("hits the rate for a single sentence too", async () => {
    const text = "The lamps glow amber while the rain goes on outside.";
    for (const wpm of [90, 200]) {
      const speech = await engine.speak(text, { rateWpm: wpm });
      const measured = (countWords(text) / speechSeconds(speech.samples, speech.sampleRate)) * 60;
      expect(Math.abs(measured / wpm - 1)).toBeLessThan(0.1);
    }
  });

  it("lengthens the pauses between sentences on request, keeping the rate", async () => {
    const gaps = (speech: { sentences: readonly { start: number; end: number }[] }) =>
      speech.sentences.slice(1).map((s, i) => (s.start - (speech.sentences[i]?.end ?? 0)) / 16_000);
    const plain = await engine.speak(STORY, { rateWpm: 120 });
    const soft = await engine.speak(STORY, { rateWpm: 120, sentencePause: 1.2 });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(gaps(soft))).toBeGreaterThan(1.0);
    expect(mean(gaps(soft))).toBeGreaterThan(mean(gaps(plain)) + 0.4);
    const words = countWords(normaliseForSpeech(STORY));
    const measured = (words / speechSeconds(soft.samples, soft.sampleRate)) * 60;
    expect(Math.abs(measured / 120 - 1)).toBeLessThan(0.1);
    await expect(engine.speak(STORY, { sentencePause: 5 })).rejects.toThrow(RangeError);
  });

  it("returns the same samples for the same input", async () => {
    const a = await engine.speak(STORY, { rateWpm: 120, pitch: -2 });
    await engine.speak("Something else in between, to move the engine's state.");
    const b = await engine.speak(STORY, { rateWpm: 120, pitch: -2 });
    expect(b.samples.length).toBe(a.samples.length);
    expect(Buffer.from(b.samples.buffer).equals(Buffer.from(a.samples.buffer))).toBe(true);
    expect(b.sentences).toEqual(a.sentences);
  });

  it("streams the same speech sentence by sentence", async () => {
    const whole = await engine.speak(STORY, { rateWpm: 140 });
    const chunks = [];
    for await (const chunk of engine.stream(STORY, { rateWpm: 140 })) chunks.push(chunk);
    expect(chunks).toHaveLength(5);
    const joined = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
    let at = 0;
    chunks.forEach((c, i) => {
      expect(c.sentences).toHaveLength(1);
      expect(c.sentences[0]?.start).toBe((whole.sentences[i]?.start ?? 0) - at);
      joined.set(c.samples, at);
      at += c.samples.length;
    });
    expect(Buffer.from(joined.buffer).equals(Buffer.from(whole.samples.buffer))).toBe(true);
  });

  it("reports each sentence in order, inside the samples", async () => {
    const speech = await engine.speak(STORY);
    expect(speech.sentences.map((s) => s.text)).toEqual([
      "The rain taps softly on the library window, and the lamps glow amber.",
      "Somewhere far away, a night train hums along the valley.",
      "You breathe in slowly, and let the day drift out of your shoulders.",
      "The pages of an old book turn, one after another, without a sound.",
      "Nothing needs to be done tonight.",
    ]);
    let previous = 0;
    for (const s of speech.sentences) {
      expect(s.start).toBeGreaterThanOrEqual(previous);
      expect(s.end).toBeGreaterThan(s.start);
      previous = s.end;
    }
    expect(previous).toBeLessThanOrEqual(speech.samples.length);
  });

  it("puts no clicks at sentence joins", async () => {
    const speech = await engine.speak(STORY, { rateWpm: 150 });
    const x = speech.samples;
    const near = Math.round(speech.sampleRate * 0.002);
    for (const s of speech.sentences) {
      for (const edge of [s.start, s.end]) {
        let jump = 0;
        for (let i = Math.max(1, edge - near); i < Math.min(x.length, edge + near); i++) {
          jump = Math.max(jump, Math.abs((x[i] ?? 0) - (x[i - 1] ?? 0)));
        }
        expect(jump).toBeLessThan(0.01);
      }
      expect(Math.abs(x[s.start] ?? 1)).toBeLessThan(0.005);
      expect(Math.abs(x[s.end - 1] ?? 1)).toBeLessThan(0.005);
    }
  });

  it("is mostly voiced, with a speaking pitch contour", async () => {
    const speech = await engine.speak(STORY);
    const track = trackPitch(speech.samples, speech.sampleRate);
    expect(voicedShare(track)).toBeGreaterThan(0.3);
    const { medianHz, rangeSemitones } = pitchStats(track);
    expect(medianHz).toBeGreaterThan(120);
    expect(medianHz).toBeLessThan(260);
    expect(rangeSemitones).toBeGreaterThan(4);
  });

  it("moves the pitch by the requested semitones", async () => {
    const median = async (pitch: number) =>
      pitchStats(trackPitch((await engine.speak(STORY, { pitch })).samples, engine.sampleRate)).medianHz;
    const low = await median(-4);
    const high = await median(4);
    expect(12 * Math.log2(high / low)).toBeGreaterThan(6);
    expect(12 * Math.log2(high / low)).toBeLessThan(10);
  });

  it("rejects bad options and bad text with clear errors", async () => {
    await expect(engine.speak(STORY, { rateWpm: 20 })).rejects.toThrow(RangeError);
    await expect(engine.speak(STORY, { pitch: 12 })).rejects.toThrow(RangeError);
    await expect(engine.speak("")).rejects.toMatchObject({ code: "empty_text" });
    await expect(engine.speak("x".repeat(100_000))).rejects.toMatchObject({ code: "text_too_long" });
    await expect(engine.speak("🌧️ ☕ <i>שלום</i> 👍 and hello")).resolves.toMatchObject({
      sampleRate: 16_000,
    });
  });
});
