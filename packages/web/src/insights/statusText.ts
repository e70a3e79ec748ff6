/** What the Insights page says for an item without an estimate: not enough data, or no variation. */
import type { MeasureEffect, NightComparison } from "@meridian/core";
import { fmtSigned, sessionsText } from "./labels";

/** d_z with two decimals; "–" when there is none (n = 2, or no spread). */
export function fmtDz(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toFixed(2).replace("-", "\u2212");
}

/** Why an item has no estimate for a measure: not enough data yet, or no variation yet. */
export function effectStatusText(
  e: Pick<MeasureEffect, "measure" | "status" | "reason" | "moreSessionsNeeded" | "meanChange">,
): string {
  if (e.status === "no-variation") {
    return `no variation yet — every session changed by exactly ${fmtSigned(e.meanChange, e.measure)}; a spread of zero is not certainty, so no interval until sessions differ.`;
  }
  const n = Math.max(1, e.moreSessionsNeeded);
  const more = `about ${n} more ${n === 1 ? "session" : "sessions"} would give a useful estimate`;
  return e.reason === "interval-too-wide"
    ? `not enough data yet — the sessions so far vary too much to say; ${more}.`
    : `not enough data yet — ${more}.`;
}

/** The sleep comparison's text when it is not an estimate. */
export function nightsStatusText(c: Pick<NightComparison, "status" | "moreNightsNeeded">): string {
  if (c.status === "no-variation") {
    return "no variation yet — every night on both sides had the same value, so there is no interval to compare";
  }
  return `not enough data yet — about ${sessionsText(Math.max(1, c.moreNightsNeeded), "more night")} after a session would give a useful estimate`;
}
