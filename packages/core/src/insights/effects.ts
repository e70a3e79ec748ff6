/**
 * Per trigger / preset / media item: how did check-out compare with check-in in those sessions?
 * Change = check-out − check-in, per session with both (science.md §3.2). For every group and
 * measure: n, mean change with a t interval, corrected d_z, and "with vs without" (Welch interval
 * of the change in sessions with the item minus sessions without it; each side ≥ minPerSide).
 *
 * Ranking never uses noise: only groups whose measure has status "estimate" are ranked, ordered by
 * the end of the interval least favourable to the group (anxiety: the upper bound, lowest first,
 * because lower anxiety is better; pleasantness: the lower bound, highest first), ties broken by
 * the mean. Identical changes (no spread) give status "no-variation" with no interval, no d_z and
 * no with-vs-without comparison when the other side is constant too: a spread of zero is not
 * certainty, so nothing is ranked on it. Energy is not ranked: whether more or less energy is
 * better depends on the moment.
 */

import { lag1Autocorrelation } from "../stats/autocorrelation";
import {
  type Moments,
  momentsAt,
  momentsOf,
  subtractMoments,
  summaryFromMoments,
} from "../stats/descriptive";
import { cohenDzFromSummary, type EffectSize } from "../stats/effect-size";
import {
  type MeanInterval,
  tIntervalFromSummary,
  type WelchInterval,
  welchIntervalFromSummaries,
} from "../stats/intervals";
import { assessPaired, hasNoSpread } from "./assess";
import {
  CHANGE_MEASURES,
  type ChangeMeasure,
  type EstimateStatus,
  type InsightsOptions,
  type NotEnoughReason,
  type SessionObservation,
} from "./types";

export interface MeasureEffect {
  measure: ChangeMeasure;
  /** Sessions with both check-in and check-out. */
  n: number;
  meanChange: number | null;
  interval: MeanInterval | null;
  effectSize: EffectSize | null;
  /** Mean change with the item − mean change without it; null unless each side has minPerSide. */
  withVsWithout: WelchInterval | null;
  status: EstimateStatus;
  reason: NotEnoughReason | null;
  /** 0 for an estimate. */
  moreSessionsNeeded: number;
}

export interface GroupEffect {
  key: string;
  /** All sessions with the item, including those without a check-out. */
  sessions: number;
  completeSessions: number;
  /** The anxiety measure's status (the primary question: "does this help me feel less anxious?"). */
  status: EstimateStatus;
  moreSessionsNeeded: number;
  measures: Record<ChangeMeasure, MeasureEffect>;
}

export interface GroupEffects {
  /** Most used first. */
  groups: GroupEffect[];
  /** Keys with status "estimate" for that measure, best first (see module comment). */
  rankings: { anxiety: string[]; pleasantness: string[] };
}

export type OverallChange = Record<ChangeMeasure, MeasureEffect> & {
  sessions: number;
  completeSessions: number;
  /**
   * Lag-1 autocorrelation of the anxiety change in session order (by startedAt); null below 3
   * sessions. Informational (science.md §3.6): clearly positive values mean the intervals above
   * are too narrow, because neighbouring sessions are not independent.
   */
  anxietyChangeLag1: number | null;
};

/** Change values of complete sessions, per measure, aligned with `complete`. */
export interface ChangeTable {
  complete: SessionObservation[];
  values: Record<ChangeMeasure, number[]>;
  totals: Record<ChangeMeasure, Moments>;
}

export function changeTable(sessions: readonly SessionObservation[]): ChangeTable {
  const complete: SessionObservation[] = [];
  const values: Record<ChangeMeasure, number[]> = { anxiety: [], pleasantness: [], energy: [] };
  // Written out per measure (the order of CHANGE_MEASURES) rather than mapped: no arrays per session.
  for (const s of sessions) {
    const out = s.checkOut;
    if (!out) continue;
    const anxiety = out.anxiety - s.checkIn.anxiety;
    const pleasantness = out.pleasantness - s.checkIn.pleasantness;
    const energy = out.energy - s.checkIn.energy;
    if (!(Number.isFinite(anxiety) && Number.isFinite(pleasantness) && Number.isFinite(energy))) continue;
    complete.push(s);
    values.anxiety.push(anxiety);
    values.pleasantness.push(pleasantness);
    values.energy.push(energy);
  }
  return {
    complete,
    values,
    totals: {
      anxiety: momentsOf(values.anxiety),
      pleasantness: momentsOf(values.pleasantness),
      energy: momentsOf(values.energy),
    },
  };
}

