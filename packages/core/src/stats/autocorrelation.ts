/** Serial dependence (science.md §3.6). */
import { mean } from "./descriptive";

/**
 * Lag-1 autocorrelation, the usual ACF estimator r₁ = Σ_{t<n}(x_t − x̄)(x_{t+1} − x̄) / Σ_t (x_t − x̄)².
 * null below 3 values or when the series is constant.
 */
export function lag1Autocorrelation(values: readonly number[]): number | null {
  const n = values.length;
  if (n < 3) return null;
  const m = mean(values);
  let numerator = 0;
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] ?? 0) - m;
    denominator += d * d;
    if (i + 1 < n) numerator += d * ((values[i + 1] ?? 0) - m);
  }
  if (denominator === 0) return null;
  return numerator / denominator;
}

/** Effective sample size of a mean under AR(1): n / [1 + 2 Σ_{k=1}^{n−1} (1 − k/n) ρ^k]. */
export function effectiveSampleSizeAr1(n: number, rho: number): number {
  if (n < 1) return 0;
  let sum = 0;
  let power = 1;
  for (let k = 1; k < n; k++) {
    power *= rho;
    sum += (1 - k / n) * power;
    if (Math.abs(power) < 1e-17) break;
  }
  return n / (1 + 2 * sum);
}
