/**
 * From evenings to the analysis unit: complete pairs (both evenings of a pair recorded) and their
 * difference condition − control. Incomplete pairs are left out of every paired statistic and the
 * randomisation test (their one evening still counts in the evening-level regressions).
 */
import { type Arm, armOf } from "../schedule";
import type { AnalysisInput, EveningRecord } from "./types";

export interface CompletePair {
  readonly pair: number;
  readonly condition: number;
  readonly control: number;
  /** condition − control */
  readonly difference: number;
  /** Whether the condition was the pair's first evening. */
  readonly conditionFirst: boolean;
}

export interface ArmEvening extends EveningRecord {
  readonly arm: Arm;
}

/** Evenings with their arm, in evening order. */
export function eveningsWithArms(input: AnalysisInput): ArmEvening[] {
  return [...input.evenings]
    .sort((a, b) => a.index - b.index)
    .map((e) => ({ ...e, arm: armOf(e.soundscape, input.blinding) }));
}

function finite(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

/** Complete pairs in pair order, plus the numbers of pairs with one or no outcome. */
export function completePairs(evenings: readonly ArmEvening[]): {
  complete: CompletePair[];
  incomplete: number[];
} {
  const byPair = new Map<number, ArmEvening[]>();
  for (const e of evenings) {
    const list = byPair.get(e.pair) ?? [];
    list.push(e);
    byPair.set(e.pair, list);
  }
  const complete: CompletePair[] = [];
  const incomplete: number[] = [];
  for (const pair of [...byPair.keys()].sort((a, b) => a - b)) {
    const list = byPair.get(pair) ?? [];
    const cond = list.find((e) => e.arm === "condition");
    const ctrl = list.find((e) => e.arm === "control");
    if (cond && ctrl && finite(cond.outcome) && finite(ctrl.outcome)) {
      complete.push({
        pair,
        condition: cond.outcome,
        control: ctrl.outcome,
        difference: cond.outcome - ctrl.outcome,
        conditionFirst: cond.index < ctrl.index,
      });
    } else incomplete.push(pair);
  }
  return { complete, incomplete };
}

/** Evenings that have a finite outcome. */
export function recordedEvenings(evenings: readonly ArmEvening[]): ArmEvening[] {
  return evenings.filter((e) => finite(e.outcome));
}
