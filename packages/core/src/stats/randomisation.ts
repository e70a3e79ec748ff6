/**
 * Randomisation (permutation) tests with a seeded generator (science.md §3.4). Validity comes from
 * the random assignment actually used, so the re-assignments must mirror the design:
 * - `signFlipTest`: randomised AB/BA blocks; the unit is the per-block difference (B − A), and each
 *   re-assignment flips the sign of a block's difference. 2^k assignments.
 * - `permutationTest`: a completely randomised design (labels exchangeable between two groups);
 *   C(n, n_a) assignments.
 * Both enumerate every assignment when there are at most `exactLimit` of them (exact p-value,
 * counting the observed one), otherwise draw `iterations` random ones and report
 * p = (1 + #{as or more extreme}) / (1 + iterations) (Phipson & Smyth 2010).
 * A NaN or infinite value throws a RangeError: no comparison with NaN is "as extreme", so it would
 * otherwise come out as p = 0, the strongest possible evidence, from a missing number.
 */
import { mean } from "./descriptive";

export type Alternative = "two-sided" | "greater" | "less";

export interface RandomisationOptions {
  alternative?: Alternative;
  /** Monte Carlo draws when the design has more than `exactLimit` assignments (default 10 000). */
  iterations?: number;
  /** Enumerate every assignment up to this many (default 65 536). */
  exactLimit?: number;
  /** Seed for the Monte Carlo draws (default 1). */
  seed?: number;
}

export interface RandomisationResult {
  /** The observed statistic: mean difference (sign flip) or mean(a) − mean(b) (permutation). */
  statistic: number;
  pValue: number;
  method: "exact" | "monte-carlo";
  /** Assignments evaluated (including the observed one when exact). */
  assignments: number;
}

/** Mulberry32: a small, fast, seeded PRNG returning uniform numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isExtreme(value: number, observed: number, alternative: Alternative, tolerance: number): boolean {
  if (alternative === "greater") return value >= observed - tolerance;
  if (alternative === "less") return value <= observed + tolerance;
  return Math.abs(value) >= Math.abs(observed) - tolerance;
}

/** Throws a RangeError naming the first NaN or infinite value. */
function requireFinite(fn: string, name: string, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name}[${i}] is ${v}; randomisation tests need finite numbers`);
    }
  }
}

function toleranceFor(values: readonly number[]): number {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, Math.abs(v));
  return 1e-9 * Math.max(scale, 1e-300);
}

/** Sign-flip randomisation test for the mean of per-block differences. */
export function signFlipTest(
  differences: readonly number[],
  options: RandomisationOptions = {},
): RandomisationResult {
  const { alternative = "two-sided", iterations = 10_000, exactLimit = 65_536, seed = 1 } = options;
  requireFinite("signFlipTest", "differences", differences);
  const k = differences.length;
  if (k === 0) return { statistic: Number.NaN, pValue: Number.NaN, method: "exact", assignments: 0 };
  const observed = mean(differences);
  const tolerance = toleranceFor(differences) / k;
  const total = 2 ** k;
  if (total <= exactLimit) {
    let count = 0;
    for (let mask = 0; mask < total; mask++) {
      let sum = 0;
      for (let i = 0; i < k; i++) sum += (mask >>> i) & 1 ? -(differences[i] ?? 0) : (differences[i] ?? 0);
      if (isExtreme(sum / k, observed, alternative, tolerance)) count++;
    }
    return { statistic: observed, pValue: count / total, method: "exact", assignments: total };
  }
  const random = seededRandom(seed);
  let count = 0;
  for (let it = 0; it < iterations; it++) {
    let sum = 0;
    for (const d of differences) sum += random() < 0.5 ? -d : d;
    if (isExtreme(sum / k, observed, alternative, tolerance)) count++;
  }
  return {
    statistic: observed,
    pValue: (count + 1) / (iterations + 1),
    method: "monte-carlo",
    assignments: iterations,
  };
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return Math.round(result);
}

/** Two-group permutation test for mean(a) − mean(b) in a completely randomised design. */
export function permutationTest(
  a: readonly number[],
  b: readonly number[],
  options: RandomisationOptions = {},
): RandomisationResult {
  const { alternative = "two-sided", iterations = 10_000, exactLimit = 65_536, seed = 1 } = options;
  requireFinite("permutationTest", "a", a);
  requireFinite("permutationTest", "b", b);
  const na = a.length;
  const nb = b.length;
  if (na === 0 || nb === 0)
    return { statistic: Number.NaN, pValue: Number.NaN, method: "exact", assignments: 0 };
  const pooled = [...a, ...b];
  const n = pooled.length;
  let totalSum = 0;
  for (const v of pooled) totalSum += v;
  const statisticFor = (sumA: number) => sumA / na - (totalSum - sumA) / nb;
  const observed = mean(a) - mean(b);
  const tolerance = toleranceFor(pooled) / Math.min(na, nb);
  const total = binomial(n, na);
  if (total <= exactLimit) {
    // Enumerate index combinations of size na in lexicographic order.
    const idx = Array.from({ length: na }, (_, i) => i);
    let count = 0;
    let evaluated = 0;
    for (;;) {
      let sumA = 0;
      for (const i of idx) sumA += pooled[i] ?? 0;
      evaluated++;
      if (isExtreme(statisticFor(sumA), observed, alternative, tolerance)) count++;
      let pos = na - 1;
      while (pos >= 0 && (idx[pos] ?? 0) === n - na + pos) pos--;
      if (pos < 0) break;
      idx[pos] = (idx[pos] ?? 0) + 1;
      for (let j = pos + 1; j < na; j++) idx[j] = (idx[j - 1] ?? 0) + 1;
    }
    return { statistic: observed, pValue: count / evaluated, method: "exact", assignments: evaluated };
  }
  const random = seededRandom(seed);
  const work = pooled.slice();
  let count = 0;
  for (let it = 0; it < iterations; it++) {
    // Partial Fisher–Yates: the first na slots become a uniformly random group A.
    let sumA = 0;
    for (let i = 0; i < na; i++) {
      const j = i + Math.floor(random() * (n - i));
      const tmp = work[i] ?? 0;
      work[i] = work[j] ?? 0;
      work[j] = tmp;
      sumA += work[i] ?? 0;
    }
    if (isExtreme(statisticFor(sumA), observed, alternative, tolerance)) count++;
  }
  return {
    statistic: observed,
    pValue: (count + 1) / (iterations + 1),
    method: "monte-carlo",
    assignments: iterations,
  };
}
