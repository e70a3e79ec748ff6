/**
 * Nights after an evening session vs nights without (science.md §3.1: for sleep, compare nights).
 *
 * A session is an *evening session* when it starts at or after `eveningStartHour` (18:00) or before
 * `eveningEndHour` (03:00) local time; it belongs to the night of its local date, or of the day
 * before when it started after midnight. A diary (whose `date` is the evening the night began)
 * counts as "after a session" when such a session exists for that night or when the diary linked
 * itself to a known session (`precededBySessionId`). Several sessions in one evening make one night
 * whose triggers are the union of theirs.
 *
 * For each of sleep onset latency, sleep efficiency and quality: mean with t interval on each side
 * and the Welch interval of (after − without). Per evening trigger: nights after sessions with it
 * vs nights after evening sessions without it (so having a session at all is held fixed), with the
 * same "enough data" rule; rankings only include estimates, ordered by the least favourable end of
 * the difference interval (onset: upper bound, lowest first; efficiency and quality: lower bound,
 * highest first). Both sides constant (no spread) gives "no-variation" with no difference interval,
 * and a constant side has no interval of its own.
 */
import {
  type Moments,
  momentsAt,
  momentsOf,
  type Summary,
  subtractMoments,
  summarize,
  summaryFromMoments,
} from "../stats/descriptive";
import {
  type MeanInterval,
  tIntervalFromSummary,
  type WelchInterval,
  welchIntervalFromSummaries,
} from "../stats/intervals";
import { assessTwoSample, hasNoSpread } from "./assess";
import { addDays } from "./dates";
import {
  type EstimateStatus,
  type InsightsOptions,
  type NotEnoughReason,
  type SessionObservation,
  SLEEP_MEASURES,
  type SleepMeasure,
  type SleepObservation,
} from "./types";

export interface SideSummary {
  n: number;
  mean: number | null;
  interval: MeanInterval | null;
}

export interface NightComparison {
  measure: SleepMeasure;
  with: SideSummary;
  without: SideSummary;
  /** mean(with) − mean(without), Welch. */
  difference: WelchInterval | null;
  status: EstimateStatus;
  reason: NotEnoughReason | null;
  /** Nights after a session still needed for a useful estimate (0 for an estimate). */
  moreNightsNeeded: number;
}

export interface SleepTriggerEffect {
  trigger: string;
  /** Nights after an evening session with this trigger. */
  nights: number;
  /** Status of the sleep-onset comparison (the primary sleep question). */
  status: EstimateStatus;
  moreNightsNeeded: number;
  measures: Record<SleepMeasure, NightComparison>;
}

export interface SleepInsights {
  nights: number;
  nightsAfterSession: number;
  nightsWithout: number;
  /** Nights after an evening session vs nights without. */
  afterSession: Record<SleepMeasure, NightComparison>;
  triggers: SleepTriggerEffect[];
  rankings: Record<SleepMeasure, string[]>;
}

const LOWER_IS_BETTER: Record<SleepMeasure, boolean> = {
  solMinutes: true,
  sleepEfficiency: false,
  quality: false,
};

/** The night ("YYYY-MM-DD" of its evening) an evening session belongs to, or null. */
export function nightOfSession(s: SessionObservation, options: InsightsOptions): string | null {
  if (s.hourLocal >= options.eveningStartHour) return s.localDate;
  if (s.hourLocal < options.eveningEndHour) return addDays(s.localDate, -1);
  return null;
}

function side(s: Summary, level: number): SideSummary {
  return {
    n: s.n,
    mean: s.n > 0 ? s.mean : null,
    interval: hasNoSpread(s) ? null : tIntervalFromSummary(s, level),
  };
}

