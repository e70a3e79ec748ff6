import { formatMeasure, formatMeasureSigned } from "@meridian/core";
import type { WeeklyInsights } from "../api/insights";

export const count = (n: number, noun: string) => `${n} ${n === 1 ? noun : `${noun}s`}`;

/** The anxiety sentence of the week: always with its interval, or "not enough data yet". */
export function weeklyAnxietyText(w: WeeklyInsights): string | null {
  const a = w.anxiety;
  if (!a) return null;
  const ci = a.interval;
  if (a.status === "estimate" && ci) {
    const f = (x: number) => formatMeasure(x, "anxiety");
    if (ci.upper < 0) {
      return `Anxiety went down by ${f(-ci.mean)} points on average from check-in to check-out (95% CI ${f(-ci.upper)} to ${f(-ci.lower)}).`;
    }
    if (ci.lower > 0) {
      return `Anxiety went up by ${f(ci.mean)} points on average from check-in to check-out (95% CI ${f(ci.lower)} to ${f(ci.upper)}).`;
    }
    return `Anxiety changed by ${formatMeasure(ci.mean, "anxiety")} points on average (95% CI ${f(ci.lower)} to ${f(ci.upper)}), so it may have gone either way.`;
  }
  if (a.status === "no-variation" && typeof a.meanChange === "number") {
    return `Anxiety changed by exactly ${formatMeasureSigned(a.meanChange, "anxiety")} points in every session this week: no variation yet, so no interval.`;
  }
  const n = a.n ?? w.completeSessions ?? 0;
  if (n === 0) return null;
  const more =
    a.moreSessionsNeeded && a.moreSessionsNeeded > 0
      ? ` — about ${count(a.moreSessionsNeeded, "more session")} would help`
      : "";
  return `Change in anxiety: not enough data yet this week${more}.`;
}
