/**
 * The whole report in one call, for the server and CLI: freeze the plan, rebuild the schedule from
 * its seed, analyse the primary outcome (and each secondary one), word the verdict, and give both
 * the data for the page and the Markdown export. Only for a finished, stopped or unblinded
 * experiment: the result names which soundscape was which.
 */
import { analyseExperiment, type ExperimentAnalysis } from "./analysis/analyse";
import type { EveningRecord, ExperimentDeviations, Guess } from "./analysis/types";
import { type FrozenPlan, freezePlan } from "./freeze";
import { armLabels } from "./labels";
import { OUTCOME_INFO, type Outcome } from "./outcomes";
import { type ReportData, reportData } from "./report-data";
import { reportMarkdown } from "./report-markdown";
import { buildSchedule, type Schedule } from "./schedule";
import { experimentVerdict } from "./verdict";

/** What was recorded on one scheduled evening. */
export interface EveningEntry {
  /** 1-based evening number from the schedule. */
  readonly index: number;
  readonly outcomes: Partial<Record<Outcome, number | null>>;
  readonly expectation: number | null;
  readonly guess: Guess | null;
}

export interface ExperimentReport {
  readonly frozen: FrozenPlan;
  readonly schedule: Schedule;
  readonly data: ReportData;
  readonly secondary: readonly ExperimentAnalysis[];
  readonly markdown: string;
}

/** Evening records for one outcome, in schedule order (unrecorded evenings have null values). */
export function eveningRecords(
  schedule: Schedule,
  entries: readonly EveningEntry[],
  outcome: Outcome,
): EveningRecord[] {
  const byIndex = new Map(entries.map((e) => [e.index, e]));
  return schedule.evenings.map((s) => {
    const e = byIndex.get(s.index);
    const value = e?.outcomes[outcome];
    return {
      index: s.index,
      pair: s.pair,
      date: s.date,
      soundscape: s.condition,
      outcome: value === undefined || value === null || !Number.isFinite(value) ? null : value,
      expectation: e?.expectation ?? null,
      guess: e?.guess ?? null,
    };
  });
}

export function experimentReport(
  planInput: unknown,
  entries: readonly EveningEntry[],
  deviations: ExperimentDeviations = { stoppedEarlyOn: null, unblindedEarlyOn: null },
): ExperimentReport {
  const frozen = freezePlan(planInput);
  const plan = frozen.plan;
  for (const e of entries) {
    if (!Number.isInteger(e.index) || e.index < 1 || e.index > plan.pairs * 2)
      throw new RangeError(`evening ${e.index} is not in this experiment (1 to ${plan.pairs * 2})`);
  }
  const schedule = buildSchedule(plan);
  const analyse = (outcome: Outcome, mid: number) =>
    analyseExperiment({
      outcome,
      minimalImportantDifference: mid,
      plannedPairs: plan.pairs,
      blinding: schedule.blinding,
      evenings: eveningRecords(schedule, entries, outcome),
      deviations,
    });
  const primary = analyse(plan.primaryOutcome, plan.minimalImportantDifference);
  const secondary = plan.secondaryOutcomes.map((o) => analyse(o, defaultMid(o)));
  const labels = armLabels(plan);
  const verdict = experimentVerdict(primary, labels);
  const records = eveningRecords(schedule, entries, plan.primaryOutcome);
  const data = reportData(frozen, schedule, records, primary, labels, verdict);
  return { frozen, schedule, data, secondary, markdown: reportMarkdown(data, plan, secondary) };
}

function defaultMid(o: Outcome): number {
  return OUTCOME_INFO[o].defaultMid;
}