function sleepValue(night: SleepObservation, measure: SleepMeasure): number | null {
  const v = night[measure];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

function valuesOf(nights: readonly SleepObservation[], measure: SleepMeasure): number[] {
  const out: number[] = [];
  for (const n of nights) {
    const v = sleepValue(n, measure);
    if (v !== null) out.push(v);
  }
  return out;
}

function compare(measure: SleepMeasure, a: Summary, b: Summary, options: InsightsOptions): NightComparison {
  const flat = hasNoSpread(a) && hasNoSpread(b);
  const difference =
    a.n >= options.minPerSide && b.n >= options.minPerSide && !flat
      ? welchIntervalFromSummaries(a, b, options.level)
      : null;
  let d: number | null = null;
  if (difference) {
    const rms = Math.sqrt((a.sd ** 2 + b.sd ** 2) / 2);
    d = rms > 0 ? difference.difference / rms : null;
  }
  const assessment = assessTwoSample({
    nWith: a.n,
    nWithout: b.n,
    halfWidth: difference?.halfWidth ?? null,
    d,
    maxHalfWidth: options.maxHalfWidth[measure],
    minSessions: options.minSessions,
    minPerSide: options.minPerSide,
    noVariation: flat,
  });
  return {
    measure,
    with: side(a, options.level),
    without: side(b, options.level),
    difference,
    status: assessment.status,
    reason: assessment.reason,
    moreNightsNeeded: assessment.moreSessionsNeeded,
  };
}

export function sleepInsights(
  sessions: readonly SessionObservation[],
  sleep: readonly SleepObservation[],
  options: InsightsOptions,
): SleepInsights {
  // Triggers per evening as plain lists (each trigger once): a Set per night cost more than the
  // lists of one to three triggers they hold. Their order does not matter (results are sorted).
  const byId = new Map<string, SessionObservation>();
  const eveningTriggers = new Map<string, string[]>();
  for (const s of sessions) {
    byId.set(s.id, s);
    const night = nightOfSession(s, options);
    if (night === null) continue;
    let list = eveningTriggers.get(night);
    if (!list) {
      list = [];
      eveningTriggers.set(night, list);
    }
    for (const t of s.triggers) if (!list.includes(t)) list.push(t);
  }
  const after: SleepObservation[] = [];
  const afterTriggers: (readonly string[])[] = [];
  const without: SleepObservation[] = [];
  for (const night of sleep) {
    const linked = night.precededBySessionId ? byId.get(night.precededBySessionId) : undefined;
    const evening = eveningTriggers.get(night.date);
    if (!linked && !evening) {
      without.push(night);
      continue;
    }
    let triggers: readonly string[] = evening ?? [];
    if (linked?.triggers.some((t) => !triggers.includes(t))) {
      const union = triggers.slice();
      for (const t of linked.triggers) if (!union.includes(t)) union.push(t);
      triggers = union;
    }
    after.push(night);
    afterTriggers.push(triggers);
  }

  // Per measure: values of the nights after a session (null when not answered) and their moments,
  // so each trigger's "other evening sessions" side is a subtraction, not another pass.
  const afterValues = {} as Record<SleepMeasure, (number | null)[]>;
  const afterMoments = {} as Record<SleepMeasure, Moments>;
  const overall = {} as Record<SleepMeasure, NightComparison>;
  for (const m of SLEEP_MEASURES) {
    afterValues[m] = after.map((night) => sleepValue(night, m));
    const present = afterValues[m].filter((v): v is number => v !== null);
    afterMoments[m] = momentsOf(present);
    overall[m] = compare(m, summaryFromMoments(afterMoments[m]), summarize(valuesOf(without, m)), options);
  }

  const nightsByTrigger = new Map<string, number[]>();
  afterTriggers.forEach((list, i) => {
    for (const t of list) {
      let list = nightsByTrigger.get(t);
      if (!list) {
        list = [];
        nightsByTrigger.set(t, list);
      }
      list.push(i);
    }
  });
  const triggers: SleepTriggerEffect[] = [];
  for (const [trigger, idx] of nightsByTrigger) {
    const measures = {} as Record<SleepMeasure, NightComparison>;
    for (const m of SLEEP_MEASURES) {
      const withMoments = momentsAt(afterValues[m], idx);
      const rest = subtractMoments(afterMoments[m], withMoments);
      measures[m] = compare(m, summaryFromMoments(withMoments), summaryFromMoments(rest), options);
    }
    triggers.push({
      trigger,
      nights: idx.length,
      status: measures.solMinutes.status,
      moreNightsNeeded: measures.solMinutes.moreNightsNeeded,
      measures,
    });
  }
  triggers.sort((a, b) => b.nights - a.nights || (a.trigger < b.trigger ? -1 : 1));

  const rankings = {} as Record<SleepMeasure, string[]>;
  for (const m of SLEEP_MEASURES) {
    const lower = LOWER_IS_BETTER[m];
    const bound = (t: SleepTriggerEffect) => {
      const d = t.measures[m].difference;
      return lower ? (d?.upper ?? Number.POSITIVE_INFINITY) : -(d?.lower ?? Number.NEGATIVE_INFINITY);
    };
    rankings[m] = triggers
      .filter((t) => t.measures[m].status === "estimate")
      .sort((a, b) => bound(a) - bound(b) || (a.trigger < b.trigger ? -1 : 1))
      .map((t) => t.trigger);
  }

  return {
    nights: sleep.length,
    nightsAfterSession: after.length,
    nightsWithout: without.length,
    afterSession: overall,
    triggers,
    rankings,
  };
}
