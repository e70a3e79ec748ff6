/**
 * Trends by ISO week (weeks start on Monday): pre-session (check-in) anxiety and pleasantness,
 * tingles at check-out, each with n and a t interval when the week has two or more values; and
 * check-up totals over time, per instrument.
 */
import { summarize } from "../stats/descriptive";
import { tIntervalFromSummary } from "../stats/intervals";
import { dayNumber, isoWeekOfDay, mondayOf } from "./dates";
import type { CheckupObservation, SessionObservation } from "./types";

export interface PointEstimate {
  n: number;
  mean: number;
  /** Interval bounds; null with fewer than two values, or when every value is the same (a spread
   * of zero is not certainty: a zero-width interval would claim it). */
  lower: number | null;
  upper: number | null;
}

export interface WeeklyTrendPoint {
  week: string;
  weekStart: string;
  sessions: number;
  anxietyBefore: PointEstimate | null;
  pleasantnessBefore: PointEstimate | null;
  tingles: PointEstimate | null;
}

export interface CheckupSeries {
  instrumentId: string;
  points: { date: string; total: number }[];
}

export function pointEstimate(values: readonly number[], level: number): PointEstimate | null {
  if (values.length === 0) return null;
  const s = summarize(values);
  const ci = s.sd > 0 ? tIntervalFromSummary(s, level) : null;
  return { n: s.n, mean: s.mean, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
}

interface WeekBucket {
  week: string;
  weekStart: string;
  monday: number;
  sessions: number;
  anxiety: number[];
  pleasantness: number[];
  tingles: number[];
}

/** The last point computed per week (by its Monday's day number), with the values it came from. */
interface WeekMemo {
  level: number;
  sessions: number;
  anxiety: readonly number[];
  pleasantness: readonly number[];
  tingles: readonly number[];
  point: WeeklyTrendPoint;
}
const weekMemo = new Map<number, WeekMemo>();
const WEEK_MEMO_LIMIT = 8192;

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/**
 * The week's point: the one computed last time when the week's values are the same (in the same
 * order, at the same level), otherwise a new one. After a write only the weeks it touched change,
 * so ten years of weeks are not summarised again for every answer. Points are frozen: the same
 * object can be in several answers (and a server may keep each point's JSON by identity).
 */
function weekPoint(b: WeekBucket, level: number): WeeklyTrendPoint {
  const memo = weekMemo.get(b.monday);
  if (
    memo &&
    memo.level === level &&
    memo.sessions === b.sessions &&
    sameValues(memo.anxiety, b.anxiety) &&
    sameValues(memo.pleasantness, b.pleasantness) &&
    sameValues(memo.tingles, b.tingles)
  ) {
    return memo.point;
  }
  const freeze = (p: PointEstimate | null) => (p ? Object.freeze(p) : null);
  const point: WeeklyTrendPoint = Object.freeze({
    week: b.week,
    weekStart: b.weekStart,
    sessions: b.sessions,
    anxietyBefore: freeze(pointEstimate(b.anxiety, level)),
    pleasantnessBefore: freeze(pointEstimate(b.pleasantness, level)),
    tingles: freeze(pointEstimate(b.tingles, level)),
  });
  if (weekMemo.size >= WEEK_MEMO_LIMIT) weekMemo.clear();
  weekMemo.set(b.monday, {
    level,
    sessions: b.sessions,
    anxiety: b.anxiety,
    pleasantness: b.pleasantness,
    tingles: b.tingles,
    point,
  });
  return point;
}

/** Weekly means of check-in anxiety and pleasantness and of check-out tingles, oldest first. */
export function weeklyTrends(sessions: readonly SessionObservation[], level: number): WeeklyTrendPoint[] {
  const buckets = new Map<number, WeekBucket>();
  for (const s of sessions) {
    const day = dayNumber(s.localDate);
    if (!Number.isFinite(day)) continue;
    const monday = mondayOf(day);
    let b = buckets.get(monday);
    if (!b) {
      const w = isoWeekOfDay(monday);
      b = {
        week: w.week,
        weekStart: w.weekStart,
        monday,
        sessions: 0,
        anxiety: [],
        pleasantness: [],
        tingles: [],
      };
      buckets.set(monday, b);
    }
    b.sessions++;
    if (Number.isFinite(s.checkIn.anxiety)) b.anxiety.push(s.checkIn.anxiety);
    if (Number.isFinite(s.checkIn.pleasantness)) b.pleasantness.push(s.checkIn.pleasantness);
    const tingles = s.checkOut?.tingles;
    if (typeof tingles === "number" && Number.isFinite(tingles)) b.tingles.push(tingles);
  }
  return [...buckets.values()].sort((a, b) => a.monday - b.monday).map((b) => weekPoint(b, level));
}

/** Check-up totals per instrument, oldest first; instruments in alphabetical order. */
export function checkupSeries(checkups: readonly CheckupObservation[]): CheckupSeries[] {
  const byInstrument = new Map<string, { date: string; total: number }[]>();
  for (const c of checkups) {
    let list = byInstrument.get(c.instrumentId);
    if (!list) {
      list = [];
      byInstrument.set(c.instrumentId, list);
    }
    list.push({ date: c.date, total: c.total });
  }
  return [...byInstrument.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([instrumentId, points]) => ({
      instrumentId,
      points: points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    }));
}
