/** Descriptive statistics and running moments (Welford / Chan et al.) for one person's data. */

/** n, mean and sample standard deviation (n − 1 denominator). */
export interface Summary {
  n: number;
  mean: number;
  sd: number;
}

/** Running moments: count, mean and M2 = Σ(x − mean)². Mergeable and subtractable in O(1). */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
}

export const EMPTY_MOMENTS: Moments = Object.freeze({ n: 0, mean: 0, m2: 0 });

export function mean(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  // Indexed loops (not for…of): callers pass both integer and double arrays, and indexed access
  // stays optimised across those element kinds.
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const m = sum / n;
  // One correction pass makes the mean accurate even for large offsets.
  let correction = 0;
  for (let i = 0; i < n; i++) correction += (values[i] as number) - m;
  return m + correction / n;
}

/** Sample variance (n − 1 denominator), two-pass. NaN below 2 values. */
export function variance(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const m = mean(values);
  let ss = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    ss += d * d;
    s += d;
  }
  return (ss - (s * s) / values.length) / (values.length - 1);
}

/** Sample standard deviation (n − 1 denominator). NaN below 2 values. */
export function sd(values: readonly number[]): number {
  return Math.sqrt(variance(values));
}

export function summarize(values: readonly number[]): Summary {
  return summaryFromMoments(momentsOf(values));
}

/** Adds one value to running moments (Welford), returning new moments. */
export function addMoment(m: Moments, x: number): Moments {
  const n = m.n + 1;
  const delta = x - m.mean;
  const nextMean = m.mean + delta / n;
  return { n, mean: nextMean, m2: m.m2 + delta * (x - nextMean) };
}

export function momentsOf(values: readonly number[]): Moments {
  if (values.length === 0) return EMPTY_MOMENTS;
  const m = mean(values);
  let ss = 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    ss += d * d;
    s += d;
  }
  return { n: values.length, mean: m, m2: Math.max(0, ss - (s * s) / values.length) };
}

/**
 * Moments of `column[i]` for the indices in `indices`, skipping null and non-finite values
 * (Welford's update, no intermediate arrays).
 */
export function momentsAt(column: readonly (number | null)[], indices: readonly number[]): Moments {
  let n = 0;
  let m = 0;
  let m2 = 0;
  for (let k = 0; k < indices.length; k++) {
    const x = column[indices[k] as number];
    if (x === null || x === undefined || !Number.isFinite(x)) continue;
    n++;
    const delta = x - m;
    m += delta / n;
    m2 += delta * (x - m);
  }
  return n === 0 ? EMPTY_MOMENTS : { n, mean: m, m2 };
}

/** Moments of the union of two disjoint samples (Chan, Golub & LeVeque). */
export function combineMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return { n, mean: a.mean + (delta * b.n) / n, m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n };
}

/** Moments of `whole` with the sub-sample `part` removed (the inverse of combineMoments). */
export function subtractMoments(whole: Moments, part: Moments): Moments {
  const n = whole.n - part.n;
  if (n <= 0) return EMPTY_MOMENTS;
  if (part.n === 0) return whole;
  const restMean = (whole.n * whole.mean - part.n * part.mean) / n;
  const delta = part.mean - restMean;
  const m2 = whole.m2 - part.m2 - (delta * delta * n * part.n) / whole.n;
  return { n, mean: restMean, m2: Math.max(0, m2) };
}

export function summaryFromMoments(m: Moments): Summary {
  return {
    n: m.n,
    mean: m.n > 0 ? m.mean : Number.NaN,
    sd: m.n > 1 ? Math.sqrt(m.m2 / (m.n - 1)) : Number.NaN,
  };
}
