import { describe, expect, it } from "vitest";
import { PROMPT_CATEGORIES, type Prompt, PromptSchema } from "../api/prompt";
import {
  BUILT_IN_PROMPTS,
  findBuiltInPrompt,
  PROMPT_CATEGORY_INFO,
  pickPrompt,
  promptsByCategory,
} from "./index";

function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

function wordSimilarity(a: string, b: string): number {
  const wa = new Set(normalise(a).split(" "));
  const wb = new Set(normalise(b).split(" "));
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared);
}

/** Small seeded PRNG (mulberry32) so picks are reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("built-in prompt library", () => {
  it("has at least 72 prompts and at least 12 in every category", () => {
    expect(BUILT_IN_PROMPTS.length).toBeGreaterThanOrEqual(72);
    for (const category of PROMPT_CATEGORIES) {
      const inCategory = BUILT_IN_PROMPTS.filter((p) => p.category === category);
      expect(inCategory.length, category).toBeGreaterThanOrEqual(12);
      expect(promptsByCategory(category)).toEqual(inCategory);
    }
  });

  it("keeps mindfulness-01 as the first prompt", () => {
    expect(BUILT_IN_PROMPTS[0]?.id).toBe("mindfulness-01");
  });

  it("has valid, built-in prompts", () => {
    for (const p of BUILT_IN_PROMPTS) {
      expect(PromptSchema.parse(p)).toEqual(p);
      expect(p.builtIn).toBe(true);
    }
  });

  it("has unique ids of the form <category>-NN matching the prompt's category", () => {
    const ids = BUILT_IN_PROMPTS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of BUILT_IN_PROMPTS) {
      expect(p.id).toMatch(/^[a-z]+(-[a-z]+)*-\d{2}$/);
      expect(p.id.slice(0, -3), p.id).toBe(p.category);
    }
  });

  it("numbers each category 01, 02, ... without gaps", () => {
    for (const category of PROMPT_CATEGORIES) {
      const ids = promptsByCategory(category).map((p) => p.id);
      const expected = ids.map((_, i) => `${category}-${String(i + 1).padStart(2, "0")}`);
      expect(ids).toEqual(expected);
    }
  });

  it("has no duplicate or near-duplicate texts", () => {
    const seen = new Map<string, string>();
    for (const p of BUILT_IN_PROMPTS) {
      const key = normalise(p.text);
      expect(seen.get(key), `${p.id} duplicates ${seen.get(key)}`).toBeUndefined();
      seen.set(key, p.id);
    }
    for (let i = 0; i < BUILT_IN_PROMPTS.length; i++) {
      for (let j = i + 1; j < BUILT_IN_PROMPTS.length; j++) {
        const a = BUILT_IN_PROMPTS[i] as Prompt;
        const b = BUILT_IN_PROMPTS[j] as Prompt;
        expect(wordSimilarity(a.text, b.text), `${a.id} vs ${b.id}`).toBeLessThan(0.6);
      }
    }
  });

  it("has short, tidy texts ending with ? or .", () => {
    for (const p of BUILT_IN_PROMPTS) {
      expect(p.text, p.id).toMatch(/[?.]$/);
      expect(p.text, p.id).toBe(p.text.trim());
      expect(p.text.length, p.id).toBeLessThanOrEqual(160);
      const sentences = p.text.split(/[.?!](?:\s|$)/).filter((s) => s.trim() !== "");
      expect(sentences.length, p.id).toBeLessThanOrEqual(2);
    }
  });

  it("makes no treatment or cure claims", () => {
    for (const p of BUILT_IN_PROMPTS) {
      expect(p.text, p.id).not.toMatch(
        /\b(cure|cures|heal|heals|treat|treats|treatment|therapy|insomnia)\b/i,
      );
    }
  });

  it("describes every category for the UI", () => {
    expect(Object.keys(PROMPT_CATEGORY_INFO).sort()).toEqual([...PROMPT_CATEGORIES].sort());
    for (const category of PROMPT_CATEGORIES) {
      const info = PROMPT_CATEGORY_INFO[category];
      expect(info.label.trim()).not.toBe("");
      expect(info.description.trim()).not.toBe("");
      expect(info.description).not.toContain("\n");
    }
  });
});

describe("findBuiltInPrompt", () => {
  it("finds prompts by id", () => {
    for (const p of BUILT_IN_PROMPTS) expect(findBuiltInPrompt(p.id)).toBe(p);
    expect(findBuiltInPrompt("sleep-01")?.category).toBe("sleep");
  });

  it("returns undefined for unknown ids", () => {
    expect(findBuiltInPrompt("sleep-99")).toBeUndefined();
    expect(findBuiltInPrompt("")).toBeUndefined();
    expect(findBuiltInPrompt("MINDFULNESS-01")).toBeUndefined();
  });
});

describe("pickPrompt", () => {
  it("picks only from the given category", () => {
    for (const category of PROMPT_CATEGORIES) {
      const random = seeded(7);
      for (let i = 0; i < 50; i++) {
        expect(pickPrompt(promptsByCategory(category), random)?.category).toBe(category);
      }
    }
  });

  it("never returns the excluded prompt", () => {
    const sleep = promptsByCategory("sleep");
    const random = seeded(42);
    for (let i = 0; i < 200; i++) {
      expect(pickPrompt(sleep, random, "sleep-03")?.id).not.toBe("sleep-03");
    }
    // Even when the random source points straight at the excluded prompt.
    expect(pickPrompt(sleep, () => 0, "sleep-01")?.id).toBe("sleep-02");
  });

  it("is deterministic for a given random function", () => {
    const run = (seed: number) => {
      const random = seeded(seed);
      return Array.from({ length: 30 }, () => pickPrompt(BUILT_IN_PROMPTS, random)?.id);
    };
    expect(run(123)).toEqual(run(123));
    expect(pickPrompt(BUILT_IN_PROMPTS, () => 0)).toBe(BUILT_IN_PROMPTS[0]);
    expect(pickPrompt(BUILT_IN_PROMPTS, () => 0.999999)).toBe(BUILT_IN_PROMPTS.at(-1));
  });

  it("reaches every prompt in a category", () => {
    const gratitude = promptsByCategory("gratitude");
    const picked = gratitude.map((_, i) => pickPrompt(gratitude, () => (i + 0.5) / gratitude.length)?.id);
    expect(picked).toEqual(gratitude.map((p) => p.id));
  });

  it("clamps out-of-range random values", () => {
    const sleep = promptsByCategory("sleep");
    expect(pickPrompt(sleep, () => 1)).toBe(sleep.at(-1));
    expect(pickPrompt(sleep, () => -0.5)).toBe(sleep[0]);
    expect(pickPrompt(sleep, () => Number.NaN)).toBe(sleep[0]);
  });

  it("returns undefined when nothing is left to pick", () => {
    const one = promptsByCategory("sleep").slice(0, 1);
    expect(pickPrompt([], () => 0.5)).toBeUndefined();
    expect(pickPrompt(one, () => 0.5, one[0]?.id)).toBeUndefined();
    expect(pickPrompt(one, () => 0.5, "sleep-99")).toBe(one[0]);
  });

  it("does not call random when there is nothing to pick", () => {
    let calls = 0;
    pickPrompt([], () => {
      calls++;
      return 0;
    });
    expect(calls).toBe(0);
  });
});
