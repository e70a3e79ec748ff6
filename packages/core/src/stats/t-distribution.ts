/**
 * Student's t distribution: density, CDF (via the regularised incomplete beta function) and
 * quantile (closed forms for ν = 1, 2 and ∞; otherwise Newton's method on the CDF from a
 * Cornish–Fisher start, safeguarded by bisection). `df` may be fractional (Welch).
 */
import { normalCdf, normalQuantile } from "./normal";
import { logGamma, regularizedBeta } from "./special";

function validDf(df: number): boolean {
  return !Number.isNaN(df) && df > 0;
}

/** Density of t with `df` degrees of freedom. */
export function tPdf(t: number, df: number): number {
  if (!validDf(df) || Number.isNaN(t)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Upper tail P(T > t) for t ≥ 0, computed without cancellation. */
function upperTail(t: number, df: number): number {
  const t2 = t * t;
  const z = t2 / (df + t2);
  const w = df / (df + t2);
  if (z < w) return 0.5 - 0.5 * regularizedBeta(z, 0.5, df / 2, w);
  return 0.5 * regularizedBeta(w, df / 2, 0.5, z);
}

/** CDF P(T ≤ t). */
export function tCdf(t: number, df: number): number {
  if (!validDf(df) || Number.isNaN(t)) return Number.NaN;
  if (df === Number.POSITIVE_INFINITY) return normalCdf(t);
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  return t >= 0 ? 1 - upperTail(t, df) : upperTail(-t, df);
}

/** Cornish–Fisher expansion of the t quantile around the normal quantile z (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z2 * z + z) / 4;
  const g2 = ((5 * z2 + 16) * z2 * z + 3 * z) / 96;
  const g3 = (((3 * z2 + 19) * z2 + 17) * z2 * z - 15 * z) / 384;
  const g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 * z - 945 * z) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/** Memoised quantiles by p, then by integer df (numbers as keys: no key string per look-up). */
const quantileCache = new Map<number, Map<number, number>>();
let quantileCacheSize = 0;
const QUANTILE_CACHE_LIMIT = 4096;

/**
 * Quantile t such that P(T ≤ t) = p. Results for integer df are memoised (a deterministic cache:
 * interval code asks for the same few critical values many times).
 */
export function tQuantile(p: number, df: number): number {
  if (!Number.isInteger(df)) return computeTQuantile(p, df);
  // Map keys compare with SameValueZero: NaN finds NaN, and 0 and −0 are one key (as in the
  // string keys used before: `${-0}` is "0"); both give the same quantile anyway.
  let byDf = quantileCache.get(p);
  const cached = byDf?.get(df);
  if (cached !== undefined) return cached;
  const value = computeTQuantile(p, df);
  if (quantileCacheSize >= QUANTILE_CACHE_LIMIT) {
    quantileCache.clear();
    quantileCacheSize = 0;
    byDf = undefined;
  }
  if (!byDf) {
    byDf = new Map();
    quantileCache.set(p, byDf);
  }
  byDf.set(df, value);
  quantileCacheSize++;
  return value;
}

function computeTQuantile(p: number, df: number): number {
  if (!validDf(df) || Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (df === Number.POSITIVE_INFINITY) return normalQuantile(p);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  // Solve for the upper-tail quantile q = P(T > t) with t > 0, then restore the sign.
  const sign = p > 0.5 ? 1 : -1;
  const q = p > 0.5 ? 1 - p : p;
  let t = Math.abs(cornishFisher(normalQuantile(q), df));
  if (!Number.isFinite(t) || t <= 0) t = 1;
  // Bracket [lo, hi] with upperTail(lo) > q > upperTail(hi).
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let previousStep = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 100; i++) {
    const f = upperTail(t, df) - q;
    if (f === 0) break;
    if (f > 0) lo = t;
    else hi = t;
    const step = f / tPdf(t, df); // Newton: d/dt upperTail = −pdf
    let next = t + step;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) {
      next = hi === Number.POSITIVE_INFINITY ? Math.max(2 * t, lo + 1) : (lo + hi) / 2;
    }
    const moved = Math.abs(next - t);
    t = next;
    // Converged, or rounding noise in the CDF stops Newton from improving further.
    if (moved <= 2e-15 * Math.max(1, t) || (moved >= previousStep && moved < 1e-10 * Math.max(1, t))) break;
    previousStep = moved;
  }
  return sign * t;
}
