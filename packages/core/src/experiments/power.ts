/**
 * Power guidance before an experiment starts (issue 15): how many AB/BA pairs a paired t test
 * (two-sided α = .05, 80 % power, exact noncentral t: `requiredSessions` from stats) needs to find
 * a difference of 0.5 and of 0.8 standard deviations of the pair difference (d_z), and what those
 * are in the outcome's own units, from the person's own past evenings.
 *
 * The pair difference (condition − control) of two independent evenings has variance 2σ², where σ
 * is the evening-to-evening SD of the outcome: SD_diff = √2 · SD(past values). This ignores
 * autocorrelation (science.md §3.6), so treat the numbers as a floor. With fewer than
 * MIN_PAST_VALUES past values the guidance is "not enough past data: default 6 pairs".
 */
import { sd } from "../stats/descriptive";
import { requiredSessions } from "../stats/power";
import { formatValue } from "./format";
import { OUTCOME_INFO, type Outcome } from "./outcomes";
import { DEFAULT_PAIRS, MAX_PAIRS } from "./plan";

/** Past evenings needed before their spread says anything useful. */
export const MIN_PAST_VALUES = 8;
export const POWER_TARGET = 0.8;
export const POWER_ALPHA = 0.05;
/** The 2^6 = 64 assignments of 6 pairs are the fewest giving a two-sided randomisation p < .05. */
export const MIN_PAIRS_FOR_TWO_SIDED = 6;

export interface PowerTarget {
  /** Effect in SDs of the pair difference. */
  readonly dz: number;
  /** The same effect in the outcome's units. */
  readonly difference: number;
  /** Pairs for 80 % power (may exceed the 20-pair maximum). */
  readonly pairs: number;
}

export type PowerGuidance =
  | {
      readonly enough: false;
      readonly pastValues: number;
      readonly suggestedPairs: number;
      readonly message: string;
    }
  | {
      readonly enough: true;
      readonly pastValues: number;
      /** Evening-to-evening SD of the outcome. */
      readonly sdEvening: number;
      /** √2 · sdEvening. */
      readonly sdDifference: number;
      readonly targets: readonly [PowerTarget, PowerTarget];
      /** Pairs to find the minimal important difference (Infinity when the SD is 0 … never). */
      readonly forMid: PowerTarget;
      /** forMid.pairs kept within [6, 20]. */
      readonly suggestedPairs: number;
      readonly message: string;
    };

/** Guidance from past values of the primary outcome (one per evening) and the planned MID. */
export function powerGuidance(outcome: Outcome, pastValues: readonly number[], mid: number): PowerGuidance {
  const values = pastValues.filter(Number.isFinite);
  const info = OUTCOME_INFO[outcome];
  if (values.length < MIN_PAST_VALUES) {
    return {
      enough: false,
      pastValues: values.length,
      suggestedPairs: DEFAULT_PAIRS,
      message: `Not enough past data (${values.length} of ${MIN_PAST_VALUES} evenings with ${info.noun}): default ${DEFAULT_PAIRS} pairs.`,
    };
  }
  const sdEvening = sd(values);
  const sdDifference = Math.SQRT2 * sdEvening;
  const target = (dz: number): PowerTarget => ({
    dz,
    difference: dz * sdDifference,
    pairs: requiredSessions(dz, POWER_TARGET, POWER_ALPHA),
  });
  const midDz = sdDifference > 0 ? mid / sdDifference : Number.POSITIVE_INFINITY;
  const forMid: PowerTarget = {
    dz: midDz,
    difference: mid,
    pairs: Number.isFinite(midDz) ? requiredSessions(midDz, POWER_TARGET, POWER_ALPHA) : 2,
  };
  const suggestedPairs = Math.min(MAX_PAIRS, Math.max(MIN_PAIRS_FOR_TWO_SIDED, forMid.pairs));
  const [t5, t8] = [target(0.5), target(0.8)];
  const fmt = (v: number) => formatValue(outcome, v);
  const over =
    forMid.pairs > MAX_PAIRS
      ? ` That is more than ${MAX_PAIRS}: with ${MAX_PAIRS} pairs only a larger difference would show.`
      : "";
  return {
    enough: true,
    pastValues: values.length,
    sdEvening,
    sdDifference,
    targets: [t5, t8],
    forMid,
    suggestedPairs,
    message:
      `From your last ${values.length} evenings: ${t5.pairs} pairs would find a difference of ${fmt(t5.difference)} ${info.unit} (0.5 SD) ` +
      `and ${t8.pairs} pairs one of ${fmt(t8.difference)} ${info.unit} (0.8 SD), 8 times in 10. ` +
      `Your minimal important difference of ${fmt(mid)} ${info.unit} needs ${forMid.pairs} pairs.${over}`,
  };
}
