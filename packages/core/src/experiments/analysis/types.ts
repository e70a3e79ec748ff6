/** Inputs of the experiment analysis: what was recorded on each evening, and the unblinding map. */
import type { Outcome } from "../outcomes";
import type { BlindingMap, Soundscape } from "../schedule";

export const GUESSES = ["A-is-trigger", "B-is-trigger", "dont-know"] as const;
/** "Which do you think tonight was?": which soundscape the person thinks is the condition. */
export type Guess = (typeof GUESSES)[number];

/** One scheduled evening and what was recorded (null: not recorded / missed). */
export interface EveningRecord {
  /** 1-based evening number from the schedule. */
  readonly index: number;
  /** 1-based pair number. */
  readonly pair: number;
  readonly date: string;
  readonly soundscape: Soundscape;
  /** The primary outcome this evening (or the outcome being analysed). */
  readonly outcome: number | null;
  /** "How much do you expect tonight's sound to help?" 0–10. */
  readonly expectation: number | null;
  readonly guess: Guess | null;
}

export interface ExperimentDeviations {
  /** Stopped before the last evening (date), or null. */
  readonly stoppedEarlyOn: string | null;
  /** Unblinded before the end (date), or null. */
  readonly unblindedEarlyOn: string | null;
}

export interface AnalysisInput {
  readonly outcome: Outcome;
  readonly minimalImportantDifference: number;
  readonly plannedPairs: number;
  readonly blinding: BlindingMap;
  readonly evenings: readonly EveningRecord[];
  readonly deviations?: ExperimentDeviations;
}
