/**
 * When is an estimate useful? One rule for every measure (science.md §3.7 and §4.5):
 * - fewer than `minSessions` values → "not-enough-data" (too-few-sessions);
 * - every value the same (`noVariation`) → "no-variation": a zero-width interval would read as
 *   certainty; `moreSessionsNeeded` is 1 (one session that differs gives a spread);
 * - interval half-width above the measure's `maxHalfWidth` → "not-enough-data" (interval-too-wide);
 * - otherwise "estimate".
 * `moreSessionsNeeded` (0 for an estimate) is the largest of
 *   (a) the power table: sessions for 80 % power at the observed corrected d_z, clamped to
 *       [0.3, 1.2] (0.5 when it cannot be computed), minus n;
 *   (b) precision: sessions for the interval to reach maxHalfWidth at the observed sd, minus n;
 *   (c) minSessions − n; and at least 1.
 */

import type { Summary } from "../stats/descriptive";
import { moreSessionsNeeded, requiredPerGroup, sessionsForHalfWidth } from "../stats/power";
import type { EstimateStatus, NotEnoughReason } from "./types";

/**
 * True when a sample of two or more has no spread. Ratings are whole or tenth points, so any real
 * spread is far above the tolerance, which only absorbs the rounding left when moments of a
 * constant "without" side come from subtracting moments.
 */
export function hasNoSpread(s: Summary): boolean {
  return s.n >= 2 && Number.isFinite(s.sd) && s.sd <= 1e-9 * Math.max(1, Math.abs(s.mean));
}

const NO_VARIATION: Assessment = { status: "no-variation", reason: null, moreSessionsNeeded: 1 };

export interface Assessment {
  status: EstimateStatus;
  reason: NotEnoughReason | null;
  moreSessionsNeeded: number;
}

export interface AssessInput {
  n: number;
  halfWidth: number | null;
  sd: number | null;
  dz: number | null;
  maxHalfWidth: number;
  minSessions: number;
  level: number;
  /** Two or more values, all the same (see hasNoSpread). */
  noVariation?: boolean;
}

export function assessPaired(input: AssessInput): Assessment {
  const { n, halfWidth, sd, dz, maxHalfWidth, minSessions, level } = input;
  let reason: NotEnoughReason | null = null;
  if (n >= minSessions && input.noVariation) return NO_VARIATION;
  if (n < minSessions || halfWidth === null || !Number.isFinite(halfWidth)) reason = "too-few-sessions";
  else if (halfWidth > maxHalfWidth) reason = "interval-too-wide";
  if (reason === null) return { status: "estimate", reason: null, moreSessionsNeeded: 0 };
  const byPower = moreSessionsNeeded(n, dz);
  const byWidth =
    sd !== null && Number.isFinite(sd) && n >= 3 ? sessionsForHalfWidth(sd, maxHalfWidth, level) - n : 0;
  return {
    status: "not-enough-data",
    reason,
    moreSessionsNeeded: Math.max(byPower, Number.isFinite(byWidth) ? byWidth : 0, minSessions - n, 1),
  };
}

export interface AssessTwoSampleInput {
  nWith: number;
  nWithout: number;
  halfWidth: number | null;
  /** Standardised difference (difference / root-mean-square sd), when computable. */
  d: number | null;
  maxHalfWidth: number;
  minSessions: number;
  minPerSide: number;
  /** Both sides have two or more values, each side all the same (see hasNoSpread). */
  noVariation?: boolean;
}

/**
 * The same rule for a with-vs-without comparison of nights: the "with" side needs `minSessions`,
 * the other side `minPerSide`, and the Welch half-width must be within maxHalfWidth. The count of
 * more nights comes from the two-sample approximation `requiredPerGroup` at |d| clamped to
 * [0.3, 1.2] (0.5 when unknown).
 */
export function assessTwoSample(input: AssessTwoSampleInput): Assessment {
  const { nWith, nWithout, halfWidth, d, maxHalfWidth, minSessions, minPerSide } = input;
  let reason: NotEnoughReason | null = null;
  if (nWith >= minSessions && nWithout >= minPerSide && input.noVariation) return NO_VARIATION;
  if (nWith < minSessions || nWithout < minPerSide || halfWidth === null || !Number.isFinite(halfWidth)) {
    reason = "too-few-sessions";
  } else if (halfWidth > maxHalfWidth) reason = "interval-too-wide";
  if (reason === null) return { status: "estimate", reason: null, moreSessionsNeeded: 0 };
  let effect = d === null || !Number.isFinite(d) || nWith < 3 ? 0.5 : Math.abs(d);
  effect = Math.round(Math.min(1.2, Math.max(0.3, effect)) * 20) / 20;
  return {
    status: "not-enough-data",
    reason,
    moreSessionsNeeded: Math.max(requiredPerGroup(effect) - nWith, minSessions - nWith, 1),
  };
}
