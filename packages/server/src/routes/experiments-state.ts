/**
 * Where a stored experiment stands, and the numbers the routes read from the person's sessions
 * and sleep diaries: the outcomes of an evening (from its session's check-in and check-out, and
 * for sleep outcomes the diary of that night), and the past values behind the power guidance.
 */
import {
  buildSchedule,
  type CheckIn,
  type CheckOut,
  type EveningEntry,
  type ExperimentDeviations,
  type ExperimentPlan,
  type ExperimentReportView,
  type ExperimentStatus,
  type ExperimentSummary,
  eveningLabel,
  experimentPlanSchema,
  experimentReport,
  OUTCOME_INFO,
  type Outcome,
  type Schedule,
  type TodayAssignment,
  todayInExperiment,
} from "@meridian/core";
import { isSeedless, parseablePlan } from "../archive/experiment-blinding";
import { presentExperiment, presentSummary } from "../presenters/experiments";
import type { ExperimentEveningRecord, ExperimentRecord } from "../store/experiments-store";
import type { RitualStore } from "../store/ritual-store";
import type { Store, UserRecord } from "../store/store";

/** Past evenings read for the power guidance (most recent first). */
const PAST_LIMIT = 60;

export interface ExperimentState {
  plan: ExperimentPlan;
  schedule: Schedule;
  today: TodayAssignment;
  label: string;
  status: ExperimentStatus;
  ended: boolean;
  /** Imported from an archive made while it ran: no seed, so no A/B map, no report. */
  blindingLost: boolean;
}

export function planOf(record: ExperimentRecord): ExperimentPlan {
  return experimentPlanSchema.parse(parseablePlan(record.plan));
}

export function experimentState(
  record: ExperimentRecord,
  evenings: readonly ExperimentEveningRecord[],
  todayDate: string,
): ExperimentState {
  const plan = planOf(record);
  const schedule = buildSchedule(plan);
  const today = todayInExperiment(
    schedule,
    evenings.map((e) => e.localDate),
    todayDate,
  );
  const status: ExperimentStatus =
    record.status !== "running" ? record.status : today.remaining === 0 ? "finished" : "running";
  return {
    plan,
    schedule,
    today,
    label: eveningLabel(today),
    status,
    ended: status !== "running",
    blindingLost: isSeedless(record.plan),
  };
}

export function deviationsOf(record: ExperimentRecord): ExperimentDeviations {
  return { stoppedEarlyOn: record.stoppedOn, unblindedEarlyOn: record.unblindedOn };
}

/** The value of a non-sleep outcome from a session's check-in and check-out. */
export function sessionOutcome(outcome: Outcome, checkIn: CheckIn, checkOut: CheckOut): number | null {
  switch (outcome) {
    case "anxiety-change":
      return checkOut.anxiety - checkIn.anxiety;
    case "pleasantness-change":
      return checkOut.pleasantness - checkIn.pleasantness;
    case "tingles":
      return checkOut.tingles;
    default:
      return null;
  }
}

/** The plan's outcomes: primary first, then the secondary ones. */
export function outcomesOf(plan: Pick<ExperimentPlan, "primaryOutcome" | "secondaryOutcomes">): Outcome[] {
  return [plan.primaryOutcome, ...plan.secondaryOutcomes];
}

/** A night's diary value for a sleep outcome (null: none, or not computable). */
async function diaryOutcome(
  ritual: RitualStore,
  userId: string,
  outcome: Outcome,
  night: string,
): Promise<number | null> {
  const diary = await ritual.getSleepDiary(userId, night);
  if (!diary) return null;
  if (outcome === "sleep-onset-latency") return diary.derived.sleepOnsetLatencyMinutes;
  if (outcome === "sleep-efficiency") return diary.derived.sleepEfficiency;
  return null;
}

/** Each recorded evening as the analysis reads it; sleep outcomes from the diary of that night. */
export async function eveningEntries(
  ritual: RitualStore,
  userId: string,
  plan: ExperimentPlan,
  evenings: readonly ExperimentEveningRecord[],
): Promise<EveningEntry[]> {
  const sleep = outcomesOf(plan).filter((o) => OUTCOME_INFO[o].sleep);
  const out: EveningEntry[] = [];
  for (const e of evenings) {
    const outcomes = { ...e.data.outcomes };
    for (const o of sleep) outcomes[o] = await diaryOutcome(ritual, userId, o, e.localDate);
    out.push({ index: e.index, outcomes, expectation: e.data.expectation, guess: e.data.guess });
  }
  return out;
}

/** The person's past values of an outcome (one per evening), for the power guidance. */
export async function pastValues(ritual: RitualStore, userId: string, outcome: Outcome): Promise<number[]> {
  if (OUTCOME_INFO[outcome].sleep) {
    const diaries = await ritual.listSleepDiaries(userId, {});
    return diaries
      .slice(0, PAST_LIMIT)
      .map((d) =>
        outcome === "sleep-onset-latency" ? d.derived.sleepOnsetLatencyMinutes : d.derived.sleepEfficiency,
      )
      .filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  }
  const sessions = await ritual.listSessions(userId, { status: "checked-out", limit: PAST_LIMIT });
  return sessions
    .map((s) => (s.checkOut ? sessionOutcome(outcome, s.checkIn, s.checkOut) : null))
    .filter((v): v is number => v !== null && Number.isFinite(v));
}

/** The user's experiments as the list shows them (no condition), newest first. */
export async function experimentSummaries(store: Store, user: UserRecord, today: string) {
  const out: ExperimentSummary[] = [];
  for (const e of await store.experiments.listExperiments(user.id)) {
    const evenings = await store.experiments.listEvenings(user.id, e.id);
    out.push(presentSummary(e, experimentState(e, evenings, today)));
  }
  return out;
}

export type ReportLookup =
  | { status: "not_found" }
  | { status: "not_ended"; experiment: ExperimentSummary }
  | { status: "blinding_lost"; name: string }
  | { status: "ok"; report: ExperimentReportView };

/** The report of an ended experiment; "not_ended" while it runs (the results stay hidden). */
export async function experimentReportFor(
  store: Store,
  user: UserRecord,
  id: string,
  today: string,
): Promise<ReportLookup> {
  const found = await store.experiments.findExperiment(user.id, id);
  if (!found) return { status: "not_found" };
  const evenings = await store.experiments.listEvenings(user.id, id);
  const state = experimentState(found, evenings, today);
  if (!state.ended) return { status: "not_ended", experiment: presentSummary(found, state) };
  if (state.blindingLost) return { status: "blinding_lost", name: found.name };
  const entries = await eveningEntries(store.ritual, user.id, state.plan, evenings);
  const r = experimentReport(state.plan, entries, deviationsOf(found));
  return {
    status: "ok",
    report: {
      experiment: presentExperiment(found, state),
      // JSON has no Infinity or NaN: they travel as null, as c.json would write them.
      data: JSON.parse(JSON.stringify(r.data)),
      secondary: JSON.parse(JSON.stringify(r.secondary)),
      markdown: r.markdown,
    },
  };
}
