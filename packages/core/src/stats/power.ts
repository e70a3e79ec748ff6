/**
 * Power of the paired (one-sample) t test and "how many sessions?" (science.md §3.7).
 *
 * Power is computed exactly from the noncentral t distribution: with ν = n − 1, δ = d_z·√n and
 * critical value c = t_{1−α/2, ν},
 *   power = ∫₀^∞ f_χν(s) [ Φ̄(c·s/√ν − δ) + Φ(−c·s/√ν − δ) ] ds,
 * integrated by Simpson's rule over the bulk of the χ_ν density. `requiredSessions` returns the
 * smallest n reaching the target power; it reproduces the table in §3.7 (tested).
 */
import { normalCdf, normalQuantile, normalUpperTail } from "./normal";
import { logGamma } from "./special";
import { tQuantile } from "./t-distribution";

/** The table from science.md §3.7 (paired t, two-sided α = .05). */
export const SESSIONS_FOR_POWER: readonly { dz: number; power80: number; power90: number }[] = [
  { dz: 0.3, power80: 90, power90: 119 },
  { dz: 0.5, power80: 34, power90: 44 },
  { dz: 0.8, power80: 15, power90: 19 },
  { dz: 1.0, power80: 10, power90: 13 },
  { dz: 1.2, power80: 8, power90: 10 },
];

const SIMPSON_INTERVALS = 400;

/** Power of the two-sided paired t test with n pairs for true effect d_z. */
export function pairedTPower(n: number, dz: number, alpha = 0.05): number {
  if (!(n >= 2) || !Number.isFinite(dz)) return Number.NaN;
  const df = n - 1;
  const delta = Math.abs(dz) * Math.sqrt(n);
  const c = tQuantile(1 - alpha / 2, df);
  const sqrtDf = Math.sqrt(df);
  const logNorm = (df / 2 - 1) * Math.LN2 + logGamma(df / 2);
  const lo = Math.max(0, sqrtDf - 12);
  const hi = sqrtDf + 12;
  const h = (hi - lo) / SIMPSON_INTERVALS;
  let sum = 0;
  for (let i = 0; i <= SIMPSON_INTERVALS; i++) {
    const s = lo + i * h;
    const density =
      s === 0
        ? df === 1
          ? Math.exp(-logNorm)
          : 0
        : Math.exp((df - 1) * Math.log(s) - (s * s) / 2 - logNorm);
    const x = (c * s) / sqrtDf;
    const reject = normalUpperTail(x - delta) + normalCdf(-x - delta);
    const weight = i === 0 || i === SIMPSON_INTERVALS ? 1 : i % 2 === 1 ? 4 : 2;
    sum += weight * density * reject;
  }
  return Math.min(1, (sum * h) / 3);
}

const requiredCache = new Map<string, number>();

/**
 * Smallest number of sessions n (≥ 2) for which the two-sided paired t test at level α has at
 * least `power` to detect a true within-person effect `dz`. Infinity for dz = 0.
 */
export function requiredSessions(dz: number, power = 0.8, alpha = 0.05): number {
  const d = Math.abs(dz);
  if (!Number.isFinite(d)) return Number.NaN;
  if (d === 0) return Number.POSITIVE_INFINITY;
  const key = `${d}|${power}|${alpha}`;
  const cached = requiredCache.get(key);
  if (cached !== undefined) return cached;
  // Start from the normal approximation n ≈ ((z_{1−α/2} + z_{power}) / d)² + z²_{1−α/2}/2, then step.
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  let n = Math.max(2, Math.ceil(((za + zb) / d) ** 2 + (za * za) / 2));
  while (n > 2 && pairedTPower(n - 1, d, alpha) >= power) n--;
  while (pairedTPower(n, d, alpha) < power) n++;
  if (requiredCache.size > 1000) requiredCache.clear();
  requiredCache.set(key, n);
  return n;
}

export interface MoreSessionsOptions {
  /** Target power (default 0.8). */
  power?: number;
  alpha?: number;
  /** Effect assumed when the data cannot give one (fewer than 3 values, or sd = 0): default 0.5. */
  assumedDz?: number;
  /** The observed |d_z| is clamped into this range (default [0.3, 1.2], the range of the §3.7 table). */
  minDz?: number;
  maxDz?: number;
}

/**
 * How many more sessions would give a useful estimate: requiredSessions(|d_z|) − n, where d_z is
 * the observed (corrected) effect clamped into [0.3, 1.2] and rounded to 0.05, or 0.5 when it is
 * unknown. Never less than 1 (the caller only asks when the current estimate is not useful).
 */
export function moreSessionsNeeded(n: number, dz: number | null, options: MoreSessionsOptions = {}): number {
  const { power = 0.8, alpha = 0.05, assumedDz = 0.5, minDz = 0.3, maxDz = 1.2 } = options;
  let d = dz === null || !Number.isFinite(dz) || n < 3 ? assumedDz : Math.abs(dz);
  d = Math.min(maxDz, Math.max(minDz, d));
  d = Math.round(d * 20) / 20;
  return Math.max(1, requiredSessions(d, power, alpha) - n);
}

/**
 * Sessions per group for a two-sample comparison (normal approximation with Guenther's correction,
 * n = 2·((z_{1−α/2} + z_power)/d)² + z²_{1−α/2}/4; within one session of the exact noncentral t for
 * d ≥ 0.3). Used for rough "how many more nights" messages, not for inference.
 */
export function requiredPerGroup(d: number, power = 0.8, alpha = 0.05): number {
  const a = Math.abs(d);
  if (!Number.isFinite(a)) return Number.NaN;
  if (a === 0) return Number.POSITIVE_INFINITY;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  return Math.max(2, Math.ceil(2 * ((za + zb) / a) ** 2 + (za * za) / 4));
}

/**
 * Smallest n whose t interval half-width t_{1−α/2, n−1}·sd/√n is at most `maxHalfWidth`, assuming
 * the standard deviation stays at `sd`.
 */
export function sessionsForHalfWidth(sd: number, maxHalfWidth: number, level = 0.95): number {
  if (!(sd >= 0) || !(maxHalfWidth > 0)) return Number.NaN;
  if (sd === 0) return 2;
  const p = 1 - (1 - level) / 2;
  let n = Math.max(2, Math.ceil(((normalQuantile(p) * sd) / maxHalfWidth) ** 2));
  while ((tQuantile(p, n - 1) * sd) / Math.sqrt(n) > maxHalfWidth) n++;
  return n;
}
