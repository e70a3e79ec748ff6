import { describe, expect, it } from "vitest";
import { POWER_CASES } from "./fixtures.generated";
import { MIN_PAST_VALUES, powerGuidance } from "./power";

describe("power guidance before an experiment", () => {
  it("says 'not enough past data: default 6 pairs' with too few past evenings", () => {
    const g = powerGuidance("anxiety-change", [-5, -10, -3], 10);
    expect(g.enough).toBe(false);
    expect(g.suggestedPairs).toBe(6);
    expect(g.message).toMatch(/^Not enough past data \(3 of 8 evenings with anxiety\): default 6 pairs\.$/);
    expect(powerGuidance("anxiety-change", Array(MIN_PAST_VALUES - 1).fill(1), 10).enough).toBe(false);
  });

  it("ignores non-finite past values", () => {
    const g = powerGuidance("tingles", [1, 2, Number.NaN, 3, 4, 5, 6, 7], 1);
    expect(g.enough).toBe(false);
    expect(g.pastValues).toBe(7);
  });

  for (const c of POWER_CASES) {
    it(`matches statsmodels TTestPower for ${c.outcome}`, () => {
      const g = powerGuidance(c.outcome, c.past, c.mid);
      if (!g.enough) throw new Error("expected guidance");
      const tol = 1e-12 * Math.max(1, c.expected.sdEvening);
      expect(Math.abs(g.sdEvening - c.expected.sdEvening)).toBeLessThanOrEqual(tol);
      expect(Math.abs(g.sdDifference - c.expected.sdDifference)).toBeLessThanOrEqual(2 * tol);
      expect(g.targets.map((t) => t.pairs)).toEqual([c.expected.pairs05, c.expected.pairs08]);
      expect(Math.abs(g.forMid.dz - c.expected.midDz)).toBeLessThanOrEqual(1e-12);
      expect(g.forMid.pairs).toBe(c.expected.pairsMid);
      expect(g.suggestedPairs).toBe(Math.min(20, Math.max(6, c.expected.pairsMid)));
      expect(g.message).toContain(`${c.expected.pairs05} pairs`);
    });
  }
});
