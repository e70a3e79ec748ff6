import { describe, expect, it } from "vitest";
import { effectiveSampleSizeAr1, lag1Autocorrelation } from "./autocorrelation";
import { EFFECTIVE_N, LAG1, RANDOMISATION } from "./fixtures.generated";
import { moreSessionsNeeded, pairedTPower, requiredSessions, SESSIONS_FOR_POWER } from "./power";
import { permutationTest, seededRandom, signFlipTest } from "./randomisation";

describe("how many sessions (science.md §3.7)", () => {
  it("reproduces every entry of the power table", () => {
    for (const row of SESSIONS_FOR_POWER) {
      expect(requiredSessions(row.dz, 0.8)).toBe(row.power80);
      expect(requiredSessions(row.dz, 0.9)).toBe(row.power90);
    }
  });

  it("power grows with n and crosses 80 % exactly at the table value", () => {
    expect(pairedTPower(34, 0.5)).toBeGreaterThanOrEqual(0.8);
    expect(pairedTPower(33, 0.5)).toBeLessThan(0.8);
    // With d = 0 the power is the two-sided level.
    expect(pairedTPower(20, 0)).toBeCloseTo(0.05, 6);
  });

  it("says how many more sessions, clamping the observed effect to the table's range", () => {
    expect(moreSessionsNeeded(2, null)).toBe(32); // unknown → assume d_z = 0.5 → 34
    expect(moreSessionsNeeded(4, 0.05)).toBe(86); // clamped to 0.3 → 90
    expect(moreSessionsNeeded(4, 3)).toBe(4); // clamped to 1.2 → 8
    expect(moreSessionsNeeded(40, 0.5)).toBe(1); // never below 1
  });
});

describe("autocorrelation", () => {
  it("lag-1 matches exact fractions (tolerance 1e-14)", () => {
    for (const f of LAG1) expect(lag1Autocorrelation(f.values)).toBeCloseTo(f.r1, 14);
    expect(lag1Autocorrelation([1, 2])).toBeNull();
    expect(lag1Autocorrelation([4, 4, 4])).toBeNull();
  });

  it("AR(1) effective sample size matches exact fractions and §3.6 (tolerance 1e-12)", () => {
    for (const f of EFFECTIVE_N) expect(effectiveSampleSizeAr1(f.n, f.rho)).toBeCloseTo(f.nEff, 12);
    expect(effectiveSampleSizeAr1(20, 0.2)).toBeCloseTo(13.6, 1);
    expect(effectiveSampleSizeAr1(40, 0.4)).toBeCloseTo(17.6, 1);
  });
});

describe("randomisation tests", () => {
  it("exact p-values match brute-force enumeration", () => {
    for (const f of RANDOMISATION) {
      const result =
        f.kind === "sign-flip"
          ? signFlipTest(f.a, { alternative: f.alternative })
          : permutationTest(f.a, f.b, { alternative: f.alternative });
      expect(result.method).toBe("exact");
      expect(result.pValue).toBeCloseTo(f.p, 14);
    }
  });

  it("hits the smallest attainable p of §3.4 (5 blocks one-sided, 6 blocks two-sided)", () => {
    expect(signFlipTest([2, 3, 1, 4, 2], { alternative: "greater" }).pValue).toBe(1 / 32);
    expect(signFlipTest([2, 3, 1, 4, 2, 5]).pValue).toBe(2 / 64);
  });

  it("Monte Carlo is seeded, reproducible and close to the exact answer", () => {
    const a = [12, 15, 9, 14, 13, 16, 11, 15, 14, 12];
    const b = [10, 9, 12, 8, 11, 10, 9, 13, 10, 11];
    const exact = permutationTest(a, b, { exactLimit: 200_000 });
    const mc1 = permutationTest(a, b, { exactLimit: 10, iterations: 20_000, seed: 7 });
    const mc2 = permutationTest(a, b, { exactLimit: 10, iterations: 20_000, seed: 7 });
    expect(exact.method).toBe("exact");
    expect(exact.assignments).toBe(184_756); // C(20, 10), as in §3.4
    expect(mc1.method).toBe("monte-carlo");
    expect(mc1.pValue).toBe(mc2.pValue);
    expect(Math.abs(mc1.pValue - exact.pValue)).toBeLessThan(0.005);
    const flips = signFlipTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17], { seed: 3 });
    expect(flips.method).toBe("monte-carlo");
    expect(flips.pValue).toBeLessThan(0.001);
  });

  it("refuses NaN and infinite values instead of answering p = 0", () => {
    expect(() => signFlipTest([1, Number.NaN, 2])).toThrow(/signFlipTest: differences\[1\] is NaN/);
    expect(() => signFlipTest([Number.NaN])).toThrow(RangeError);
    expect(() => permutationTest([1, 2, 3], [4, Number.NaN])).toThrow(/permutationTest: b\[1\] is NaN/);
    expect(() => permutationTest([Number.POSITIVE_INFINITY, 1], [2, 3])).toThrow(RangeError);
    // Monte Carlo path too (2^20 assignments > exactLimit).
    const many = Array.from({ length: 20 }, (_, i) => i + 1);
    many[7] = Number.NaN;
    expect(() => signFlipTest(many)).toThrow(RangeError);
  });

  it("seeded generator is deterministic and uniform-looking", () => {
    const r1 = seededRandom(42);
    const r2 = seededRandom(42);
    const a = Array.from({ length: 10_000 }, () => r1());
    const b = Array.from({ length: 10_000 }, () => r2());
    expect(a).toEqual(b);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a)).toBeLessThan(1);
    const sum = a.reduce((s, x) => s + x, 0);
    expect(sum / 10_000).toBeCloseTo(0.5, 1);
  });
});
