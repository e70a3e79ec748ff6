import { describe, expect, it } from "vitest";
import { combineMoments, mean, momentsOf, sd, subtractMoments, summaryFromMoments } from "./descriptive";
import { cohenDz, hedgesCorrection, hedgesCorrectionExact } from "./effect-size";
import { PAIRED, T_INTERVALS, WELCH_INTERVALS } from "./fixtures.generated";
import { pairedTInterval, tInterval, welchInterval, welchIntervalFromSummaries } from "./intervals";

function close(actual: number | undefined, expected: number, tol: number): void {
  expect(actual).toBeDefined();
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs((actual ?? Number.NaN) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(
    tol * scale,
  );
}

describe("mean and sd", () => {
  it("computes the sample statistics", () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    close(sd([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7), 1e-15);
    expect(mean([])).toBeNaN();
    expect(sd([3])).toBeNaN();
  });

  it("merges and subtracts running moments", () => {
    const a = [3, 8, 1, 9, 4];
    const b = [7, 7, 2, 10];
    const whole = momentsOf([...a, ...b]);
    const merged = combineMoments(momentsOf(a), momentsOf(b));
    close(merged.mean, whole.mean, 1e-15);
    close(merged.m2, whole.m2, 1e-13);
    const rest = summaryFromMoments(subtractMoments(whole, momentsOf(b)));
    close(rest.mean, mean(a), 1e-14);
    close(rest.sd, sd(a), 1e-13);
  });
});

describe("one-sample and paired t intervals (tolerance 1e-9 absolute; reference exact to ≥ 30 digits)", () => {
  for (const f of T_INTERVALS) {
    it(`matches the reference for "${f.name}"`, () => {
      const ci = tInterval(f.values);
      expect(ci).not.toBeNull();
      close(ci?.mean, f.mean, 1e-9);
      close(ci?.sd, f.sd, 1e-9);
      expect(ci?.df).toBe(f.df);
      close(ci?.tCritical, f.tCritical, 1e-9);
      close(ci?.lower, f.lower, 1e-9);
      close(ci?.upper, f.upper, 1e-9);
    });
  }

  it("pairs after − before", () => {
    const ci = pairedTInterval(PAIRED.after, PAIRED.before);
    const ref = T_INTERVALS.find((f) => f.name === "anxietyChange");
    close(ci?.lower, ref?.lower ?? Number.NaN, 1e-9);
    close(ci?.upper, ref?.upper ?? Number.NaN, 1e-9);
  });

  it("is null below two values and honours the level", () => {
    expect(tInterval([5])).toBeNull();
    const ci90 = tInterval([1, 2, 3, 4, 10], 0.9);
    const ci95 = tInterval([1, 2, 3, 4, 10]);
    expect(ci90?.halfWidth ?? 0).toBeLessThan(ci95?.halfWidth ?? 0);
    expect(() => tInterval([1, 2], 1.5)).toThrow(RangeError);
  });
});

describe("Welch interval (tolerance 1e-9 absolute; reference t quantile by quadrature, ≈1e-14)", () => {
  for (const f of WELCH_INTERVALS) {
    it(`matches the reference for "${f.name}"`, () => {
      const ci = welchInterval(f.a, f.b);
      close(ci?.difference, f.difference, 1e-9);
      close(ci?.se, f.se, 1e-9);
      close(ci?.df, f.df, 1e-9);
      close(ci?.tCritical, f.tCritical, 1e-9);
      close(ci?.lower, f.lower, 1e-9);
      close(ci?.upper, f.upper, 1e-9);
    });
  }

  it("needs two values per side and survives constant samples", () => {
    expect(welchInterval([1], [2, 3])).toBeNull();
    const flat = welchIntervalFromSummaries({ n: 3, mean: 2, sd: 0 }, { n: 4, mean: 1, sd: 0 });
    expect(flat?.df).toBe(5);
    expect(flat?.lower).toBe(1);
    expect(flat?.upper).toBe(1);
  });
});

describe("Cohen's d_z with the Hedges correction (tolerance 1e-12)", () => {
  for (const f of T_INTERVALS) {
    it(`matches the reference for "${f.name}"`, () => {
      const es = cohenDz(f.values);
      close(es?.dz, f.dz, 1e-12);
      close(es?.correction, f.correction, 1e-15);
      close(es?.dzCorrected ?? undefined, f.dzCorrected, 1e-12);
    });
  }

  it("uses J = 1 − 3/(4·df − 1), close to the exact gamma-ratio factor", () => {
    expect(hedgesCorrection(9)).toBeCloseTo(1 - 3 / 35, 15);
    close(hedgesCorrectionExact(4), 0.797884560802865, 1e-12); // Γ(2)/(√2·Γ(1.5)) = √(2/π)
    for (const df of [4, 10, 30])
      expect(Math.abs(hedgesCorrection(df) - hedgesCorrectionExact(df))).toBeLessThan(0.0025);
  });

  it("is null without variability", () => {
    expect(cohenDz([3, 3, 3])).toBeNull();
    expect(cohenDz([3])).toBeNull();
  });

  it("gives no corrected d_z at n = 2, where J(1) = 0 would report an effect of exactly 0", () => {
    const es = cohenDz([-10, -20]);
    expect(es?.dz).toBeCloseTo(-15 / Math.sqrt(50), 14);
    expect(es?.dzCorrected).toBeNull();
    expect(cohenDz([-10, -20, -12])?.dzCorrected).not.toBeNull();
  });
});
