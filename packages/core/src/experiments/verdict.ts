/**
 * A plain-language verdict built only from the numbers, which never over-claims: "probably", the
 * 95 % interval beside every difference, "can't tell yet" whenever the interval allows both no
 * difference and one that matters, and a note when blinding was weak or the experiment ended early.
 * Wellbeing wording: the sound may "help you"; it never "treats" or "cures" anything.
 *
 * Rules on the 95 % t interval of the benefit (condition − control, signed so positive is better):
 * - fewer than 2 complete pairs → "cant-tell";
 * - interval above 0 and the exact randomisation test (one-sided, direction of benefit) at
 *   p ≤ .05 → "helps" ("a little" when the estimate is below the MID); with the interval above 0
 *   but p > .05 (fewer than 5 pairs can never reach it) → "cant-tell";
 * - interval below 0 → "worse";
 * - interval includes 0 and its upper end is below the MID → "no-better";
 * - otherwise → "cant-tell".
 */
import type { ExperimentAnalysis } from "./analysis/analyse";
import { formatPercent, formatValue, withUnit } from "./format";
import type { ArmLabels } from "./labels";
import { benefitSign, differencePhrase, OUTCOME_INFO } from "./outcomes";

export type VerdictKind = "helps" | "no-better" | "worse" | "cant-tell";

export interface Verdict {
  readonly kind: VerdictKind;
  /** The first sentence. */
  readonly headline: string;
  /** Further sentences: certainty, blinding, deviations. */
  readonly details: readonly string[];
  readonly text: string;
}

/** Bang's index above this in the condition arm: the person could often tell. */
export const WEAK_BLINDING_INDEX = 0.5;
/** "Helps" also needs the randomisation test (one-sided, direction of benefit) at or below this. */
export const HELPS_MAX_P = 0.05;

export function experimentVerdict(analysis: ExperimentAnalysis, labels: ArmLabels): Verdict {
  const outcome = analysis.outcome;
  const info = OUTCOME_INFO[outcome];
  const f = (v: number) => formatValue(outcome, v);
  const u = (v: number) => withUnit(outcome, v, info.unit);
  const mid = analysis.minimalImportantDifference;
  const details: string[] = [];
  let kind: VerdictKind;
  let headline: string;
  const r = analysis.result;
  if (r === null) {
    kind = "cant-tell";
    const k = analysis.pairs.length;
    headline =
      `Can't tell yet: ${k === 0 ? "no pair" : "only 1 pair"} of evenings has both soundscapes recorded, ` +
      `and at least 2 are needed before any difference can be estimated.`;
  } else {
    const sign = benefitSign(outcome);
    const benefit = sign * r.effect.mean;
    const a = sign * r.effect.lower;
    const b = sign * r.effect.upper;
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const than = `than with ${labels.control}`;
    // The change in words, with its interval in the same direction as the words.
    const change =
      benefit >= 0
        ? `${differencePhrase(outcome, "better", u(benefit))} ${than} (95% interval ${f(lo)} to ${f(hi)})`
        : `${differencePhrase(outcome, "worse", u(-benefit))} ${than} (95% interval ${f(-hi)} to ${f(-lo)})`;
    if (lo > 0 && r.randomisation.oneSided > HELPS_MAX_P) {
      kind = "cant-tell";
      headline =
        `Can't tell yet: ${change}, but with ${r.effect.pairs} pairs the randomisation test cannot rule out chance ` +
        `(p = ${r.randomisation.oneSided.toFixed(2)}). More pairs would settle it.`;
    } else if (lo > 0) {
      kind = "helps";
      headline = `${labels.condition} probably helps you${benefit < mid ? " a little" : ""}: ${change}.`;
    } else if (hi < 0) {
      kind = "worse";
      headline = `${labels.condition} seems to work against you: ${change}.`;
    } else if (hi < mid) {
      kind = "no-better";
      headline = `No better than ${labels.control}: ${change}, short of the ${u(mid)} you said would matter.`;
    } else {
      kind = "cant-tell";
      headline = `Can't tell yet: ${change}; that fits both no difference and one you would notice. More pairs would narrow it.`;
    }
    details.push(
      `Chance the benefit is at least the ${u(mid)} you chose as important: ${formatPercent(r.bayes.probabilityBeyondMid)}.`,
    );
  }
  const bl = analysis.blinding;
  if (bl.guesses > 0) {
    details.push(`You guessed the condition right ${bl.correct} of ${bl.guesses} times.`);
    const bi = bl.condition.index;
    if (bi !== null && bi > WEAK_BLINDING_INDEX)
      details.push(
        "You could often tell which soundscape was which, so expectation may explain part of any difference.",
      );
  }
  const dev = analysis.deviations;
  if (dev.stoppedEarlyOn)
    details.push(
      `The experiment stopped early, after ${analysis.recordedEvenings} of ${analysis.plannedEvenings} evenings.`,
    );
  if (dev.unblindedEarlyOn)
    details.push("You unblinded before the end, so the evenings after that were not blind.");
  return { kind, headline, details, text: [headline, ...details].join(" ") };
}
