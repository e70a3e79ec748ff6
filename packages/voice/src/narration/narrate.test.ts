import { integratedLoudness, pitchStats, truePeakDb, type VoiceStyle, voicedShare } from "@meridian/sound";
import { beforeAll, describe, expect, it } from "vitest";
import { SpeechInputError } from "../errors";
import { loadSpeechEngine } from "../node";
import { countWords } from "../text/speakable";
import type { SpeechEngine } from "../types";
import { type NarratedSentence, narrate, narrationPauses } from "./index";

let engine: SpeechEngine;
beforeAll(async () => {
  engine = await loadSpeechEngine();
}, 30_000);

async function take(gen: AsyncGenerator<NarratedSentence>, n: number): Promise<NarratedSentence[]> {
  const out: NarratedSentence[] = [];
  for await (const s of gen) {
    out.push(s);
    if (out.length >= n) break;
  }
  return out;
}

/** The sentences laid end to end with their pauses (the last pause left out). */
function join(sentences: readonly NarratedSentence[]): Float32Array {
  const sr = sentences[0]?.sampleRate ?? 16000;
  const parts = sentences.flatMap((s, i) => [
    s.samples,
    new Float32Array(i === sentences.length - 1 ? 0 : Math.round(s.pauseAfterSeconds * sr)),
  ]);
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const EXCERPT = { kind: "story", id: "library-rainy-night" } as const;
const excerpts = new Map<VoiceStyle, NarratedSentence[]>();
const excerpt = async (style: VoiceStyle) => {
  let got = excerpts.get(style);
  if (!got) {
    got = await take(narrate(engine, EXCERPT, { style, seed: 11 }), 14);
    excerpts.set(style, got);
  }
  return got;
};

describe("narrate: stories", () => {
  it.each([
    ["soft", 130],
    ["whisper", 120],
  ] as const)(
    "%s keeps to its default %i wpm within ten percent, pauses included",
    async (style, wpm) => {
      const sentences = await excerpt(style);
      const words = sentences.reduce((n, s) => n + countWords(s.text), 0);
      const seconds = join(sentences).length / (sentences[0]?.sampleRate ?? 1);
      expect(Math.abs((words * 60) / seconds / wpm - 1)).toBeLessThan(0.1);
    },
    120_000,
  );

  it("follows a slower setting too", async () => {
    const sentences = await take(narrate(engine, EXCERPT, { style: "soft", rateWpm: 100, seed: 2 }), 8);
    const words = sentences.reduce((n, s) => n + countWords(s.text), 0);
    const seconds = join(sentences).length / 16000;
    expect(Math.abs((words * 60) / seconds / 100 - 1)).toBeLessThan(0.1);
  }, 120_000);

  it.each(["soft", "whisper"] as const)(
    "%s is at −27 LUFS ±1 with true peak ≤ −1 dBTP",
    async (style) => {
      const all = join(await excerpt(style));
      const lufs = integratedLoudness(16000, [all]);
      expect(Math.abs(lufs + 27)).toBeLessThanOrEqual(1);
      expect(truePeakDb([all])).toBeLessThanOrEqual(-1);
    },
    120_000,
  );

  it("whispers with under 5 % voiced frames and soft-speaks with over 30 %", async () => {
    expect(voicedShare(join(await excerpt("whisper")), 16000)).toBeLessThan(0.05);
    expect(voicedShare(join(await excerpt("soft")), 16000)).toBeGreaterThan(0.3);
  }, 120_000);

  it("joins sentences without clicks: every sentence starts and ends at silence, gently", async () => {
    for (const style of ["soft", "whisper"] as const) {
      for (const s of await excerpt(style)) {
        const x = s.samples;
        const edge = Math.round(0.005 * s.sampleRate);
        expect(Math.abs(x[0] ?? 1)).toBeLessThan(1e-3);
        expect(Math.abs(x[x.length - 1] ?? 1)).toBeLessThan(1e-3);
        let jump = 0;
        for (let i = 1; i < edge; i++) {
          jump = Math.max(jump, Math.abs((x[i] ?? 0) - (x[i - 1] ?? 0)));
          jump = Math.max(jump, Math.abs((x[x.length - i] ?? 0) - (x[x.length - 1 - i] ?? 0)));
        }
        expect(jump, `${style} #${s.index}`).toBeLessThan(0.02);
      }
    }
  }, 120_000);

  it("pauses longer at a paragraph's end and between wind-down lines", async () => {
    const sentences = await excerpt("soft");
    const p = narrationPauses("soft", 130);
    for (const s of sentences.slice(0, -1)) {
      expect(s.pauseAfterSeconds).toBeCloseTo(s.paragraphEnd ? p.paragraph : p.sentence, 6);
    }
    expect(sentences.some((s) => s.paragraphEnd)).toBe(true);
    expect(p.paragraph).toBeGreaterThan(p.sentence);
    expect(p.comma).toBeCloseTo(0.45, 6);
    const lines = await take(
      narrate(engine, { kind: "wind-down", id: "wind-down-room" }, { style: "whisper", seed: 1 }),
      2,
    );
    expect(lines[0]?.pauseAfterSeconds).toBeCloseTo(narrationPauses("whisper", 120).line, 6);
  }, 120_000);

  it("is deterministic for a seed, and the seed matters", async () => {
    const a = await take(narrate(engine, EXCERPT, { style: "whisper", seed: 5 }), 2);
    const b = await take(narrate(engine, EXCERPT, { style: "whisper", seed: 5 }), 2);
    const c = await take(narrate(engine, EXCERPT, { style: "whisper", seed: 6 }), 2);
    expect(join(a)).toEqual(join(b));
    expect(join(a)).not.toEqual(join(c));
  }, 120_000);

  it("streams: the first sentence arrives after one synthesis, not the whole story", async () => {
    let calls = 0;
    const counting: SpeechEngine = {
      ...engine,
      speak: (text, options) => {
        calls++;
        return engine.speak(text, options);
      },
    };
    const gen = narrate(counting, { kind: "story", id: "night-train" }, { style: "soft", seed: 1 });
    const first = await gen.next();
    expect(first.done).toBe(false);
    expect(first.value?.index).toBe(0);
    expect(calls).toBe(1);
    await gen.return(undefined);
  }, 60_000);

  it("passes a pitch shift to the speech engine", async () => {
    const at = async (pitch: number) => {
      const [s] = await take(narrate(engine, EXCERPT, { style: "soft", seed: 11, pitch }), 1);
      return pitchStats(s?.samples ?? new Float32Array(0), 16000).mean;
    };
    const shift = (await at(4)) - (await at(0));
    expect(shift).toBeGreaterThan(2.5);
    expect(shift).toBeLessThan(5.5);
  }, 60_000);

  it("starts at a given sentence", async () => {
    const [s] = await take(narrate(engine, EXCERPT, { style: "soft", seed: 11, startAt: 3 }), 1);
    const all = await excerpt("soft");
    expect(s?.index).toBe(3);
    expect(s?.text).toBe(all[3]?.text);
  }, 60_000);

  it("reads plain text, and refuses bad content, style and rate clearly", async () => {
    const [s] = await take(
      narrate(engine, { kind: "text", text: "Good night. Sleep well." }, { style: "soft", seed: 1 }),
      1,
    );
    expect(s?.text).toBe("Good night.");
    const first = (
      source: Parameters<typeof narrate>[1],
      options = { style: "soft" as VoiceStyle, seed: 1 },
    ) => narrate(engine, source, options).next();
    await expect(first({ kind: "text", text: "   " })).rejects.toBeInstanceOf(SpeechInputError);
    await expect(first({ kind: "text", text: "a".repeat(100_000) })).rejects.toThrow(/at most 50,000/);
    await expect(first({ kind: "text", text: "שלום עולם" })).rejects.toBeInstanceOf(SpeechInputError);
    await expect(first({ kind: "text", text: "### *** ---" })).rejects.toBeInstanceOf(SpeechInputError);
    // Emoji and markup are spoken sensibly: a moon is a moon, tags are not read out.
    expect((await first({ kind: "text", text: "🌙" })).value?.text).toBe("moon.");
    expect((await first({ kind: "text", text: "<b>Sleep well.</b>" })).value?.text).toBe("Sleep well.");
    await expect(first({ kind: "story", id: "my-diary" })).rejects.toThrow(
      /no built-in story with the id "my-diary"/,
    );
    await expect(first({ kind: "wind-down", id: "night-train" })).rejects.toThrow(/no built-in wind-down/);
    await expect(first(EXCERPT, { style: "shout" as VoiceStyle, seed: 1 })).rejects.toThrow(/style/);
    await expect(narrate(engine, EXCERPT, { style: "soft", seed: 1, rateWpm: 300 }).next()).rejects.toThrow(
      /between 80 and 220/,
    );
  }, 60_000);
});

describe("narrate: the wordless whisper", () => {
  it("speaks varied phrases of 1–6 s with quiet, unvoiced breaths between", async () => {
    const phrases = await take(narrate(engine, { kind: "wordless" }, { style: "whisper", seed: 3 }), 16);
    const lengths = phrases.map((p) => (p.samples.length - p.speechStart) / p.sampleRate);
    for (const l of lengths) {
      expect(l).toBeGreaterThanOrEqual(1);
      expect(l).toBeLessThanOrEqual(6);
    }
    expect(Math.max(...lengths) - Math.min(...lengths)).toBeGreaterThan(1.2);
    expect(new Set(lengths.map((l) => l.toFixed(1))).size).toBeGreaterThan(6);
    const pauses = phrases.map((p) => p.pauseAfterSeconds);
    expect(Math.max(...pauses) - Math.min(...pauses)).toBeGreaterThan(0.3);
    const withBreath = phrases.filter((p) => p.speechStart > 0);
    expect(withBreath.length).toBeGreaterThan(6);
    for (const p of withBreath) {
      const b = p.samples.subarray(0, p.speechStart);
      let peak = 0;
      for (const v of b) peak = Math.max(peak, Math.abs(v));
      expect(peak).toBeGreaterThan(1e-4);
      expect(peak).toBeLessThan(0.05);
    }
    const all = join(phrases);
    expect(voicedShare(all, 16000)).toBeLessThan(0.05);
    expect(Math.abs(integratedLoudness(16000, [all]) + 27)).toBeLessThanOrEqual(1.5);
    // The same seed, the same babble; the words belong to no language and are never free text.
    const again = await take(narrate(engine, { kind: "wordless" }, { style: "soft", seed: 3 }), 2);
    expect(again.map((p) => p.text)).toEqual(phrases.slice(0, 2).map((p) => p.text));
    expect(join(again)).toEqual(join(phrases.slice(0, 2)));
  }, 120_000);
});
