/**
 * Calendar arithmetic on local dates ("YYYY-MM-DD") as day numbers, without Date objects
 * (fast and free of time-zone surprises). Day 0 is 1970-01-01, a Thursday.
 */

/** Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    value = value * 10 + c;
  }
  return value;
}

/** Day number of "YYYY-MM-DD" (anything after the date is ignored); NaN when malformed. */
export function dayNumber(date: string): number {
  if (date.length < 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 2);
  const day = digits(date, 8, 2);
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return Number.NaN;
  return daysFromCivil(year, month, day);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** "YYYY-MM-DD" for a day number. */
export function dateFromDayNumber(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Adds `delta` days to a "YYYY-MM-DD" date. */
export function addDays(date: string, delta: number): string {
  return dateFromDayNumber(dayNumber(date) + delta);
}

export interface IsoWeek {
  /** e.g. "2025-W01" */
  readonly week: string;
  /** Monday of that week, "YYYY-MM-DD". */
  readonly weekStart: string;
  /** Day number of that Monday (for sorting and gaps). */
  readonly mondayDay: number;
}

/** Day number of the Monday starting the ISO week of `days`. */
export function mondayOf(days: number): number {
  return days - ((((days + 3) % 7) + 7) % 7);
}

/** Weeks already labelled, by day number of their Monday (ten years are about 520). */
const weeksByMonday = new Map<number, IsoWeek>();
const WEEK_CACHE_LIMIT = 4096;

/**
 * ISO 8601 week of a day number: weeks start on Monday; week 1 holds the year's first Thursday.
 * The answer is frozen and shared between calls (the insights label every week of the history
 * twice per request).
 */
export function isoWeekOfDay(days: number): IsoWeek {
  const monday = days - ((((days + 3) % 7) + 7) % 7);
  let week = weeksByMonday.get(monday);
  if (week === undefined) {
    week = Object.freeze(computeIsoWeek(days));
    if (weeksByMonday.size >= WEEK_CACHE_LIMIT) weeksByMonday.clear();
    weeksByMonday.set(monday, week);
  }
  return week;
}

function computeIsoWeek(days: number): IsoWeek {
  const weekday = (((days + 3) % 7) + 7) % 7; // Monday = 0
  const monday = days - weekday;
  const thursday = monday + 3;
  const isoYear = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(isoYear, 1, 1)) / 7) + 1;
  return {
    week: `${pad(isoYear, 4)}-W${pad(week)}`,
    weekStart: dateFromDayNumber(monday),
    mondayDay: monday,
  };
}

/** ISO week of a "YYYY-MM-DD" date. */
export function isoWeek(date: string): IsoWeek {
  return isoWeekOfDay(dayNumber(date));
}
