import { describe, expect, it } from "vitest";
import { careLevel, combinedCareLevel } from "./care";
import { GAD7 } from "./gad7";
import { PFIZER_CREDIT } from "./phq-family";
import { PHQ8, PHQ8_NO_SUICIDE_ITEM_NOTE } from "./phq8";
import { scoreInstrument } from "./score";

function answersFor(total: number): Record<string, number> {
  const answers: Record<string, number> = {};
  let left = total;
  for (let i = 1; i <= 8; i++) {
    const v = Math.min(3, left);
    answers[`phq8_${i}`] = v;
    left -= v;
  }
  if (left !== 0) throw new Error(`cannot make ${total}`);
  return answers;
}

describe("PHQ-8 data", () => {
  it("has 8 published items verbatim, no self-harm item, and the Pfizer credit line", () => {
    expect(PHQ8.items).toHaveLength(8);
    expect(PHQ8.items.map((i) => i.text)).toEqual([
      "Little interest or pleasure in doing things",
      "Feeling down, depressed, or hopeless",
      "Trouble falling or staying asleep, or sleeping too much",
      "Feeling tired or having little energy",
      "Poor appetite or overeating",
      "Feeling bad about yourself—or that you are a failure or have let yourself or your family down",
      "Trouble concentrating on things, such as reading the newspaper or watching television",
      "Moving or speaking so slowly that other people could have noticed. Or the opposite—being so fidgety or restless that you have been moving around a lot more than usual",
    ]);
    expect(PHQ8.items.some((i) => /better off dead|hurting yourself/i.test(i.text))).toBe(false);
    expect(PHQ8.instructions).toBe(
      "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
    );
    expect(PHQ8.credit).toBe(PFIZER_CREDIT);
    expect(PHQ8.scoring).toEqual({ kind: "sum", min: 0, max: 24 });
  });
});

describe("PHQ-8 scoring at every band boundary", () => {
  it.each([
    [0, "none"],
    [4, "none"],
    [5, "mild"],
    [9, "mild"],
    [10, "moderate"],
    [14, "moderate"],
    [15, "moderately severe"],
    [19, "moderately severe"],
    [20, "severe"],
    [24, "severe"],
  ])("total %i → %s", (total, label) => {
    const result = scoreInstrument(PHQ8, answersFor(total));
    expect(result.total).toBe(total);
    expect(result.bandLabel).toBe(label);
    expect(result.interpretation).toContain("screening score, not a diagnosis");
  });

  it("severity is shared vocabulary across instruments", () => {
    expect(scoreInstrument(PHQ8, answersFor(3)).severity).toBe("minimal");
    expect(scoreInstrument(PHQ8, answersFor(17)).severity).toBe("moderately-severe");
  });
});

describe("care level", () => {
  it("is prominent from PHQ-8 15, standard at 14, and always shows resources", () => {
    const at14 = careLevel(scoreInstrument(PHQ8, answersFor(14)));
    const at15 = careLevel(scoreInstrument(PHQ8, answersFor(15)));
    expect(at14.level).toBe("standard");
    expect(at15.level).toBe("prominent");
    expect(at14.showCrisisResources).toBe(true);
    expect(at15.message).not.toBe(at14.message);
  });

  it("notes that the PHQ-8 has no self-harm question", () => {
    expect(careLevel(scoreInstrument(PHQ8, answersFor(2))).notes).toEqual([PHQ8_NO_SUICIDE_ITEM_NOTE]);
    expect(careLevel(scoreInstrument(GAD7, { gad7_1: 0 })).notes).toEqual([]);
  });

  it("stays standard for an incomplete result", () => {
    const partial = answersFor(24);
    delete partial.phq8_8;
    expect(careLevel(scoreInstrument(PHQ8, partial)).level).toBe("standard");
  });

  it("combines results: prominent if any is", () => {
    const low = scoreInstrument(PHQ8, answersFor(2));
    const high = scoreInstrument(PHQ8, answersFor(20));
    expect(combinedCareLevel([low]).level).toBe("standard");
    expect(combinedCareLevel([low, high]).level).toBe("prominent");
    expect(combinedCareLevel([low, high]).notes).toHaveLength(1);
  });
});
