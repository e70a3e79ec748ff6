/**
 * Confidence intervals for means: one-sample / paired t (science.md §3.2) and Welch's two-sample
 * interval with Welch–Satterthwaite degrees of freedom.
 */
import { type Summary, summarize } from "./descriptive";
import { tQuantile } from "./t-distribution";

export interface MeanInterval {
  n: number;
  mean: number;
  sd: number;
  se: number;
  df: number;
  level: number;
  tCritical: number;
  lower: number;
  upper: number;
  halfWidth: number;
}

export interface WelchInterval {
  /** mean(a) − mean(b) */
  difference: number;
  a: Summary;
  b: Summary;
  se: number;
  df: number;
  level: number;
  tCritical: number;
  lower: number;
  upper: number;
  halfWidth: number;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
}

/** t interval for a mean from its summary; null when n < 2 or the summary is not finite. */
export function tIntervalFromSummary(s: Summary, level = 0.95): MeanInterval | null {
  checkLevel(level);
  if (s.n < 2 || !Number.isFinite(s.mean) || !Number.isFinite(s.sd)) return null;
  const df = s.n - 1;
  const se = s.sd / Math.sqrt(s.n);
  const tCritical = tQuantile(1 - (1 - level) / 2, df);
  const halfWidth = tCritical * se;
  return {
    n: s.n,
    mean: s.mean,
    sd: s.sd,
    se,
    df,
    level,
    tCritical,
    lower: s.mean - halfWidth,
    upper: s.mean + halfWidth,
    halfWidth,
  };
}

/** One-sample t interval for the mean of `values` (95 % by default). */
export function tInterval(values: readonly number[], level = 0.95): MeanInterval | null {
  return tIntervalFromSummary(summarize(values), level);
}

/** Paired t interval for the mean of `after[i] − before[i]`. */
export function pairedTInterval(
  after: readonly number[],
  before: readonly number[],
  level = 0.95,
): MeanInterval | null {
  if (after.length !== before.length) throw new RangeError("paired samples must have the same length");
  return tInterval(
    after.map((a, i) => a - (before[i] ?? Number.NaN)),
    level,
  );
}

/** Welch–Satterthwaite degrees of freedom for two summaries. */
export function welchDf(a: Summary, b: Summary): number {
  const va = (a.sd * a.sd) / a.n;
  const vb = (b.sd * b.sd) / b.n;
  const denominator = (va * va) / (a.n - 1) + (vb * vb) / (b.n - 1);
  // Both samples constant: no variance information; fall back to the pooled df.
  if (denominator === 0) return a.n + b.n - 2;
  return ((va + vb) * (va + vb)) / denominator;
}

/** Welch interval for mean(a) − mean(b); null unless each side has at least 2 values. */
export function welchIntervalFromSummaries(a: Summary, b: Summary, level = 0.95): WelchInterval | null {
  checkLevel(level);
  if (a.n < 2 || b.n < 2) return null;
  if (![a.mean, a.sd, b.mean, b.sd].every(Number.isFinite)) return null;
  const se = Math.sqrt((a.sd * a.sd) / a.n + (b.sd * b.sd) / b.n);
  const df = welchDf(a, b);
  const tCritical = tQuantile(1 - (1 - level) / 2, df);
  const difference = a.mean - b.mean;
  const halfWidth = tCritical * se;
  return {
    difference,
    a,
    b,
    se,
    df,
    level,
    tCritical,
    lower: difference - halfWidth,
    upper: difference + halfWidth,
    halfWidth,
  };
}

/** Welch interval for mean(a) − mean(b) from raw values. */
export function welchInterval(
  a: readonly number[],
  b: readonly number[],
  level = 0.95,
): WelchInterval | null {
  return welchIntervalFromSummaries(summarize(a), summarize(b), level);
}
