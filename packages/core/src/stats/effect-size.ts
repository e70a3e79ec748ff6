/**
 * Within-person standardised effect size d_z = mean(d) / sd(d) = t / √n (Lakens 2013), with a
 * small-sample (Hedges-type) bias correction.
 *
 * Correction used: the common approximation J(df) = 1 − 3 / (4·df − 1) with df = n − 1
 * (Hedges 1981; Borenstein et al. 2009, eq. 4.22). The exact factor
 * J(df) = Γ(df/2) / (√(df/2) · Γ((df − 1)/2)) is exported as `hedgesCorrectionExact` for
 * comparison; the two differ by < 0.001 for df ≥ 4 (e.g. df = 4: 0.80000 vs 0.79788).
 * At n = 2 (df = 1) both factors are exactly 0, so J · d_z would report "no effect" whatever the
 * data: `dzCorrected` is null there, and callers fall back to an assumed effect.
 */
import { type Summary, summarize } from "./descriptive";
import { logGamma } from "./special";

export interface EffectSize {
  /** Uncorrected d_z = mean / sd. */
  dz: number;
  /** J · d_z; null at n = 2, where J(1) = 0 carries no information. */
  dzCorrected: number | null;
  /** Correction factor J = 1 − 3/(4·df − 1). */
  correction: number;
  df: number;
}

/** Approximate Hedges correction J = 1 − 3/(4·df − 1). */
export function hedgesCorrection(df: number): number {
  return 1 - 3 / (4 * df - 1);
}

/** Exact Hedges correction J = Γ(df/2) / (√(df/2) Γ((df − 1)/2)), df > 1. */
export function hedgesCorrectionExact(df: number): number {
  return Math.exp(logGamma(df / 2) - 0.5 * Math.log(df / 2) - logGamma((df - 1) / 2));
}

/** d_z from a summary of paired differences; null when n < 2 or sd is 0 / not finite. */
export function cohenDzFromSummary(s: Summary): EffectSize | null {
  if (s.n < 2 || !(s.sd > 0) || !Number.isFinite(s.mean)) return null;
  const df = s.n - 1;
  const dz = s.mean / s.sd;
  const correction = hedgesCorrection(df);
  return { dz, dzCorrected: df >= 2 ? dz * correction : null, correction, df };
}

/** d_z of the paired differences `differences` (e.g. check-out − check-in). */
export function cohenDz(differences: readonly number[]): EffectSize | null {
  return cohenDzFromSummary(summarize(differences));
}
