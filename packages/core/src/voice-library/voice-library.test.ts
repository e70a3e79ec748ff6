import { describe, expect, it } from "vitest";
import {
  BODY_SCAN,
  STORIES,
  spokenMinutes,
  storyById,
  VOICE_CONTENT_IDS,
  voiceContentById,
  WIND_DOWN_SETS,
  wordCount,
} from "./index";

/** Every piece of text a voice may read, with where it came from for failure messages. */
function allTexts(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  for (const s of [...STORIES, BODY_SCAN]) {
    out.push({ where: `${s.id} title`, text: s.title });
    out.push({ where: `${s.id} summary`, text: s.summary });
    out.push({ where: `${s.id} setting`, text: s.setting });
    s.paragraphs.forEach((p, i) => {
      out.push({ where: `${s.id} paragraph ${i}`, text: p });
    });
  }
  for (const set of WIND_DOWN_SETS) {
    out.push({ where: `${set.id} title`, text: set.title });
    set.lines.forEach((l, i) => {
      out.push({ where: `${set.id} line ${i}`, text: l });
    });
  }
  return out;
}

describe("voice library: stories", () => {
  it("has at least twelve stories, the whole library well over an hour and a half of listening", () => {
    expect(STORIES.length).toBeGreaterThanOrEqual(12);
    const totalWords = STORIES.reduce((n, s) => n + wordCount(s), 0);
    expect(totalWords).toBeGreaterThanOrEqual(13000);
  });

  it("each story lasts 5 to 20 minutes at 130 words per minute", () => {
    for (const story of STORIES) {
      const minutes = spokenMinutes(story, 130);
      expect(minutes, story.id).toBeGreaterThanOrEqual(5);
      expect(minutes, story.id).toBeLessThanOrEqual(20);
    }
  });

  it("ids are unique kebab-case across stories, body scan and wind-down sets", () => {
    for (const id of VOICE_CONTENT_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(VOICE_CONTENT_IDS).size).toBe(VOICE_CONTENT_IDS.length);
    expect(VOICE_CONTENT_IDS.length).toBe(STORIES.length + 1 + WIND_DOWN_SETS.length);
  });

  it("stories have a title, a one-sentence summary, a setting and several paragraphs", () => {
    for (const story of [...STORIES, BODY_SCAN]) {
      expect(story.title.trim(), story.id).not.toBe("");
      expect(story.setting.trim(), story.id).not.toBe("");
      expect(story.summary, story.id).toMatch(/^[A-Z][^.!?]*[.!?]$/);
      expect(story.paragraphs.length, story.id).toBeGreaterThanOrEqual(8);
      for (const p of story.paragraphs) expect(p.trim(), story.id).toBe(p);
    }
  });

  it("every story ends by winding down into sleep", () => {
    for (const story of [...STORIES, BODY_SCAN]) {
      expect(story.paragraphs.at(-1), story.id).toMatch(/\bsleep\.$/);
    }
  });

  it("no two stories share a paragraph (each is its own text)", () => {
    const seen = new Map<string, string>();
    for (const story of STORIES) {
      for (const p of story.paragraphs) {
        expect(seen.get(p), `${story.id} repeats a paragraph of ${seen.get(p)}`).toBeUndefined();
        seen.set(p, story.id);
      }
    }
  });
});

describe("voice library: body scan and wind-down lines", () => {
  it("the body scan is present, found by id, and 600 to 1,200 words", () => {
    expect(BODY_SCAN.id).toBe("body-scan");
    expect(storyById("body-scan")).toBe(BODY_SCAN);
    expect(STORIES).not.toContain(BODY_SCAN);
    const words = wordCount(BODY_SCAN);
    expect(words).toBeGreaterThanOrEqual(600);
    expect(words).toBeLessThanOrEqual(1200);
    expect(BODY_SCAN.paragraphs.join(" ")).toMatch(/simply listen/);
  });

  it("there are at least 30 short wind-down lines in at least two sets", () => {
    expect(WIND_DOWN_SETS.length).toBeGreaterThanOrEqual(2);
    const lines = WIND_DOWN_SETS.flatMap((s) => s.lines);
    expect(lines.length).toBeGreaterThanOrEqual(30);
    expect(new Set(lines).size).toBe(lines.length);
    for (const line of lines) {
      const sentences = line.split(/[.!?](\s|$)/).filter((s) => /\p{L}/u.test(s));
      expect(sentences.length, line).toBeLessThanOrEqual(2);
      expect(line.split(/\s+/).length, line).toBeLessThanOrEqual(22);
    }
  });
});

describe("voice library: text a voice reads well", () => {
  it("has no characters a speech engine reads badly, and no Markdown", () => {
    for (const { where, text } of allTexts()) {
      expect(text, where).not.toMatch(/[&<>/\\0-9*#_`[\]|~^{}=+@%$]/);
      expect(text, where).not.toMatch(/—|–|\.\.\.|…/);
      expect(text, where).not.toMatch(/\s{2,}/);
    }
  });

  it("gives the reader a pause at least every 28 words (a comma or a full stop to breathe at)", () => {
    for (const { where, text } of allTexts()) {
      for (const run of text.split(/[.,;:!?]/)) {
        expect(run.trim().split(/\s+/).length, `${where}: ${run}`).toBeLessThanOrEqual(28);
      }
    }
  });

  it("tells of nothing alarming: no danger, loss, pain or fear", () => {
    const alarming =
      /\b(death|dead|die|dies|dying|danger\w*|afraid|fear\w*|scar(y|ed)|scream\w*|blood\w*|lonel\w*|alone|hurt\w*|pain|painful|storm\w*|nightmare\w*|panic\w*|lost|cry|crying|tears|sick|ill)\b/i;
    for (const { where, text } of allTexts()) expect(text, where).not.toMatch(alarming);
  });

  it("never claims to treat or diagnose anything", () => {
    for (const { where, text } of allTexts()) {
      expect(text, where).not.toMatch(/cure|treat|therap|diagnos|heal|insomnia|disorder|symptom/i);
    }
  });
});

describe("voice library: lookups and counts", () => {
  it("storyById finds every story and rejects unknown ids", () => {
    for (const story of STORIES) expect(storyById(story.id)).toBe(story);
    expect(storyById("no-such-story")).toBeUndefined();
    expect(storyById("")).toBeUndefined();
  });

  it("voiceContentById gives stories and wind-down sets their paragraphs", () => {
    const first = STORIES[0];
    if (!first) throw new Error("no stories");
    expect(voiceContentById(first.id)).toEqual({
      kind: "story",
      title: first.title,
      paragraphs: first.paragraphs,
    });
    expect(voiceContentById("body-scan")?.kind).toBe("story");
    for (const set of WIND_DOWN_SETS) {
      expect(voiceContentById(set.id)).toEqual({
        kind: "wind-down",
        title: set.title,
        paragraphs: set.lines,
      });
    }
    for (const id of VOICE_CONTENT_IDS) expect(voiceContentById(id), id).toBeDefined();
    expect(voiceContentById("nope")).toBeUndefined();
  });

  it("wordCount counts words with letters, and spokenMinutes divides by the rate", () => {
    const s = {
      id: "t",
      title: "T",
      summary: "S.",
      setting: "x",
      paragraphs: ["One, two  three.", "Da-dum - four"],
    };
    expect(wordCount(s)).toBe(5);
    expect(spokenMinutes(s, 5)).toBe(1);
    expect(spokenMinutes(s)).toBeCloseTo(5 / 130, 10);
    expect(() => spokenMinutes(s, 0)).toThrow(RangeError);
  });
});
