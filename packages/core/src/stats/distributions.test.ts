import { describe, expect, it } from "vitest";
import {
  INCOMPLETE_BETA,
  LOG_GAMMA,
  NORMAL_QUANTILES,
  T_CDF,
  T_QUANTILES,
  T_QUANTILES_FRACTIONAL_DF,
} from "./fixtures.generated";
import { normalCdf, normalQuantile } from "./normal";
import { logGamma, regularizedBeta } from "./special";
import { tCdf, tPdf, tQuantile } from "./t-distribution";

/** |actual − expected| ≤ tol · max(1, |expected|) */
function close(actual: number, expected: number, tol: number): void {
  const scale = Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol * scale);
}

describe("t quantile", () => {
  it("matches the closed-form reference at integer df (tolerance 1e-12 relative)", () => {
    for (const { p, df, q } of T_QUANTILES) close(tQuantile(p, df), q, 1e-12);
  });

  it("matches quadrature references at fractional df (tolerance 1e-11 relative)", () => {
    for (const { p, df, q } of T_QUANTILES_FRACTIONAL_DF) close(tQuantile(p, df), q, 1e-11);
  });

  it("matches published table values and the df = 1, 2 closed forms", () => {
    close(tQuantile(0.975, 10), 2.228138851986, 1e-12);
    close(tQuantile(0.975, 29), 2.045229642132703, 1e-12);
    close(tQuantile(0.975, Number.POSITIVE_INFINITY), 1.959963984540054, 1e-14);
    for (const p of [0.001, 0.2, 0.7, 0.975, 0.9999]) {
      close(tQuantile(p, 1), Math.tan(Math.PI * (p - 0.5)), 1e-14);
      close(tQuantile(p, 2), (2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 1e-14);
    }
  });

  it("inverts the CDF across df and tails, including huge df", () => {
    for (const df of [1.5, 3, 8.5, 60, 1000, 1e6]) {
      for (const p of [1e-8, 0.01, 0.3, 0.5, 0.8, 0.999]) {
        const q = tQuantile(p, df);
        close(tCdf(q, df), p, 1e-12);
      }
    }
    close(tQuantile(0.975, 1e7), 1.959963984540054, 1e-6);
  });

  it("handles edges", () => {
    expect(tQuantile(0, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(tQuantile(1, 5)).toBe(Number.POSITIVE_INFINITY);
    expect(tQuantile(0.5, 5)).toBe(0);
    expect(tQuantile(1.2, 5)).toBeNaN();
    expect(tQuantile(0.9, 0)).toBeNaN();
  });
});

describe("t CDF and density", () => {
  it("matches the closed-form reference (tolerance 1e-13 absolute)", () => {
    for (const { t, df, p } of T_CDF) close(tCdf(t, df), p, 1e-13);
  });

  it("is symmetric and its density integrates to the CDF", () => {
    expect(tCdf(0, 7)).toBe(0.5);
    close(tCdf(-1.7, 9) + tCdf(1.7, 9), 1, 1e-15);
    // Simpson over [0, 2] of the density equals F(2) − 1/2.
    const steps = 2000;
    const h = 2 / steps;
    let sum = 0;
    for (let i = 0; i <= steps; i++) sum += (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * tPdf(i * h, 6);
    close((sum * h) / 3, tCdf(2, 6) - 0.5, 1e-12);
  });
});

describe("normal", () => {
  it("quantile matches the Decimal erf-series reference (tolerance 1e-14 relative)", () => {
    for (const { p, q } of NORMAL_QUANTILES) close(normalQuantile(p), q, 1e-14);
  });

  it("CDF inverts the quantile", () => {
    for (const { p, q } of NORMAL_QUANTILES) close(normalCdf(q), p, 1e-14);
  });
});

describe("special functions", () => {
  it("log-gamma matches exact factorial / half-integer values (tolerance 1e-13 relative)", () => {
    for (const { x, value } of LOG_GAMMA) close(logGamma(x), value, 1e-13);
  });

  it("incomplete beta matches the exact binomial-sum identity (tolerance 1e-13)", () => {
    for (const { x, a, b, value } of INCOMPLETE_BETA) close(regularizedBeta(x, a, b), value, 1e-13);
    expect(regularizedBeta(0, 2, 3)).toBe(0);
    expect(regularizedBeta(1, 2, 3)).toBe(1);
  });
});
