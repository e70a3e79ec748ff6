/**
 * Expectation (issue 15): does the difference survive adjusting for how much the person expected
 * the evening to help? OLS of the outcome on an intercept, the arm (1 = condition, 0 = control) and
 * the 0–10 expectation rating, over every evening with both values; and the Pearson correlation of
 * expectation with outcome, with a 95 % interval by Fisher's z (tanh(atanh r ± z₀.₉₇₅/√(n − 3))).
 */
import { normalQuantile } from "../../stats/normal";
import { type OlsCoefficient, ols } from "./ols";
import type { ArmEvening } from "./pairs";

export interface ExpectationAnalysis {
  readonly n: number;
  /** Coefficient of condition adjusted for expectation; null when the regression cannot be fitted. */
  readonly adjustedDifference: OlsCoefficient | null;
  /** Coefficient of expectation (outcome units per rating point). */
  readonly expectationSlope: OlsCoefficient | null;
  /** Pearson r of expectation with outcome; null with fewer than 4 evenings or a constant variable. */
  readonly correlation: { readonly r: number; readonly lower: number; readonly upper: number } | null;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (!(sxx > 0 && syy > 0)) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

export function expectationAnalysis(evenings: readonly ArmEvening[]): ExpectationAnalysis {
  const used = evenings.filter(
    (e) =>
      e.outcome !== null &&
      Number.isFinite(e.outcome) &&
      e.expectation !== null &&
      Number.isFinite(e.expectation),
  );
  const y = used.map((e) => e.outcome as number);
  const expectation = used.map((e) => e.expectation as number);
  const arm = used.map((e) => (e.arm === "condition" ? 1 : 0));
  const n = used.length;
  const fit = n >= 4 ? ols(y, [used.map(() => 1), arm, expectation]) : null;
  let correlation: ExpectationAnalysis["correlation"] = null;
  const r = n >= 4 ? pearson(expectation, y) : null;
  if (r !== null) {
    const z = normalQuantile(0.975) / Math.sqrt(n - 3);
    const zr = Math.atanh(r);
    correlation = { r, lower: Math.tanh(zr - z), upper: Math.tanh(zr + z) };
  }
  return {
    n,
    adjustedDifference: fit?.coefficients[1] ?? null,
    expectationSlope: fit?.coefficients[2] ?? null,
    correlation,
  };
}
