/**
 * The experiment report as Markdown, with the CENT 2015 items that apply to one person's own
 * trial (Vohra et al., BMJ 2015;350:h1738): design, randomisation (seed, generator, plan hash),
 * blinding, outcomes, statistical methods, results with intervals, and deviations (missed
 * evenings, incomplete pairs, early stop or unblinding). Every sentence is ours.
 */

import type { ExperimentAnalysis } from "./analysis/analyse";
import { BAYES_PRIOR_NOTE } from "./analysis/bayes";
import { format2, formatP, formatPercent, formatValue } from "./format";
import { OUTCOME_INFO } from "./outcomes";
import type { ReportData } from "./report-data";

const COMPARISON_WORDS = {
  "trigger-vs-without": "a trigger against the same scene without it, matched in loudness",
  "trigger-vs-sham":
    "a trigger against a sham: a bed of the same loudness and long-term spectrum without the trigger's transients and modulation",
  "scene-vs-scene": "one scene against another",
} as const;

const cell = (v: string | number | null) => (v === null ? "–" : String(v));

export interface ReportPlanFacts {
  readonly pairs: number;
  readonly washoutDays: number;
  readonly startDate: string;
  readonly secondaryOutcomes: readonly string[];
}

export function reportMarkdown(
  data: ReportData,
  plan: ReportPlanFacts,
  secondary: readonly ExperimentAnalysis[] = [],
): string {
  const a = data.analysis;
  const info = OUTCOME_INFO[data.outcome];
  const f = (v: number) => formatValue(data.outcome, v);
  const L = data.labels;
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);
  push(`# Experiment report: ${L.condition} compared with ${L.control}`, "");
  push("## Verdict", "", data.verdict.text, "");
  push(
    "This is a personal experiment on one person's own evenings. It describes how the sounds went for you; it is not a medical test and says nothing about anyone else.",
    "",
  );

  push("## Design", "");
  push(
    `- Type: a blinded, randomised n-of-1 trial with a multi-crossover design (CENT 2015), comparing ${COMPARISON_WORDS[L.kind]}.`,
    `- Planned: ${plan.pairs} pairs, ${plan.pairs * 2} evenings, one soundscape per evening, starting ${plan.startDate}${plan.washoutDays > 0 ? `, with ${plan.washoutDays} washout day${plan.washoutDays > 1 ? "s" : ""} between evenings` : ", on consecutive evenings"}.`,
    `- Each pair held one evening of each soundscape, in an order chosen at random.`,
    "",
  );

  push("## Randomisation", "");
  push(
    `- Sequence: each pair's order (AB or BA) and which soundscape was the condition were drawn from the schedule seed ${data.seed} with the Mulberry32 generator; the same seed always gives the same schedule.`,
    `- Pair orders: ${data.pairs.length || data.incompletePairs.length ? orders(data) : "–"}.`,
    `- Pre-registration: the plan (comparison, outcomes, pairs, washout, minimal important difference, seed, analysis) was frozen at the start. SHA-256 of the plan: \`${data.planHash}\`.`,
    "",
  );

  push("## Blinding", "");
  push(
    `- The soundscapes appeared only as "Soundscape A" and "Soundscape B"; which was which (${L.condition} was Soundscape ${data.blinding.condition}) stayed hidden until the end.`,
    `- After each evening you guessed which soundscape was the condition. You guessed right ${a.blinding.correct} of ${a.blinding.guesses} times (${a.blinding.dontKnow} "don't know").`,
    `- Bang's blinding index (Bang, Ni & Davis 2004; (right − wrong) / answers, "don't know" counted; 0 is chance, 1 is always right, −1 always wrong):`,
    "",
    "| Arm | Answers | Right | Wrong | Don't know | Index (95% interval) |",
    "|---|---|---|---|---|---|",
  );
  for (const arm of [a.blinding.condition, a.blinding.control]) {
    const bi =
      arm.index === null
        ? "–"
        : `${format2(arm.index)} (${format2(arm.lower ?? 0)} to ${format2(arm.upper ?? 0)})`;
    push(
      `| ${arm.arm === "condition" ? L.condition : capitalise(L.control)} | ${arm.n} | ${arm.correct} | ${arm.incorrect} | ${arm.dontKnow} | ${bi} |`,
    );
  }
  push("");

  push("## Outcomes", "");
  push(
    `- Primary: ${info.noun} (${data.outcome}), in ${info.unit}; ${info.benefit} is better. Minimal important difference set at the start: ${f(data.minimalImportantDifference)} ${info.unit}.`,
    `- Secondary: ${plan.secondaryOutcomes.length ? plan.secondaryOutcomes.join(", ") : "none"}.`,
    `- Also recorded: expectation before listening ("How much do you expect tonight's sound to help?", 0–10) and the guess after.`,
    "",
  );

  push("## Statistical methods", "");
  push(
    `- Unit of analysis: the pair difference, ${L.condition.toLowerCase()} minus ${L.control}. Only complete pairs enter the paired statistics and the randomisation test.`,
    "- Mean difference with a 95% t interval; standardised effect d_z (mean / SD of the differences) and the small-sample corrected g_z = J·d_z with J = 1 − 3/(4·df − 1), which this report uses.",
    "- Exact randomisation test over every AB/BA order of the complete pairs (2^pairs assignments), two-sided and one-sided in the direction of benefit.",
    `- Bayesian estimate: ${BAYES_PRIOR_NOTE}`,
    "- Expectation: least squares of the outcome on arm and expectation rating (every evening with both); Pearson correlation of expectation with outcome, 95% interval by Fisher's z.",
    "- Carry-over: pair difference when the condition came first vs second (Welch t test). Trend: least squares of the outcome on arm and evening number.",
    "",
  );

  push("## Results", "");
  push(
    `| Evening | Date | Pair | Soundscape | Arm | ${capitalise(info.noun)} | Expectation | Guess |`,
    "|---|---|---|---|---|---|---|---|",
  );
  for (const e of data.evenings) {
    push(
      `| ${e.index} | ${e.date} | ${e.pair} | ${e.soundscape} | ${e.arm} | ${e.outcome === null ? "missed" : f(e.outcome)} | ${cell(e.expectation)} | ${cell(e.guess)} |`,
    );
  }
  push("");
  const r = a.result;
  if (r === null) {
    push(
      `Only ${a.pairs.length} complete pair${a.pairs.length === 1 ? "" : "s"}: can't tell yet. No effect is estimated from fewer than 2 pairs.`,
      "",
    );
  } else {
    push(
      `| Pair | Order | ${L.condition} | ${capitalise(L.control)} | Difference |`,
      "|---|---|---|---|---|",
    );
    for (const p of a.pairs)
      push(
        `| ${p.pair} | ${p.conditionFirst ? "condition first" : "control first"} | ${f(p.condition)} | ${f(p.control)} | ${f(p.difference)} |`,
      );
    push("");
    const e = r.effect;
    push(
      `- Mean difference (${L.condition.toLowerCase()} − ${L.control}): ${f(e.mean)} ${info.unit}, 95% interval ${f(e.lower)} to ${f(e.upper)} (${e.pairs} pairs, SD ${f(e.sd)}).`,
      `- Standardised effect: g_z = ${e.gz === null ? "– (needs 3 pairs)" : format2(e.gz)} (d_z = ${e.dz === null ? "–" : format2(e.dz)}).`,
      `- Randomisation test (${r.randomisation.assignments} assignments): two-sided p = ${formatP(r.randomisation.twoSided)}; in the direction of benefit p = ${formatP(r.randomisation.oneSided)}.`,
      `- Bayesian: posterior mean ${f(r.bayes.mean)} ${info.unit}, 95% credible interval ${f(r.bayes.lower)} to ${f(r.bayes.upper)}; probability of any benefit ${formatPercent(r.bayes.probabilityOfBenefit)}, of a benefit of at least ${f(data.minimalImportantDifference)} ${info.unit} ${formatPercent(r.bayes.probabilityBeyondMid)}.`,
    );
    const ex = r.expectation;
    push(
      ex.adjustedDifference
        ? `- Allowing for expectation (${ex.n} evenings): difference ${f(ex.adjustedDifference.estimate)} ${info.unit}, 95% interval ${f(ex.adjustedDifference.lower)} to ${f(ex.adjustedDifference.upper)}.`
        : "- Allowing for expectation: too few evenings with an expectation rating, or the ratings never changed.",
      ex.correlation
        ? `- Correlation of expectation with ${info.noun}: r = ${format2(ex.correlation.r)}, 95% interval ${format2(ex.correlation.lower)} to ${format2(ex.correlation.upper)}.`
        : "- Correlation of expectation with the outcome: not computable (fewer than 4 evenings, or a constant rating).",
    );
    const o = r.order;
    push(
      o.pValue !== null && o.difference !== null
        ? `- Carry-over check: difference ${f(o.conditionFirst.mean ?? 0)} when the condition came first (${o.conditionFirst.n} pairs) and ${f(o.conditionSecond.mean ?? 0)} when it came second (${o.conditionSecond.n}); Welch p = ${formatP(o.pValue)}.`
        : `- Carry-over check: needs at least 2 pairs in each order (${o.conditionFirst.n} condition first, ${o.conditionSecond.n} control first).`,
      r.trend.slope
        ? `- Trend: ${format2(r.trend.slope.estimate)} ${info.unit} per evening, 95% interval ${format2(r.trend.slope.lower)} to ${format2(r.trend.slope.upper)}.`
        : "- Trend: too few evenings.",
    );
    push("");
  }

  if (secondary.length) {
    push(
      "### Secondary outcomes",
      "",
      "Mean difference over complete pairs; these were not the question the experiment was planned for.",
      "",
    );
    push(
      "| Outcome | Pairs | Mean difference (95% interval) | Randomisation p (two-sided) |",
      "|---|---|---|---|",
    );
    for (const s of secondary) {
      const fs = (v: number) => formatValue(s.outcome, v);
      const u = OUTCOME_INFO[s.outcome].unit;
      const res = s.result;
      push(
        res
          ? `| ${OUTCOME_INFO[s.outcome].noun} | ${res.effect.pairs} | ${fs(res.effect.mean)} ${u} (${fs(res.effect.lower)} to ${fs(res.effect.upper)}) | ${formatP(res.randomisation.twoSided)} |`
          : `| ${OUTCOME_INFO[s.outcome].noun} | ${s.pairs.length} | can't tell yet | – |`,
      );
    }
    push("");
  }

  push("## Deviations", "");
  const dev: string[] = [];
  if (a.missedEvenings.length)
    dev.push(`- Missed evenings (skipped, never moved to another night): ${a.missedEvenings.join(", ")}.`);
  if (a.incompletePairs.length)
    dev.push(`- Incomplete pairs left out of the paired analysis: ${a.incompletePairs.join(", ")}.`);
  if (a.deviations.stoppedEarlyOn) dev.push(`- Stopped early on ${a.deviations.stoppedEarlyOn}.`);
  if (a.deviations.unblindedEarlyOn)
    dev.push(`- Unblinded early on ${a.deviations.unblindedEarlyOn}; evenings after that were not blind.`);
  push(...(dev.length ? dev : ["- None: every evening was recorded as planned."]), "");
  return out.join("\n");
}

function orders(data: ReportData): string {
  const byPair = new Map<number, string>();
  for (const e of data.evenings) byPair.set(e.pair, (byPair.get(e.pair) ?? "") + e.soundscape);
  return [...byPair.entries()].map(([p, o]) => `${p}: ${o}`).join(", ");
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
