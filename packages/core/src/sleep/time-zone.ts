/** Small pure time-zone helpers built on Intl.DateTimeFormat (no tz database of our own).
 * Wall-clock values are represented as "UTC-shaped" milliseconds: Date.UTC(y, m, d, h, min). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone name (e.g. "Europe/London"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC in minutes at an instant (London in summer → 60, New York in winter → −300). */
export function tzOffsetMinutes(instantMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(
    get("year"),
    get("month") - 1,
    get("day"),
    get("hour") % 24,
    get("minute"),
    get("second"),
  );
  const whole = Math.floor(instantMs / 1000) * 1000;
  return Math.round((wall - whole) / 60_000);
}

/** "ok": the clock time happened once. "repeated": it happened twice (clocks went back);
 * the first occurrence is used. "skipped": it never happened (clocks went forward); it is
 * read with the offset from before the change, which lands just after the gap
 * (01:30 on a London spring-forward night → 02:30 BST). Same as Temporal's "compatible". */
export type LocalTimeStatus = "ok" | "repeated" | "skipped";

export interface LocalInstant {
  readonly instantMs: number;
  readonly status: LocalTimeStatus;
}

const DAY_MS = 86_400_000;

/** The real instant of a wall-clock date and time in a zone. */
export function localToInstant(date: string, time: string, timeZone: string): LocalInstant {
  const wall = wallMs(date, time);
  const before = tzOffsetMinutes(wall - DAY_MS, timeZone);
  const after = tzOffsetMinutes(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => wall - tzOffsetMinutes(instant, timeZone) * 60_000 === instant)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) return { instantMs: wall - before * 60_000, status: "skipped" };
  return { instantMs: first, status: candidates.length > 1 ? "repeated" : "ok" };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** True for a 24-hour clock time written HH:MM. */
export function isClockTime(value: string): boolean {
  return TIME_RE.test(value);
}

/** Minutes since midnight of an HH:MM clock time. */
export function clockMinutes(time: string): number {
  const m = TIME_RE.exec(time);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

/** The calendar date `days` after a YYYY-MM-DD date. */
export function addCalendarDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) return date;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

function wallMs(date: string, time: string): number {
  const m = DATE_RE.exec(date);
  const minutes = clockMinutes(time);
  if (!m || Number.isNaN(minutes)) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + minutes * 60_000;
}
