/**
 * The randomised multi-crossover schedule of an experiment (science.md §3.1): `pairs` pairs, each
 * an AB or a BA pair by a fair coin from the plan's seed, one soundscape per evening, with
 * `washoutDays` days without an experiment evening between evenings. Which of the neutral
 * soundscapes "A" and "B" is the condition (and which the control) is a further coin from the same
 * seed: the blinding map.
 *
 * Random order within each pair is the design the exact randomisation test enumerates (2^pairs
 * assignments); pairs are balanced by construction (one A and one B each). Carriere et al. (2015)
 * found alternating AB/BA pairs near-optimal; random pair orders give alternation on average while
 * keeping the order unpredictable to the person, which blinding needs.
 *
 * Generator: Mulberry32 (`seededRandom` from stats) seeded with the plan's uint32 seed; the first
 * draw decides the blinding (< 0.5: A is the condition), then one draw per pair in order (< 0.5: AB).
 * Changing this changes every stored schedule: keep it fixed (a test pins one seed).
 *
 * Missed evenings are skipped, never reassigned: every evening belongs to its date.
 *
 * The seed reveals the blinding map. Never show the seed, the plan JSON or the schedule's arms to
 * the person before the end; show only "Soundscape A / B" (and `eveningLabel`).
 */
import { dateFromDayNumber, dayNumber } from "../insights/dates";
import { seededRandom } from "../stats/randomisation";
import type { ExperimentPlan } from "./plan";

export type Soundscape = "A" | "B";
export type Arm = "condition" | "control";

export interface ScheduledEvening {
  /** 1-based evening number. */
  readonly index: number;
  /** Local date "YYYY-MM-DD". */
  readonly date: string;
  /** The neutral soundscape played this evening. */
  readonly condition: Soundscape;
  /** 1-based pair number. */
  readonly pair: number;
  /** First (1) or second (2) evening of its pair. */
  readonly position: 1 | 2;
}

/** Which soundscape is the condition and which the control; secret until the end. */
export interface BlindingMap {
  readonly condition: Soundscape;
  readonly control: Soundscape;
}

export interface Schedule {
  readonly evenings: readonly ScheduledEvening[];
  readonly blinding: BlindingMap;
  /** "AB" or "BA" for each pair, in order. */
  readonly pairOrders: readonly ("AB" | "BA")[];
  readonly startDate: string;
  readonly endDate: string;
  readonly seed: number;
}

export type SchedulePlan = Pick<ExperimentPlan, "pairs" | "washoutDays" | "startDate" | "seed">;

/** The schedule for a plan; the same plan always gives the same schedule. */
export function buildSchedule(plan: SchedulePlan): Schedule {
  const { pairs, washoutDays, startDate, seed } = plan;
  if (!Number.isInteger(pairs) || pairs < 1)
    throw new RangeError(`pairs must be a whole number ≥ 1, got ${pairs}`);
  if (!Number.isInteger(washoutDays) || washoutDays < 0)
    throw new RangeError(`washoutDays must be a whole number ≥ 0, got ${washoutDays}`);
  const start = dayNumber(startDate);
  if (!Number.isFinite(start)) throw new RangeError(`startDate must be "YYYY-MM-DD", got "${startDate}"`);
  const random = seededRandom(seed >>> 0);
  const blinding: BlindingMap =
    random() < 0.5 ? { condition: "A", control: "B" } : { condition: "B", control: "A" };
  const pairOrders: ("AB" | "BA")[] = [];
  for (let p = 0; p < pairs; p++) pairOrders.push(random() < 0.5 ? "AB" : "BA");
  const step = 1 + washoutDays;
  const evenings: ScheduledEvening[] = [];
  for (const [p, order] of pairOrders.entries()) {
    for (const position of [1, 2] as const) {
      const i = evenings.length;
      evenings.push({
        index: i + 1,
        date: dateFromDayNumber(start + i * step),
        condition: (position === 1 ? order[0] : order[1]) as Soundscape,
        pair: p + 1,
        position,
      });
    }
  }
  const last = evenings[evenings.length - 1] as ScheduledEvening;
  return { evenings, blinding, pairOrders, startDate, endDate: last.date, seed: seed >>> 0 };
}

/** The arm a soundscape stands for under a blinding map. */
export function armOf(soundscape: Soundscape, blinding: BlindingMap): Arm {
  return soundscape === blinding.condition ? "condition" : "control";
}

export type TodayStatus =
  /** Before the first evening. */
  | "not-started"
  /** Tonight is an experiment evening and nothing is recorded yet. */
  | "tonight"
  /** Tonight's evening is already recorded. */
  | "recorded"
  /** A washout day: no experiment session today. */
  | "rest-day"
  /** After the last evening. */
  | "finished";

export interface TodayAssignment {
  readonly status: TodayStatus;
  /** Tonight's evening ("tonight" / "recorded"), else null. */
  readonly evening: ScheduledEvening | null;
  /** "Evening 5 of 12": tonight's number, else the number of the next evening (null when finished). */
  readonly eveningNumber: number | null;
  readonly totalEvenings: number;
  /** Scheduled evenings with a recording. */
  readonly completed: number;
  /** Evening numbers whose date has passed without a recording: skipped for good. */
  readonly missed: readonly number[];
  /** Evenings still to come, tonight included when it is not recorded. */
  readonly remaining: number;
}

/**
 * Where the experiment stands on `today` ("YYYY-MM-DD"), given the dates that have a recorded
 * experiment evening. Dates outside the schedule are ignored; a missed evening stays missed (its
 * soundscape is never moved to another night).
 */
export function todayInExperiment(
  schedule: Schedule,
  recordedDates: Iterable<string>,
  today: string,
): TodayAssignment {
  const now = dayNumber(today);
  if (!Number.isFinite(now)) throw new RangeError(`today must be "YYYY-MM-DD", got "${today}"`);
  const recorded = new Set(recordedDates);
  const total = schedule.evenings.length;
  let completed = 0;
  const missed: number[] = [];
  let tonight: ScheduledEvening | null = null;
  let next: ScheduledEvening | null = null;
  let remaining = 0;
  for (const evening of schedule.evenings) {
    const day = dayNumber(evening.date);
    const done = recorded.has(evening.date);
    if (done) completed++;
    if (day === now) tonight = evening;
    if (day < now && !done) missed.push(evening.index);
    if (day >= now && !done) remaining++;
    if (day > now && next === null) next = evening;
  }
  let status: TodayStatus;
  if (now < dayNumber(schedule.startDate)) status = "not-started";
  else if (tonight) status = recorded.has(tonight.date) ? "recorded" : "tonight";
  else status = next ? "rest-day" : "finished";
  const numberEvening = tonight ?? next;
  return {
    status,
    evening: tonight,
    eveningNumber: numberEvening ? numberEvening.index : null,
    totalEvenings: total,
    completed,
    missed,
    remaining,
  };
}

/** The line for Today: "Experiment: evening 5 of 12", or what the day is instead. Reveals no arm. */
export function eveningLabel(t: TodayAssignment): string {
  const of = `of ${t.totalEvenings}`;
  switch (t.status) {
    case "not-started":
      return `Experiment: starts soon (evening 1 ${of})`;
    case "tonight":
      return `Experiment: evening ${t.eveningNumber} ${of}`;
    case "recorded":
      return `Experiment: evening ${t.eveningNumber} ${of} is recorded`;
    case "rest-day":
      return `Experiment: a rest day; evening ${t.eveningNumber} ${of} is next`;
    case "finished":
      return `Experiment: finished (${t.completed} of ${t.totalEvenings} evenings recorded)`;
  }
}
