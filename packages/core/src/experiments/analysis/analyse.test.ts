import { describe, expect, it } from "vitest";
import { EXPERIMENT_CASES } from "../fixtures.generated";
import { analyseExperiment } from "./analyse";
import { ols } from "./ols";
import type { AnalysisInput } from "./types";

/** |actual − expected| ≤ tol · max(1, |expected|) */
function close(actual: number | null | undefined, expected: number | null, tol = 1e-10, what = ""): void {
  if (expected === null) {
    expect(actual ?? null, what).toBeNull();
    return;
  }
  expect(actual, what).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol * Math.max(1, Math.abs(expected)),
  );
}

function inputOf(c: (typeof EXPERIMENT_CASES)[number]): AnalysisInput {
  return {
    outcome: c.input.outcome,
    minimalImportantDifference: c.input.mid,
    plannedPairs: c.input.plannedPairs,
    blinding: c.input.blinding,
    evenings: c.input.evenings,
    deviations: c.input.deviations,
  };
}

describe("experiment analysis equals the scipy/statsmodels reference", () => {
  for (const c of EXPERIMENT_CASES) {
    describe(c.name, () => {
      const a = analyseExperiment(inputOf(c));
      const x = c.expected;

      it("finds the complete pairs, their differences and the missed evenings", () => {
        expect(a.pairs.map((p) => p.pair)).toEqual(x.completePairs);
        expect(a.pairs.map((p) => p.difference)).toEqual(x.differences);
        expect(a.missedEvenings).toEqual(x.missedEvenings);
      });

      it("counts guesses and computes Bang's blinding index per arm", () => {
        for (const arm of ["condition", "control"] as const) {
          const got = a.blinding[arm];
          const want = x.blinding[arm];
          expect([got.n, got.correct, got.incorrect, got.dontKnow]).toEqual([
            want.n,
            want.correct,
            want.incorrect,
            want.dontKnow,
          ]);
          close(got.index, want.index, 1e-12, `${arm} BI`);
          close(got.se, want.se, 1e-12, `${arm} BI se`);
        }
      });

      if (x.result === null) {
        it("says can't tell yet and gives no effect numbers", () => expect(a.result).toBeNull());
        return;
      }
      const want = x.result;

      it("mean difference, t interval and standardised effect", () => {
        const e = a.result?.effect;
        expect(e?.pairs).toBe(want.effect.pairs);
        for (const k of ["mean", "sd", "se", "lower", "upper", "dz", "gz"] as const)
          close(e?.[k], want.effect[k], 1e-10, k);
      });

      it("exact randomisation test, two-sided and in the direction of benefit (exact p)", () => {
        const r = a.result?.randomisation;
        expect(r?.assignments).toBe(want.randomisation.assignments);
        expect(r?.twoSided).toBe(want.randomisation.twoSided);
        expect(r?.oneSided).toBe(want.randomisation.oneSided);
      });

      it("Bayesian posterior, credible interval and P(benefit > MID)", () => {
        const b = a.result?.bayes;
        for (const k of [
          "mean",
          "scale",
          "df",
          "lower",
          "upper",
          "probabilityOfBenefit",
          "probabilityBeyondMid",
        ] as const)
          close(b?.[k], want.bayes[k], 1e-10, k);
      });

      it("expectation-adjusted difference and correlation", () => {
        const ex = a.result?.expectation;
        expect(ex?.n).toBe(want.expectation.n);
        for (const part of ["adjustedDifference", "expectationSlope"] as const)
          for (const k of ["estimate", "se", "lower", "upper"] as const)
            close(ex?.[part]?.[k], want.expectation[part][k], 1e-10, `${part}.${k}`);
        for (const k of ["r", "lower", "upper"] as const)
          close(ex?.correlation?.[k], want.expectation.correlation[k], 1e-10, `r.${k}`);
      });

      it("carry-over (order) check and trend", () => {
        const o = a.result?.order;
        expect(o?.conditionFirst.n).toBe(want.order.nFirst);
        expect(o?.conditionSecond.n).toBe(want.order.nSecond);
        if (want.order.pValue !== null) {
          for (const k of ["difference", "lower", "upper", "t", "df", "pValue"] as const)
            close(o?.[k], want.order[k], 1e-10, `order.${k}`);
        } else expect(o?.pValue).toBeNull();
        expect(a.result?.trend.n).toBe(want.trend.n);
        for (const k of ["estimate", "se", "lower", "upper"] as const)
          close(a.result?.trend.slope?.[k], want.trend.slope[k], 1e-10, `trend.${k}`);
      });
    });
  }
});

describe("analysis rules", () => {
  const base = EXPERIMENT_CASES[0];

  it("leaves incomplete pairs out and lists them", () => {
    const c = EXPERIMENT_CASES.find((k) => k.name === "incomplete-pairs");
    if (!c) throw new Error("fixture missing");
    const a = analyseExperiment(inputOf(c));
    expect(a.incompletePairs).toEqual([3, 5]);
    expect(a.result?.randomisation.assignments).toBe(2 ** 4);
  });

  it("carries the early stop and unblinding into the result", () => {
    const c = EXPERIMENT_CASES.find((k) => k.name === "too-few");
    if (!c) throw new Error("fixture missing");
    expect(analyseExperiment(inputOf(c)).deviations).toEqual({
      stoppedEarlyOn: "2026-12-04",
      unblindedEarlyOn: "2026-12-04",
    });
  });

  it("refuses a non-positive MID", () => {
    expect(() => analyseExperiment({ ...inputOf(base), minimalImportantDifference: 0 })).toThrow(
      /minimalImportantDifference/,
    );
  });

  it("enumerates all 2^20 orders for a 20-pair experiment", () => {
    const evenings = [];
    for (let p = 1; p <= 20; p++) {
      evenings.push({
        index: 2 * p - 1,
        pair: p,
        date: "2026-01-01",
        soundscape: "A" as const,
        outcome: (p % 5) - 4,
        expectation: 5,
        guess: null,
      });
      evenings.push({
        index: 2 * p,
        pair: p,
        date: "2026-01-02",
        soundscape: "B" as const,
        outcome: 0,
        expectation: 5,
        guess: null,
      });
    }
    const a = analyseExperiment({ ...inputOf(base), plannedPairs: 20, evenings });
    expect(a.result?.randomisation.assignments).toBe(2 ** 20);
  });
});

describe("ols", () => {
  it("recovers an exact line and refuses collinear or saturated designs", () => {
    const x = [1, 2, 3, 4, 5];
    const fit = ols(
      x.map((v) => 2 + 3 * v + (v % 2 ? 0.1 : -0.1)),
      [x.map(() => 1), x],
    );
    close(fit?.coefficients[1]?.estimate, 3, 1e-2);
    expect(
      ols(
        [1, 2, 3],
        [
          [1, 1, 1],
          [2, 2, 2],
        ],
      ),
    ).toBeNull();
    expect(
      ols(
        [1, 2],
        [
          [1, 1],
          [0, 1],
        ],
      ),
    ).toBeNull();
  });
});
