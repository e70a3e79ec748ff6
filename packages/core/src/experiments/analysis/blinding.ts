/**
 * Bang's blinding index (Bang, Ni & Davis 2004, Controlled Clinical Trials 25:143–156), 2×3 format,
 * computed per arm: BI = (correct − incorrect) / n, with "don't know" answers counted in n. It runs
 * from −1 (always guessed the other arm) through 0 (guessing no better than chance, or always
 * "don't know") to 1 (always knew). SE from the multinomial: √((p_c + p_i − (p_c − p_i)²)/n);
 * 95 % Wald interval, clipped to [−1, 1].
 *
 * A guess names which soundscape the person thinks is the condition ("A-is-trigger"); on an
 * evening it is correct when that matches the blinding map, whatever tonight's soundscape.
 */
import { normalQuantile } from "../../stats/normal";
import type { Arm, BlindingMap } from "../schedule";
import type { ArmEvening } from "./pairs";

export interface ArmBlinding {
  readonly arm: Arm;
  readonly n: number;
  readonly correct: number;
  readonly incorrect: number;
  readonly dontKnow: number;
  /** null when no guesses. */
  readonly index: number | null;
  readonly se: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

export interface BlindingSummary {
  readonly condition: ArmBlinding;
  readonly control: ArmBlinding;
  /** Evenings with any answer, "don't know" included. */
  readonly guesses: number;
  readonly correct: number;
  readonly dontKnow: number;
}

function armBlinding(arm: Arm, evenings: readonly ArmEvening[], map: BlindingMap): ArmBlinding {
  let correct = 0;
  let incorrect = 0;
  let dontKnow = 0;
  for (const e of evenings) {
    if (e.arm !== arm || e.guess === null) continue;
    if (e.guess === "dont-know") dontKnow++;
    else if ((e.guess === "A-is-trigger" ? "A" : "B") === map.condition) correct++;
    else incorrect++;
  }
  const n = correct + incorrect + dontKnow;
  if (n === 0)
    return { arm, n, correct, incorrect, dontKnow, index: null, se: null, lower: null, upper: null };
  const pc = correct / n;
  const pi = incorrect / n;
  const index = pc - pi;
  const se = Math.sqrt(Math.max(0, pc + pi - index * index) / n);
  const z = normalQuantile(0.975);
  return {
    arm,
    n,
    correct,
    incorrect,
    dontKnow,
    index,
    se,
    lower: Math.max(-1, index - z * se),
    upper: Math.min(1, index + z * se),
  };
}

export function blindingSummary(evenings: readonly ArmEvening[], map: BlindingMap): BlindingSummary {
  const condition = armBlinding("condition", evenings, map);
  const control = armBlinding("control", evenings, map);
  return {
    condition,
    control,
    guesses: condition.n + control.n,
    correct: condition.correct + control.correct,
    dontKnow: condition.dontKnow + control.dontKnow,
  };
}
