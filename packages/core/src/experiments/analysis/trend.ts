/**
 * Trend and carry-over checks.
 * - Carry-over / order: the pair difference when the condition came first vs when it came second,
 *   compared by Welch's t test (two-sided). Without carry-over or period effects both have the same
 *   mean. Needs at least 2 complete pairs of each order.
 * - Trend: OLS of the outcome on an intercept, the arm and the evening number (1, 2, …), over every
 *   evening with an outcome; the slope is the drift per evening with the arm held fixed.
 */
import { welchInterval } from "../../stats/intervals";
import { tCdf } from "../../stats/t-distribution";
import { type OlsCoefficient, ols } from "./ols";
import type { ArmEvening, CompletePair } from "./pairs";

export interface OrderCheck {
  readonly conditionFirst: { readonly n: number; readonly mean: number | null };
  readonly conditionSecond: { readonly n: number; readonly mean: number | null };
  /** mean(condition first) − mean(condition second), Welch; null with fewer than 2 pairs per order. */
  readonly difference: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly t: number | null;
  readonly df: number | null;
  readonly pValue: number | null;
}

export interface TrendCheck {
  readonly n: number;
  /** Outcome change per evening, adjusted for arm; null with fewer than 4 evenings. */
  readonly slope: OlsCoefficient | null;
}

const meanOf = (xs: readonly number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);

export function orderCheck(pairs: readonly CompletePair[]): OrderCheck {
  const first = pairs.filter((p) => p.conditionFirst).map((p) => p.difference);
  const second = pairs.filter((p) => !p.conditionFirst).map((p) => p.difference);
  const base = {
    conditionFirst: { n: first.length, mean: meanOf(first) },
    conditionSecond: { n: second.length, mean: meanOf(second) },
  };
  const w = welchInterval(first, second);
  if (!w || !(w.se > 0))
    return {
      ...base,
      difference: w?.difference ?? null,
      lower: null,
      upper: null,
      t: null,
      df: null,
      pValue: null,
    };
  const t = w.difference / w.se;
  return {
    ...base,
    difference: w.difference,
    lower: w.lower,
    upper: w.upper,
    t,
    df: w.df,
    pValue: 2 * tCdf(-Math.abs(t), w.df),
  };
}

export function trendCheck(evenings: readonly ArmEvening[]): TrendCheck {
  const used = evenings.filter((e) => e.outcome !== null && Number.isFinite(e.outcome));
  const n = used.length;
  const fit =
    n >= 4
      ? ols(
          used.map((e) => e.outcome as number),
          [used.map(() => 1), used.map((e) => (e.arm === "condition" ? 1 : 0)), used.map((e) => e.index)],
        )
      : null;
  return { n, slope: fit?.coefficients[2] ?? null };
}
