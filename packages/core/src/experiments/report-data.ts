/**
 * The report as data for the web page: each evening's outcome by arm (for the chart), the pair
 * table, and the headline numbers. Only built after unblinding (it names the arms).
 */
import type { ExperimentAnalysis } from "./analysis/analyse";
import type { Guess } from "./analysis/types";
import type { FrozenPlan } from "./freeze";
import type { ArmLabels } from "./labels";
import { type BenefitDirection, OUTCOME_INFO, type Outcome } from "./outcomes";
import type { Arm, Schedule, Soundscape } from "./schedule";
import type { Verdict } from "./verdict";

export interface ReportEvening {
  readonly index: number;
  readonly date: string;
  readonly pair: number;
  readonly soundscape: Soundscape;
  readonly arm: Arm;
  /** null: missed. */
  readonly outcome: number | null;
  readonly expectation: number | null;
  readonly guess: Guess | null;
}

export interface ReportData {
  readonly planHash: string;
  readonly seed: number;
  readonly outcome: Outcome;
  readonly unit: string;
  readonly benefit: BenefitDirection;
  readonly minimalImportantDifference: number;
  readonly labels: ArmLabels;
  readonly blinding: Schedule["blinding"];
  readonly evenings: readonly ReportEvening[];
  readonly pairs: ExperimentAnalysis["pairs"];
  readonly incompletePairs: readonly number[];
  readonly verdict: Verdict;
  readonly analysis: ExperimentAnalysis;
}

export interface RecordedEvening {
  readonly index: number;
  readonly outcome: number | null;
  readonly expectation: number | null;
  readonly guess: Guess | null;
}

export function reportData(
  frozen: FrozenPlan,
  schedule: Schedule,
  recorded: readonly RecordedEvening[],
  analysis: ExperimentAnalysis,
  labels: ArmLabels,
  verdict: Verdict,
): ReportData {
  const byIndex = new Map(recorded.map((r) => [r.index, r]));
  const evenings = schedule.evenings.map((e) => {
    const r = byIndex.get(e.index);
    return {
      index: e.index,
      date: e.date,
      pair: e.pair,
      soundscape: e.condition,
      arm: e.condition === schedule.blinding.condition ? ("condition" as const) : ("control" as const),
      outcome: r?.outcome ?? null,
      expectation: r?.expectation ?? null,
      guess: r?.guess ?? null,
    };
  });
  const info = OUTCOME_INFO[analysis.outcome];
  return {
    planHash: frozen.hash,
    seed: schedule.seed,
    outcome: analysis.outcome,
    unit: info.unit,
    benefit: info.benefit,
    minimalImportantDifference: analysis.minimalImportantDifference,
    labels,
    blinding: schedule.blinding,
    evenings,
    pairs: analysis.pairs,
    incompletePairs: analysis.incompletePairs,
    verdict,
    analysis,
  };
}
