import type { SleepDiaryInput } from "./diary";
import {
  addCalendarDays,
  clockMinutes,
  type LocalTimeStatus,
  localToInstant,
  tzOffsetMinutes,
} from "./time-zone";

/** The diary's four clock-time fields. */
export type ClockField = "intoBed" | "triedToSleep" | "finalAwakening" | "outOfBed";

export interface PlacedTime {
  /** Calendar date the clock time falls on, YYYY-MM-DD. */
  readonly date: string;
  readonly time: string;
  /** ISO 8601 UTC instant. */
  readonly at: string;
  readonly instantMs: number;
  readonly status: LocalTimeStatus;
}

export type NightTimeline = Readonly<Record<ClockField, PlacedTime>>;

/** The noon pivot for the into-bed time (see SLEEP_DEFINITIONS / definitions.ts). */
export const BEDTIME_PIVOT_MINUTES = 12 * 60;

/** Date of the into-bed time: noon–midnight → the night's date; midnight–noon → the next day. */
export function intoBedDate(nightOf: string, intoBed: string): string {
  return clockMinutes(intoBed) >= BEDTIME_PIVOT_MINUTES ? nightOf : addCalendarDays(nightOf, 1);
}

/** Date of a later time: the first time that clock time comes round at or after into bed. */
export function dateAfter(bedDate: string, intoBed: string, time: string): string {
  return clockMinutes(time) >= clockMinutes(intoBed) ? bedDate : addCalendarDays(bedDate, 1);
}

type NightClocks = Pick<SleepDiaryInput, "nightOf" | "timeZone" | ClockField>;

/** Places the four clock times on dates and real instants in the diary's time zone. */
export function placeNight(input: NightClocks): NightTimeline {
  const bedDate = intoBedDate(input.nightOf, input.intoBed);
  const place = (date: string, time: string): PlacedTime => {
    const { instantMs, status } = localToInstant(date, time, input.timeZone);
    return { date, time, at: new Date(instantMs).toISOString(), instantMs, status };
  };
  return {
    intoBed: place(bedDate, input.intoBed),
    triedToSleep: place(dateAfter(bedDate, input.intoBed, input.triedToSleep), input.triedToSleep),
    finalAwakening: place(dateAfter(bedDate, input.intoBed, input.finalAwakening), input.finalAwakening),
    outOfBed: place(dateAfter(bedDate, input.intoBed, input.outOfBed), input.outOfBed),
  };
}

export interface SleepDerived {
  readonly timeline: NightTimeline;
  /** TIB: out of bed − into bed. */
  readonly timeInBedMinutes: number;
  /** Tried to sleep − into bed; reported separately from SOL. */
  readonly bedToTryMinutes: number;
  /** SOL: as reported. */
  readonly sleepOnsetLatencyMinutes: number;
  /** WASO: as reported (excludes the final awakening). */
  readonly wakeAfterSleepOnsetMinutes: number;
  /** Final awakening − tried to sleep. */
  readonly sleepWindowMinutes: number;
  /** TST: sleep window − SOL − WASO. */
  readonly totalSleepMinutes: number;
  /** SE: TST ÷ TIB × 100, rounded to one decimal; null when TIB is 0. */
  readonly sleepEfficiency: number | null;
  /** Out of bed − final awakening. */
  readonly inBedAfterWakingMinutes: number;
  /** How far the clocks moved during the night (+60 = they went forward an hour, so the
   * night was an hour shorter than its clock times suggest); 0 on ordinary nights. */
  readonly clockChangeMinutes: number;
  /** Clock times that didn't exist or happened twice, so were interpreted (see definitions). */
  readonly adjustedTimes: readonly ClockField[];
}

const minutesBetween = (a: PlacedTime, b: PlacedTime) => Math.round((b.instantMs - a.instantMs) / 60_000);

/** Derived measures (definitions in definitions.ts). Doesn't validate: see `checkSleepDiary`. */
export function deriveSleep(input: SleepDiaryInput): SleepDerived {
  const timeline = placeNight(input);
  const timeInBed = minutesBetween(timeline.intoBed, timeline.outOfBed);
  const window = minutesBetween(timeline.triedToSleep, timeline.finalAwakening);
  const total = window - input.minutesToFallAsleep - input.minutesAwake;
  const fields: ClockField[] = ["intoBed", "triedToSleep", "finalAwakening", "outOfBed"];
  return {
    timeline,
    timeInBedMinutes: timeInBed,
    bedToTryMinutes: minutesBetween(timeline.intoBed, timeline.triedToSleep),
    sleepOnsetLatencyMinutes: input.minutesToFallAsleep,
    wakeAfterSleepOnsetMinutes: input.minutesAwake,
    sleepWindowMinutes: window,
    totalSleepMinutes: total,
    sleepEfficiency: timeInBed > 0 ? Math.round((total / timeInBed) * 1000) / 10 : null,
    inBedAfterWakingMinutes: minutesBetween(timeline.finalAwakening, timeline.outOfBed),
    clockChangeMinutes:
      tzOffsetMinutes(timeline.outOfBed.instantMs, input.timeZone) -
      tzOffsetMinutes(timeline.intoBed.instantMs, input.timeZone),
    adjustedTimes: fields.filter((f) => timeline[f].status !== "ok"),
  };
}

/** "7 h 40 min", "45 min", "9 h". */
export function formatDurationMinutes(total: number): string {
  const sign = total < 0 ? "−" : "";
  const abs = Math.abs(total);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
}