function measureEffect(
  measure: ChangeMeasure,
  group: Moments,
  rest: Moments | null,
  options: InsightsOptions,
): MeasureEffect {
  const summary = summaryFromMoments(group);
  const flat = hasNoSpread(summary);
  const interval = flat ? null : tIntervalFromSummary(summary, options.level);
  const effectSize = flat ? null : cohenDzFromSummary(summary);
  let withVsWithout: WelchInterval | null = null;
  if (rest && group.n >= options.minPerSide && rest.n >= options.minPerSide) {
    const other = summaryFromMoments(rest);
    if (!(flat && hasNoSpread(other))) {
      withVsWithout = welchIntervalFromSummaries(summary, other, options.level);
    }
  }
  const assessment = assessPaired({
    n: group.n,
    halfWidth: interval?.halfWidth ?? null,
    sd: group.n >= 2 ? summary.sd : null,
    dz: effectSize?.dzCorrected ?? null,
    maxHalfWidth: options.maxHalfWidth[measure],
    minSessions: options.minSessions,
    level: options.level,
    noVariation: flat,
  });
  return {
    measure,
    n: group.n,
    meanChange: group.n > 0 ? summary.mean : null,
    interval,
    effectSize,
    withVsWithout,
    ...assessment,
  };
}

/** Mean change over all complete sessions. */
export function overallChange(
  sessions: readonly SessionObservation[],
  options: InsightsOptions,
  table: ChangeTable = changeTable(sessions),
): OverallChange {
  const order = table.complete.map((_, i) => i);
  order.sort((a, b) => {
    const x = table.complete[a]?.startedAt ?? "";
    const y = table.complete[b]?.startedAt ?? "";
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const result = {
    sessions: sessions.length,
    completeSessions: table.complete.length,
    anxietyChangeLag1: lag1Autocorrelation(order.map((i) => table.values.anxiety[i] ?? Number.NaN)),
  } as OverallChange;
  for (const m of CHANGE_MEASURES) result[m] = measureEffect(m, table.totals[m], null, options);
  return result;
}

function uniqueKeys(keys: readonly string[]): readonly string[] {
  if (keys.length < 2) return keys;
  for (let i = 1; i < keys.length; i++) {
    if (keys.indexOf(keys[i] ?? "") < i) return [...new Set(keys)];
  }
  return keys;
}

/** Effects grouped by `keysOf(session)` (e.g. its triggers, its preset, its media item). */
export function groupEffects(
  sessions: readonly SessionObservation[],
  keysOf: (s: SessionObservation) => readonly string[],
  options: InsightsOptions,
  table: ChangeTable = changeTable(sessions),
): GroupEffects {
  // Per key: sessions with it, and the indices (in table.complete) of the complete ones.
  const tallies = new Map<string, { sessions: number; members: number[] }>();
  for (const s of sessions) {
    for (const key of uniqueKeys(keysOf(s))) {
      const tally = tallies.get(key);
      if (tally) tally.sessions++;
      else tallies.set(key, { sessions: 1, members: [] });
    }
  }
  const complete = table.complete;
  for (let i = 0; i < complete.length; i++) {
    for (const key of uniqueKeys(keysOf(complete[i] as SessionObservation)))
      tallies.get(key)?.members.push(i);
  }
  const groups: GroupEffect[] = [];
  for (const [key, { sessions: sessionsWithKey, members: idx }] of tallies) {
    const measures = {} as Record<ChangeMeasure, MeasureEffect>;
    for (const m of CHANGE_MEASURES) {
      const moments = momentsAt(table.values[m], idx);
      measures[m] = measureEffect(m, moments, subtractMoments(table.totals[m], moments), options);
    }
    groups.push({
      key,
      sessions: sessionsWithKey,
      completeSessions: idx.length,
      status: measures.anxiety.status,
      moreSessionsNeeded: measures.anxiety.moreSessionsNeeded,
      measures,
    });
  }
  groups.sort((a, b) => b.sessions - a.sessions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { groups, rankings: rankGroups(groups) };
}

function rank(groups: readonly GroupEffect[], measure: ChangeMeasure, lowerIsBetter: boolean): string[] {
  const ranked = groups.filter(
    (g) => g.measures[measure].status === "estimate" && g.measures[measure].interval,
  );
  const bound = (g: GroupEffect) => {
    const ci = g.measures[measure].interval;
    return lowerIsBetter ? (ci?.upper ?? Number.POSITIVE_INFINITY) : -(ci?.lower ?? Number.NEGATIVE_INFINITY);
  };
  const centre = (g: GroupEffect) => (lowerIsBetter ? 1 : -1) * (g.measures[measure].meanChange ?? 0);
  return ranked
    .slice()
    .sort((a, b) => bound(a) - bound(b) || centre(a) - centre(b) || (a.key < b.key ? -1 : 1))
    .map((g) => g.key);
}

export function rankGroups(groups: readonly GroupEffect[]): GroupEffects["rankings"] {
  return { anxiety: rank(groups, "anxiety", true), pleasantness: rank(groups, "pleasantness", false) };
}
