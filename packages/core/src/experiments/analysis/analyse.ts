/**
 * The whole analysis of one outcome of a finished (or stopped) experiment. With fewer than
 * MIN_COMPLETE_PAIRS complete pairs it reports "can't tell yet" and no effect numbers at all (the
 * blinding counts, which are not effects, are still given).
 *
 * Effect: mean pair difference (condition − control) with a 95 % t interval; standardised as
 * d_z = mean/SD of the differences, and the report uses the small-sample corrected
 * g_z = J·d_z with J = 1 − 3/(4·df − 1) (Hedges; `cohenDz` in stats), null at 2 pairs where J = 0.
 * Randomisation test: exact over the 2^k AB/BA orders of the k complete pairs (sign flips of the
 * differences), two-sided and one-sided in the direction of benefit.
 */
import { cohenDz } from "../../stats/effect-size";
import { tInterval } from "../../stats/intervals";
import { signFlipTest } from "../../stats/randomisation";
import { benefitSign } from "../outcomes";
import { type BayesEstimate, bayesEstimate } from "./bayes";
import { type BlindingSummary, blindingSummary } from "./blinding";
import { type ExpectationAnalysis, expectationAnalysis } from "./expectation";
import { type CompletePair, completePairs, eveningsWithArms, recordedEvenings } from "./pairs";
import { type OrderCheck, orderCheck, type TrendCheck, trendCheck } from "./trend";
import type { AnalysisInput, ExperimentDeviations } from "./types";

export const MIN_COMPLETE_PAIRS = 2;

export interface EffectEstimate {
  readonly pairs: number;
  readonly mean: number;
  readonly sd: number;
  readonly se: number;
  readonly df: number;
  readonly lower: number;
  readonly upper: number;
  readonly dz: number | null;
  /** The standardised effect the report shows: J·d_z (null at 2 pairs or with no spread). */
  readonly gz: number | null;
}

export interface RandomisationSummary {
  readonly assignments: number;
  readonly twoSided: number;
  /** One-sided p in the direction of benefit. */
  readonly oneSided: number;
  readonly direction: "greater" | "less";
}

export interface EffectAnalysis {
  readonly effect: EffectEstimate;
  readonly randomisation: RandomisationSummary;
  readonly bayes: BayesEstimate;
  readonly expectation: ExpectationAnalysis;
  readonly order: OrderCheck;
  readonly trend: TrendCheck;
}

export interface ExperimentAnalysis {
  readonly outcome: AnalysisInput["outcome"];
  readonly minimalImportantDifference: number;
  readonly plannedPairs: number;
  readonly plannedEvenings: number;
  readonly recordedEvenings: number;
  readonly missedEvenings: readonly number[];
  readonly pairs: readonly CompletePair[];
  readonly incompletePairs: readonly number[];
  readonly blinding: BlindingSummary;
  readonly deviations: ExperimentDeviations;
  /** null: fewer than MIN_COMPLETE_PAIRS complete pairs, "can't tell yet". */
  readonly result: EffectAnalysis | null;
}

const NO_DEVIATIONS: ExperimentDeviations = { stoppedEarlyOn: null, unblindedEarlyOn: null };

export function analyseExperiment(input: AnalysisInput): ExperimentAnalysis {
  const mid = input.minimalImportantDifference;
  if (!(mid > 0) || !Number.isFinite(mid))
    throw new RangeError(`minimalImportantDifference must be positive, got ${mid}`);
  const evenings = eveningsWithArms(input);
  const recorded = recordedEvenings(evenings);
  const { complete, incomplete } = completePairs(evenings);
  const recordedSet = new Set(recorded.map((e) => e.index));
  const missedEvenings: number[] = [];
  for (let i = 1; i <= input.plannedPairs * 2; i++) if (!recordedSet.has(i)) missedEvenings.push(i);
  for (let p = 1; p <= input.plannedPairs; p++)
    if (!complete.some((c) => c.pair === p) && !incomplete.includes(p)) incomplete.push(p);
  incomplete.sort((a, b) => a - b);
  const base = {
    outcome: input.outcome,
    minimalImportantDifference: mid,
    plannedPairs: input.plannedPairs,
    plannedEvenings: input.plannedPairs * 2,
    recordedEvenings: recorded.length,
    missedEvenings,
    pairs: complete,
    incompletePairs: incomplete,
    blinding: blindingSummary(evenings, input.blinding),
    deviations: input.deviations ?? NO_DEVIATIONS,
  };
  if (complete.length < MIN_COMPLETE_PAIRS) return { ...base, result: null };
  const differences = complete.map((p) => p.difference);
  const sign = benefitSign(input.outcome);
  const interval = tInterval(differences);
  if (!interval) throw new Error("unreachable: at least two finite differences");
  const es = cohenDz(differences);
  const exactLimit = 2 ** differences.length;
  const direction = sign === 1 ? "greater" : "less";
  const two = signFlipTest(differences, { alternative: "two-sided", exactLimit });
  const one = signFlipTest(differences, { alternative: direction, exactLimit });
  return {
    ...base,
    result: {
      effect: {
        pairs: interval.n,
        mean: interval.mean,
        sd: interval.sd,
        se: interval.se,
        df: interval.df,
        lower: interval.lower,
        upper: interval.upper,
        dz: es?.dz ?? null,
        gz: es?.dzCorrected ?? null,
      },
      randomisation: { assignments: two.assignments, twoSided: two.pValue, oneSided: one.pValue, direction },
      bayes: bayesEstimate(differences, mid, sign),
      expectation: expectationAnalysis(recorded),
      order: orderCheck(complete),
      trend: trendCheck(recorded),
    },
  };
}
