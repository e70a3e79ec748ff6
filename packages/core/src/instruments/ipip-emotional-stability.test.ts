import { describe, expect, it } from "vitest";
import { IPIP_EMOTIONAL_STABILITY as IPIP, neuroticismFromStability } from "./ipip-emotional-stability";
import { itemScore, scoreInstrument } from "./score";
import type { ChoiceItem } from "./types";

const items = IPIP.items as readonly ChoiceItem[];
const all = (value: number) => Object.fromEntries(items.map((i) => [i.id, value]));

describe("IPIP emotional stability data", () => {
  it("has the 10 Factor IV items verbatim with two + keys and eight − keys", () => {
    expect(items).toHaveLength(10);
    expect(items.filter((i) => !i.reverse).map((i) => i.text)).toEqual([
      "Am relaxed most of the time.",
      "Seldom feel blue.",
    ]);
    expect(
      items
        .filter((i) => i.reverse)
        .map((i) => i.text)
        .sort(),
    ).toEqual(
      [
        "Get stressed out easily.",
        "Worry about things.",
        "Am easily disturbed.",
        "Get upset easily.",
        "Change my mood a lot.",
        "Have frequent mood swings.",
        "Get irritated easily.",
        "Often feel blue.",
      ].sort(),
    );
    expect(IPIP.options.map((o) => o.label)).toEqual([
      "Very Inaccurate",
      "Moderately Inaccurate",
      "Neither Inaccurate nor Accurate",
      "Moderately Accurate",
      "Very Accurate",
    ]);
    expect(IPIP.bands).toBeUndefined();
    expect(IPIP.screening).toBe(false);
    expect(IPIP.credit).toContain("ipip.ori.org");
  });
});

describe("IPIP reverse keying and scoring", () => {
  it("reverse-keyed items score 5→1, + items 1→5", () => {
    const reversed = items.find((i) => i.reverse);
    const plain = items.find((i) => !i.reverse);
    if (!reversed || !plain) throw new Error("fixture");
    expect([1, 2, 3, 4, 5].map((v) => itemScore(IPIP, reversed, v))).toEqual([5, 4, 3, 2, 1]);
    expect([1, 2, 3, 4, 5].map((v) => itemScore(IPIP, plain, v))).toEqual([1, 2, 3, 4, 5]);
  });

  it("answering 'Very Accurate' to everything gives 2×5 + 8×1 = 18", () => {
    const result = scoreInstrument(IPIP, all(5));
    expect(result.total).toBe(18);
    expect(result.derived.neuroticism).toBe(42);
  });

  it("the calmest possible answers give 50, the least calm 10", () => {
    const calm = Object.fromEntries(items.map((i) => [i.id, i.reverse ? 1 : 5]));
    const stirred = Object.fromEntries(items.map((i) => [i.id, i.reverse ? 5 : 1]));
    expect(scoreInstrument(IPIP, calm).total).toBe(50);
    expect(scoreInstrument(IPIP, calm).percentOfRange).toBe(100);
    expect(scoreInstrument(IPIP, stirred).total).toBe(10);
    expect(scoreInstrument(IPIP, stirred).percentOfRange).toBe(0);
    expect(scoreInstrument(IPIP, stirred).derived.neuroticism).toBe(50);
  });

  it("all-neutral answers sit in the middle of the range", () => {
    const result = scoreInstrument(IPIP, all(3));
    expect(result.total).toBe(30);
    expect(result.percentOfRange).toBe(50);
    expect(result.interpretation).toContain("right in the middle");
  });

  it("is described against the range, never banded", () => {
    const result = scoreInstrument(IPIP, all(2));
    expect(result.band).toBeNull();
    expect(result.bandLabel).toBeNull();
    expect(result.severity).toBeNull();
    expect(result.interpretation).toContain("from 10 to 50");
    expect(result.interpretation).toContain("not a diagnosis");
    expect(result.interpretation).toContain(`it is ${result.derived.neuroticism}`);
  });

  it("rejects 0 and 6 (the scale is 1–5)", () => {
    expect(scoreInstrument(IPIP, { ...all(3), ipip_es_1: 0 }).issues[0]?.code).toBe("not-an-option");
    expect(scoreInstrument(IPIP, { ...all(3), ipip_es_2: 6 }).total).toBeNull();
  });

  it("neuroticism is 60 − stability", () => {
    expect(neuroticismFromStability(10)).toBe(50);
    expect(neuroticismFromStability(50)).toBe(10);
  });
});
