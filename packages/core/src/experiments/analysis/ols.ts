/**
 * Ordinary least squares for the few small regressions of the report (up to a handful of columns),
 * by modified Gram–Schmidt QR, which stays accurate where the normal equations lose digits.
 * Returns null when the design is rank-deficient or leaves no residual degrees of freedom.
 */
import { tQuantile } from "../../stats/t-distribution";

export interface OlsCoefficient {
  readonly estimate: number;
  readonly se: number;
  readonly lower: number;
  readonly upper: number;
}

export interface OlsFit {
  readonly n: number;
  readonly df: number;
  readonly coefficients: readonly OlsCoefficient[];
  /** Residual standard deviation. */
  readonly sigma: number;
}

/** Fit y = X·β; `columns` are the columns of X (include a column of ones for an intercept). */
export function ols(
  y: readonly number[],
  columns: readonly (readonly number[])[],
  level = 0.95,
): OlsFit | null {
  const n = y.length;
  const p = columns.length;
  const df = n - p;
  if (p === 0 || df < 1) return null;
  // Q (n × p) and R (p × p, upper triangular).
  const q = columns.map((c) => Float64Array.from(c));
  const r: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const scale = columns.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  for (let j = 0; j < p; j++) {
    const qj = q[j] as Float64Array;
    for (let i = 0; i < j; i++) {
      const qi = q[i] as Float64Array;
      let dot = 0;
      for (let k = 0; k < n; k++) dot += (qi[k] as number) * (qj[k] as number);
      (r[i] as number[])[j] = dot;
      for (let k = 0; k < n; k++) qj[k] = (qj[k] as number) - dot * (qi[k] as number);
    }
    let norm = 0;
    for (let k = 0; k < n; k++) norm += (qj[k] as number) ** 2;
    norm = Math.sqrt(norm);
    if (!(norm > 1e-10 * Math.max(scale[j] as number, 1e-300))) return null; // collinear column
    (r[j] as number[])[j] = norm;
    for (let k = 0; k < n; k++) qj[k] = (qj[k] as number) / norm;
  }
  // β = R⁻¹ Qᵀ y, with Rinv by back substitution (needed for the covariance too).
  const rinv: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let j = 0; j < p; j++) {
    (rinv[j] as number[])[j] = 1 / ((r[j] as number[])[j] as number);
    for (let i = j - 1; i >= 0; i--) {
      let s = 0;
      for (let k = i + 1; k <= j; k++)
        s += ((r[i] as number[])[k] as number) * ((rinv[k] as number[])[j] as number);
      (rinv[i] as number[])[j] = -s / ((r[i] as number[])[i] as number);
    }
  }
  const qty = q.map((qj) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += (qj[k] as number) * (y[k] as number);
    return s;
  });
  const beta = Array.from({ length: p }, (_, i) => {
    let s = 0;
    for (let k = i; k < p; k++) s += ((rinv[i] as number[])[k] as number) * (qty[k] as number);
    return s;
  });
  let rss = 0;
  for (let k = 0; k < n; k++) {
    let fitted = 0;
    for (let j = 0; j < p; j++)
      fitted += ((columns[j] as readonly number[])[k] as number) * (beta[j] as number);
    rss += ((y[k] as number) - fitted) ** 2;
  }
  const sigma2 = rss / df;
  const t = tQuantile(1 - (1 - level) / 2, df);
  const coefficients = beta.map((b, i) => {
    // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ: diagonal i is the squared norm of row i of R⁻¹.
    let v = 0;
    for (let k = 0; k < p; k++) v += ((rinv[i] as number[])[k] as number) ** 2;
    const se = Math.sqrt(sigma2 * v);
    return { estimate: b, se, lower: b - t * se, upper: b + t * se };
  });
  return { n, df, coefficients, sigma: Math.sqrt(sigma2) };
}
