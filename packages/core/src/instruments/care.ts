import { PHQ8_NO_SUICIDE_ITEM_NOTE } from "./phq8";
import type { InstrumentResult } from "./score";

/** "standard": crisis resources in the result footer (they're on every result).
 * "prominent": crisis resources at the top of the result, before the score. */
export type CareLevel = "standard" | "prominent";

/** Totals at or above which crisis resources move to the top (research brief §4.3). */
export const PROMINENT_CARE_AT: Readonly<Record<string, number>> = { phq8: 15, gad7: 15 };

export interface CareAdvice {
  readonly level: CareLevel;
  /** Crisis resources are shown on every result, whatever the level. */
  readonly showCrisisResources: true;
  /** A warm sentence to show above the resources. */
  readonly message: string;
  /** Extra notes to show with the result (e.g. the PHQ-8 has no self-harm question). */
  readonly notes: readonly string[];
}

const STANDARD_MESSAGE =
  "Whatever your score, support is there if things feel hard. You can reach these services at any time.";
/** For a result without a score (the ASMR profile, an unfinished questionnaire). */
const NO_SCORE_MESSAGE =
  "Support is there whenever things feel hard. You can reach these services at any time.";
const PROMINENT_MESSAGE =
  "Your answers suggest the last two weeks have been really hard. You don't have to handle this alone. Talking soon with a GP or a mental-health professional could help, and if you ever feel unsafe, the services below are there for you right now, day and night.";

/** When crisis resources must be prominent: PHQ-8 ≥ 15 or GAD-7 ≥ 15. Incomplete results
 * stay "standard" (there is no total to act on), but still show the resources. */
export function careLevel(result: InstrumentResult): CareAdvice {
  const threshold = PROMINENT_CARE_AT[result.instrumentId];
  const prominent = threshold !== undefined && result.total !== null && result.total >= threshold;
  return {
    level: prominent ? "prominent" : "standard",
    showCrisisResources: true,
    message: prominent ? PROMINENT_MESSAGE : result.total === null ? NO_SCORE_MESSAGE : STANDARD_MESSAGE,
    notes: result.instrumentId === "phq8" ? [PHQ8_NO_SUICIDE_ITEM_NOTE] : [],
  };
}

/** The highest care level across several results taken together (e.g. a GAD-7 and PHQ-8 pair). */
export function combinedCareLevel(results: readonly InstrumentResult[]): CareAdvice {
  const advice = results.map(careLevel);
  const prominent = advice.some((a) => a.level === "prominent");
  return {
    level: prominent ? "prominent" : "standard",
    showCrisisResources: true,
    message: prominent
      ? PROMINENT_MESSAGE
      : results.every((r) => r.total === null)
        ? NO_SCORE_MESSAGE
        : STANDARD_MESSAGE,
    notes: [...new Set(advice.flatMap((a) => a.notes))],
  };
}
