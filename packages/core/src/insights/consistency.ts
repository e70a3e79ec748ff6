/**
 * Consistency without pressure: sessions per ISO week (empty weeks included, so gaps are visible
 * but never called "broken"), a "year in pixels" calendar as data ({date, value, n}: the UI picks
 * colours), "days you showed up" counts for this week and month, and "on this day" look-backs.
 * No streaks are computed on purpose.
 */
import { dayNumber, isoWeekOfDay, mondayOf } from "./dates";
import type { SessionObservation } from "./types";

export interface WeekCount {
  week: string;
  weekStart: string;
  sessions: number;
}

export interface CalendarDay {
  date: string;
  /** Mean over that day's sessions. */
  value: number;
  /** Sessions contributing to the value. */
  n: number;
}

/**
 * One entry per day with a session, as parallel columns (index i of every array is dates[i]):
 * ten years of days are a few tens of kilobytes of JSON this way instead of half a megabyte of
 * repeated keys. `calendarDays` turns one series back into {date, value, n} records.
 */
export interface Calendar {
  /** Days with at least one session, ascending "YYYY-MM-DD". */
  dates: string[];
  /** Sessions held that day. */
  sessions: number[];
  /** Mean check-in pleasantness (1–9) that day. */
  checkInPleasantness: number[];
  /** Mean check-in anxiety (0–100) that day. */
  checkInAnxiety: number[];
  /** Mean anxiety change (check-out − check-in) over that day's completed sessions; null when none. */
  anxietyChange: (number | null)[];
  /** Completed sessions (with a check-out) that day. */
  completeSessions: number[];
}

export type CalendarSeries = "checkInPleasantness" | "checkInAnxiety" | "anxietyChange";

/** One series of the calendar as {date, value, n} records (days without a value left out). */
export function calendarDays(c: Calendar, series: CalendarSeries): CalendarDay[] {
  const out: CalendarDay[] = [];
  const counts = series === "anxietyChange" ? c.completeSessions : c.sessions;
  c.dates.forEach((date, i) => {
    const value = c[series][i];
    const n = counts[i] ?? 0;
    if (value !== null && value !== undefined && n > 0) out.push({ date, value, n });
  });
  return out;
}

export interface ShowingUp {
  /** Distinct days with at least one session in today's calendar month. */
  daysThisMonth: number;
  /** Distinct days with a session in today's ISO week. */
  daysThisWeek: number;
  sessionsThisWeek: number;
  /** Distinct days with a session, ever. */
  totalDays: number;
}

export interface Consistency {
  sessionsPerWeek: WeekCount[];
  calendar: Calendar;
  showingUp: ShowingUp | null;
}

/** Sessions per ISO week from the first session's week to the last (or to `today`'s week). */
export function sessionsPerWeek(sessions: readonly SessionObservation[], today?: string): WeekCount[] {
  const counts = new Map<number, number>();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const s of sessions) {
    const day = dayNumber(s.localDate);
    if (!Number.isFinite(day)) continue;
    const monday = mondayOf(day);
    counts.set(monday, (counts.get(monday) ?? 0) + 1);
    first = Math.min(first, monday);
    last = Math.max(last, monday);
  }
  if (!Number.isFinite(first)) return [];
  if (today !== undefined && Number.isFinite(dayNumber(today))) {
    last = Math.max(last, isoWeekOfDay(dayNumber(today)).mondayDay);
  }
  const weeks: WeekCount[] = [];
  for (let monday = first; monday <= last; monday += 7) {
    const w = isoWeekOfDay(monday);
    weeks.push({ week: w.week, weekStart: w.weekStart, sessions: counts.get(monday) ?? 0 });
  }
  return weeks;
}

interface DayAccumulator {
  pleasantness: number;
  anxiety: number;
  n: number;
  change: number;
  nChange: number;
}

export function calendar(sessions: readonly SessionObservation[]): Calendar {
  const days = new Map<string, DayAccumulator>();
  for (const s of sessions) {
    let d = days.get(s.localDate);
    if (!d) {
      d = { pleasantness: 0, anxiety: 0, n: 0, change: 0, nChange: 0 };
      days.set(s.localDate, d);
    }
    d.pleasantness += s.checkIn.pleasantness;
    d.anxiety += s.checkIn.anxiety;
    d.n++;
    if (s.checkOut && Number.isFinite(s.checkOut.anxiety)) {
      d.change += s.checkOut.anxiety - s.checkIn.anxiety;
      d.nChange++;
    }
  }
  const result: Calendar = {
    dates: [],
    sessions: [],
    checkInPleasantness: [],
    checkInAnxiety: [],
    anxietyChange: [],
    completeSessions: [],
  };
  const dates = [...days.keys()].sort();
  for (const date of dates) {
    const d = days.get(date);
    if (!d) continue;
    result.dates.push(date);
    result.sessions.push(d.n);
    result.checkInPleasantness.push(d.pleasantness / d.n);
    result.checkInAnxiety.push(d.anxiety / d.n);
    result.anxietyChange.push(d.nChange > 0 ? d.change / d.nChange : null);
    result.completeSessions.push(d.nChange);
  }
  return result;
}

export function showingUp(sessions: readonly SessionObservation[], today: string): ShowingUp {
  const month = today.slice(0, 7);
  const todayDay = dayNumber(today);
  const monday = mondayOf(todayDay);
  const allDays = new Set<string>();
  const monthDays = new Set<string>();
  const weekDays = new Set<string>();
  let sessionsThisWeek = 0;
  for (const s of sessions) {
    allDays.add(s.localDate);
    const day = dayNumber(s.localDate);
    if (day > todayDay) continue;
    if (s.localDate.startsWith(month)) monthDays.add(s.localDate);
    if (day >= monday) {
      weekDays.add(s.localDate);
      sessionsThisWeek++;
    }
  }
  return {
    daysThisMonth: monthDays.size,
    daysThisWeek: weekDays.size,
    sessionsThisWeek,
    totalDays: allDays.size,
  };
}

/** Items from the same month and day as `today` in earlier years, newest first. */
export function onThisDay<T extends { localDate: string }>(items: readonly T[], today: string): T[] {
  const monthDay = today.slice(5, 10);
  return items
    .filter(
      (item) => item.localDate.slice(5, 10) === monthDay && item.localDate.slice(0, 4) < today.slice(0, 4),
    )
    .sort((a, b) => (a.localDate < b.localDate ? 1 : a.localDate > b.localDate ? -1 : 0));
}

export function consistency(sessions: readonly SessionObservation[], today?: string): Consistency {
  return {
    sessionsPerWeek: sessionsPerWeek(sessions, today),
    calendar: calendar(sessions),
    showingUp: today !== undefined ? showingUp(sessions, today) : null,
  };
}
