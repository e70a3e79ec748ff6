/** Number formatting for experiment text: each outcome's precision, no "-0". */
import type { Outcome } from "./outcomes";

const DECIMALS: Readonly<Record<Outcome, number>> = {
  "anxiety-change": 0,
  "pleasantness-change": 1,
  tingles: 1,
  "sleep-onset-latency": 0,
  "sleep-efficiency": 1,
};

/** A value in the outcome's units, rounded for people: "8", "1.5". */
export function formatValue(outcome: Outcome, value: number): string {
  const d = DECIMALS[outcome];
  const text = value.toFixed(d);
  return Number(text) === 0 ? (0).toFixed(d) : text;
}

/** A probability as a whole percentage, never "0%" or "100%" (the posterior is never certain). */
export function formatPercent(p: number): string {
  const pct = Math.round(p * 100);
  if (pct <= 0) return "under 1%";
  if (pct >= 100) return "over 99%";
  return `${pct}%`;
}

/** A p-value for a report: "0.031", "< 0.001". */
export function formatP(p: number): string {
  if (p < 0.001) return "< 0.001";
  return p.toFixed(3);
}

/** A general statistic with 2 decimals, no "-0.00". */
export function format2(x: number): string {
  const text = x.toFixed(2);
  return Number(text) === 0 ? "0.00" : text;
}

/** "8 points", "1 point", "12 minutes": the value with its unit, singular for exactly 1. */
export function withUnit(outcome: Outcome, value: number, unit: string): string {
  const text = formatValue(outcome, value);
  return `${text} ${text === "1" || text === "-1" ? unit.replace(/s$/, "") : unit}`;
}
