import { Rng } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import {
  isStopListed,
  PSEUDO_WORD_STOP_LIST,
  phraseSeconds,
  pseudoPhrase,
  pseudoWords,
} from "./pseudo-words";

describe("pseudo-words", () => {
  it("are the same for the same seed and differ between seeds", () => {
    expect(pseudoWords(42, 50)).toEqual(pseudoWords(42, 50));
    expect(pseudoWords(42, 50)).not.toEqual(pseudoWords(43, 50));
    expect(pseudoWords(7, 0)).toEqual([]);
    expect(() => pseudoWords(1, -1)).toThrow(RangeError);
    expect(() => pseudoWords(1, 1.5)).toThrow(RangeError);
  });

  it("are lower-case letters only, one to three soft syllables, and varied", () => {
    const words = pseudoWords(2026, 5000);
    for (const w of words) {
      expect(w).toMatch(/^[a-z]{2,14}$/);
      // No three consonant letters in a row apart from the digraphs sh and th.
      expect(w.replace(/sh|th/g, "S")).not.toMatch(/[^aeiouS]{3}/);
    }
    expect(new Set(words).size).toBeGreaterThan(1500);
    const mean = words.reduce((n, w) => n + w.length, 0) / words.length;
    expect(mean).toBeGreaterThan(3.5);
    expect(mean).toBeLessThan(7);
  });

  it("never produce a word on the stop-list, over many seeds", () => {
    for (let seed = 0; seed < 200; seed++) {
      for (const w of pseudoWords(seed, 200)) expect(isStopListed(w), `${w} (seed ${seed})`).toBe(false);
    }
  });

  it("the stop-list guards words the syllable rules can actually spell", () => {
    // Without the filter these would come out: the generator spells them from its own parts.
    const spellable = /^((h|s|sh|f|th|l|m|n|w|p|t|k|v|r)(a|e|i|o|u|ee|oo)(n|s|l|m|sh|th)?){1,3}$/;
    const guarded = [...PSEUDO_WORD_STOP_LIST].filter((w) => spellable.test(w));
    expect(guarded.length).toBeGreaterThan(60);
    expect(isStopListed("Moon")).toBe(true);
    expect(isStopListed("lomi")).toBe(false);
  });

  it("phrases last 1 to 6 seconds at 150 words per minute, with varied lengths", () => {
    const rng = new Rng(99);
    const lengths = new Set<number>();
    let short = 0;
    let long = 0;
    for (let i = 0; i < 2000; i++) {
      const phrase = pseudoPhrase(rng);
      const seconds = phraseSeconds(phrase, 150);
      expect(seconds).toBeGreaterThanOrEqual(1);
      expect(seconds).toBeLessThanOrEqual(6);
      lengths.add(phrase.length);
      if (seconds < 2.5) short++;
      if (seconds > 4.5) long++;
    }
    expect(lengths.size).toBeGreaterThanOrEqual(10);
    expect(short).toBeGreaterThan(long);
    expect(long).toBeGreaterThan(0);
  });

  it("a phrase from a seed is deterministic, and options bound its length", () => {
    expect(pseudoPhrase(5)).toEqual(pseudoPhrase(5));
    for (let seed = 0; seed < 300; seed++) {
      const p = pseudoPhrase(seed, { wpm: 120, minSeconds: 2, maxSeconds: 3 });
      expect(phraseSeconds(p, 120)).toBeGreaterThanOrEqual(2);
      expect(phraseSeconds(p, 120)).toBeLessThanOrEqual(3);
    }
    expect(() => pseudoPhrase(1, { wpm: 0 })).toThrow(RangeError);
    expect(() => pseudoPhrase(1, { minSeconds: 5, maxSeconds: 2 })).toThrow(RangeError);
  });
});
