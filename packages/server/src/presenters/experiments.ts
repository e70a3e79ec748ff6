/**
 * Experiments as the API shows them (core api/experiments.ts). The blinding lives here: while
 * an experiment runs, nothing presented holds the seed, the plan hash, the masked scenes' map,
 * the control's recipe or any per-evening outcome. Only once it has ended (finished, stopped or
 * unblinded) do the hash, the seed and the control note appear.
 */
import {
  type Experiment,
  type ExperimentEvening,
  type ExperimentPlan,
  type ExperimentPlanView,
  type ExperimentProgress,
  type ExperimentSummary,
  type PowerGuidance,
  type PowerGuidanceView,
  planHash,
} from "@meridian/core";
import type { ExperimentState } from "../routes/experiments-state";
import type { ExperimentEveningRecord, ExperimentRecord } from "../store/experiments-store";

export function presentProgress(state: ExperimentState): ExperimentProgress {
  const t = state.today;
  return {
    today: t.status,
    eveningNumber: t.eveningNumber,
    totalEvenings: t.totalEvenings,
    completed: t.completed,
    missed: [...t.missed],
    remaining: t.remaining,
    label: state.label,
  };
}

export function presentSummary(record: ExperimentRecord, state: ExperimentState): ExperimentSummary {
  return {
    id: record.id,
    name: record.name,
    status: state.status,
    startDate: record.startDate,
    endDate: record.endDate,
    createdAt: record.createdAt,
    progress: presentProgress(state),
    reportAvailable: state.ended && !state.blindingLost,
  };
}

/** The plan the person chose, without the seed. */
export function presentPlan(plan: ExperimentPlan): ExperimentPlanView {
  const { seed: _seed, ...shown } = plan;
  return shown;
}

const whole = (v: number): number | null => (Number.isFinite(v) ? Math.round(v) : null);

export function presentPower(stored: Record<string, unknown>): PowerGuidanceView {
  const g = stored as unknown as PowerGuidance;
  if (!g.enough)
    return {
      enough: false,
      pastValues: g.pastValues,
      suggestedPairs: g.suggestedPairs,
      message: g.message,
      sdEvening: null,
      pairsForHalfSd: null,
      pairsForEightTenthsSd: null,
      pairsForMid: null,
    };
  return {
    enough: true,
    pastValues: g.pastValues,
    suggestedPairs: g.suggestedPairs,
    message: g.message,
    sdEvening: Number.isFinite(g.sdEvening) ? g.sdEvening : null,
    pairsForHalfSd: whole(g.targets[0].pairs),
    pairsForEightTenthsSd: whole(g.targets[1].pairs),
    pairsForMid: whole(g.forMid.pairs),
  };
}

export function presentExperiment(record: ExperimentRecord, state: ExperimentState): Experiment {
  // A seedless (imported while running) plan parses with seed 0: never shown as its seed.
  const shown = state.ended && !state.blindingLost;
  return {
    ...presentSummary(record, state),
    plan: presentPlan(state.plan),
    power: presentPower(record.power),
    stoppedOn: record.stoppedOn,
    unblindedOn: record.unblindedOn,
    planHash: shown ? planHash(state.plan) : null,
    seed: shown ? state.plan.seed : null,
    controlNote: shown ? record.arms.controlNote : null,
  };
}

/** A recorded evening: when, never how it went. */
export function presentEvening(e: ExperimentEveningRecord): ExperimentEvening {
  return { index: e.index, date: e.localDate, sessionId: e.sessionId, recordedAt: e.createdAt };
}
