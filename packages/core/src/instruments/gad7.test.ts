import { describe, expect, it } from "vitest";
import { careLevel } from "./care";
import { GAD7 } from "./gad7";
import { PFIZER_CREDIT } from "./phq-family";
import { scoreInstrument } from "./score";

/** Answers that sum to `total` across the 7 scored items (filling item 1 first with 3s). */
function answersFor(total: number): Record<string, number> {
  const answers: Record<string, number> = {};
  let left = total;
  for (let i = 1; i <= 7; i++) {
    const v = Math.min(3, left);
    answers[`gad7_${i}`] = v;
    left -= v;
  }
  if (left !== 0) throw new Error(`cannot make ${total}`);
  return answers;
}

describe("GAD-7 data", () => {
  it("has the 7 published items verbatim, the stem and the Pfizer credit line", () => {
    const scored = GAD7.items.filter((i) => i.kind === "choice" && i.scored !== false);
    expect(scored.map((i) => i.text)).toEqual([
      "Feeling nervous, anxious, or on edge",
      "Not being able to stop or control worrying",
      "Worrying too much about different things",
      "Trouble relaxing",
      "Being so restless that it is hard to sit still",
      "Becoming easily annoyed or irritable",
      "Feeling afraid, as if something awful might happen",
    ]);
    expect(GAD7.instructions).toBe(
      "Over the last 2 weeks, how often have you been bothered by the following problems?",
    );
    expect(GAD7.credit).toBe(PFIZER_CREDIT);
    expect(GAD7.credit).toContain("with an educational grant from Pfizer Inc.");
    expect(GAD7.credit).toContain("No permission required to reproduce, translate, display or distribute.");
    expect(GAD7.options.map((o) => [o.value, o.label])).toEqual([
      [0, "Not at all"],
      [1, "Several days"],
      [2, "More than half the days"],
      [3, "Nearly every day"],
    ]);
    expect(GAD7.screening).toBe(true);
    expect(GAD7.cadenceDays).toBe(14);
  });

  it("bands cover 0–21 without gaps", () => {
    const bands = GAD7.bands ?? [];
    expect(bands[0]?.min).toBe(0);
    expect(bands.at(-1)?.max).toBe(21);
    for (let i = 1; i < bands.length; i++) expect(bands[i]?.min).toBe((bands[i - 1]?.max ?? -99) + 1);
  });
});

describe("GAD-7 scoring at every band boundary", () => {
  it.each([
    [0, "minimal"],
    [4, "minimal"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "severe"],
    [21, "severe"],
  ])("total %i → %s", (total, label) => {
    const result = scoreInstrument(GAD7, answersFor(total));
    expect(result.complete).toBe(true);
    expect(result.total).toBe(total);
    expect(result.bandLabel).toBe(label);
    expect(result.band?.id).toBe(label);
    expect(result.severity).toBe(label);
    expect(result.interpretation).toContain("screening score, not a diagnosis");
    expect(result.credit).toBe(PFIZER_CREDIT);
  });

  it("a total of 10 reads as moderate and suggests talking with a professional", () => {
    const result = scoreInstrument(GAD7, answersFor(10));
    expect(result.interpretation).toContain('"moderate"');
    expect(result.interpretation).toContain("Scores of 10 or more");
    expect(scoreInstrument(GAD7, answersFor(9)).interpretation).not.toContain("Scores of 10 or more");
  });

  it("does not count the optional difficulty item", () => {
    const result = scoreInstrument(GAD7, { ...answersFor(6), gad7_difficulty: 3 });
    expect(result.total).toBe(6);
    expect(result.itemScores.gad7_difficulty).toBeUndefined();
  });

  it("care becomes prominent at 15, not at 14", () => {
    expect(careLevel(scoreInstrument(GAD7, answersFor(14))).level).toBe("standard");
    expect(careLevel(scoreInstrument(GAD7, answersFor(15))).level).toBe("prominent");
  });
});

describe("GAD-7 answer validation", () => {
  it("an incomplete set has no total and lists the missing items", () => {
    const answers = answersFor(8);
    delete answers.gad7_3;
    delete answers.gad7_7;
    const result = scoreInstrument(GAD7, answers);
    expect(result.complete).toBe(false);
    expect(result.valid).toBe(true);
    expect(result.total).toBeNull();
    expect(result.band).toBeNull();
    expect(result.missing).toEqual(["gad7_3", "gad7_7"]);
    expect(result.interpretation).toContain("5 of 7 questions answered");
  });

  it("out-of-range, wrong-typed and unknown answers are issues, not throws", () => {
    const result = scoreInstrument(GAD7, { ...answersFor(0), gad7_1: 4, gad7_2: "2", gad7_9: 1 });
    expect(result.total).toBeNull();
    expect(result.valid).toBe(false);
    expect(result.issues.map((i) => [i.itemId, i.code])).toEqual([
      ["gad7_1", "not-an-option"],
      ["gad7_2", "wrong-type"],
      ["gad7_9", "unknown-item"],
    ]);
    expect(result.issues[0]?.message).toContain("isn't one of the choices (0, 1, 2, 3)");
  });

  it("null counts as unanswered", () => {
    expect(scoreInstrument(GAD7, { ...answersFor(3), gad7_4: null }).missing).toEqual(["gad7_4"]);
  });
});
