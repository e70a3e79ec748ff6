/**
 * The check-up history's points, by the day the user took each one where they were (the
 * response's `localDate`, in its time zone) — not the UTC day of `completedAt`, which puts a
 * check-up taken late in the evening west of Greenwich on the next day. Each day is carried as
 * UTC midnight so a chart on a UTC scale, and a formatter in UTC, show that very date.
 */
import type { InstrumentResponse } from "@meridian/core";

export interface HistoryPoint {
  id: string;
  /** UTC midnight of the local date the check-up was taken. */
  date: Date;
  total: number;
  bandLabel: string | null;
}

/** "2026-12-07" → 2026-12-07T00:00:00Z (the local date as a UTC-midnight instant). */
export function localDay(localDate: string): Date {
  return new Date(`${localDate}T00:00:00Z`);
}

/** Scored responses as chart points, oldest first, each on its local date. */
export function historyPoints(responses: readonly InstrumentResponse[]): HistoryPoint[] {
  return responses
    .filter((r) => r.total !== null)
    .map((r) => ({ id: r.id, date: localDay(r.localDate), total: r.total ?? 0, bandLabel: r.bandLabel }))
    .sort((a, b) => a.date.getTime() - b.date.getTime());
}

/** "7 Dec 2026" for a point's date (formatted in UTC, so it is the local date itself). */
export const historyDateFmt = new Intl.DateTimeFormat(undefined, {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
