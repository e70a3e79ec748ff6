/**
 * Pure view logic of the experiments pages: list lines, tonight's state on Today, guess answers,
 * and the report's statistics table built from core ReportData. Nothing here may name which
 * soundscape is the condition while an experiment runs: only the report (after the end) does.
 */
import {
  type ExperimentAnalysis,
  type ExperimentProgress,
  type ExperimentStatus,
  type ExperimentSummary,
  type ExperimentToday,
  format2,
  formatP,
  formatPercent,
  formatValue,
  type Guess,
  OUTCOME_INFO,
  type ReportData,
} from "@meridian/core";

export const STATUS_LABELS: Readonly<Record<ExperimentStatus, string>> = {
  running: "Running",
  finished: "Finished",
  stopped: "Stopped early",
  unblinded: "Unblinded early",
};

/** "evening 5 of 12", "finished: 11 of 12 evenings recorded", … for the list. */
export function progressText(p: ExperimentProgress, status: ExperimentStatus): string {
  if (status === "stopped" || status === "unblinded" || p.today === "finished")
    return `${p.completed} of ${p.totalEvenings} evenings recorded`;
  if (p.today === "not-started") return `starts soon: evening 1 of ${p.totalEvenings}`;
  if (p.eveningNumber === null) return `${p.completed} of ${p.totalEvenings} evenings recorded`;
  return `evening ${p.eveningNumber} of ${p.totalEvenings}`;
}

/** Completion only (never effects): what the interim view shows. */
export function completionFacts(p: ExperimentProgress): Array<[string, string]> {
  return [
    ["Evenings recorded", String(p.completed)],
    ["Missed (skipped, never moved)", p.missed.length ? `${p.missed.length} (${p.missed.join(", ")})` : "0"],
    ["Evenings left", String(p.remaining)],
    ["Planned", String(p.totalEvenings)],
  ];
}

export type TonightView =
  | { kind: "none" }
  | { kind: "tonight"; label: string; soundscape: string; experimentId: string }
  | { kind: "info"; label: string; text: string; experimentId: string };

/** What Today shows for the running experiment. */
export function tonightView(t: ExperimentToday): TonightView {
  const e = t.experiment;
  if (!e) return { kind: "none" };
  const p = e.progress;
  const base = { label: p.label, experimentId: e.id };
  switch (p.today) {
    case "tonight":
      return e.soundscapeLabel && e.scene
        ? { kind: "tonight", ...base, soundscape: e.soundscapeLabel }
        : { kind: "info", ...base, text: "Tonight's soundscape could not be loaded." };
    case "recorded":
      return {
        kind: "info",
        ...base,
        text: "Tonight's evening is recorded. Thank you: nothing more to do today.",
      };
    case "rest-day":
      return { kind: "info", ...base, text: "A rest day (washout): no experiment session tonight." };
    case "not-started":
      return { kind: "info", ...base, text: "The first evening is still ahead." };
    case "finished":
      return { kind: "info", ...base, text: "Every evening has passed: the report is ready." };
  }
}

/** A line about missed evenings for Today, or null. */
export function missedText(p: ExperimentProgress): string | null {
  const n = p.missed.length;
  if (n === 0) return null;
  return `${n} evening${n === 1 ? " was" : "s were"} missed (${p.missed.join(", ")}). Missed evenings are skipped, never moved to another night.`;
}

export const GUESS_LABELS: Readonly<Record<Guess, string>> = {
  "A-is-trigger": "Soundscape A is the one being tested",
  "B-is-trigger": "Soundscape B is the one being tested",
  "dont-know": "I don't know",
};

/** Ended experiments (finished, stopped, unblinded) first by date, running first of all. */
export function sortExperiments(list: readonly ExperimentSummary[]): ExperimentSummary[] {
  return [...list].sort((a, b) =>
    a.status === "running" && b.status !== "running"
      ? -1
      : b.status === "running" && a.status !== "running"
        ? 1
        : b.createdAt.localeCompare(a.createdAt),
  );
}

export interface StatRow {
  label: string;
  value: string;
}

/** The report's statistics table from core ReportData (numbers formatted as in the Markdown). */
export function statisticsRows(data: ReportData): StatRow[] {
  const a = data.analysis;
  const info = OUTCOME_INFO[data.outcome];
  const f = (v: number) => formatValue(data.outcome, v);
  const u = info.unit;
  const rows: StatRow[] = [
    {
      label: "Complete pairs",
      value: `${a.pairs.length} of ${a.plannedPairs} (${a.recordedEvenings} of ${a.plannedEvenings} evenings recorded)`,
    },
  ];
  const r = a.result;
  if (r === null) {
    rows.push({
      label: "Estimate",
      value: "Can't tell: fewer than 2 complete pairs, so no effect is estimated.",
    });
  } else {
    const e = r.effect;
    rows.push(
      {
        label: `Mean difference (${data.labels.condition.toLowerCase()} − ${data.labels.control})`,
        value: `${f(e.mean)} ${u} (95% interval ${f(e.lower)} to ${f(e.upper)})`,
      },
      {
        label: "Standardised effect",
        value:
          e.gz === null
            ? "needs 3 pairs"
            : `g_z ${format2(e.gz)} (d_z ${e.dz === null ? "–" : format2(e.dz)})`,
      },
      {
        label: `Randomisation test (${r.randomisation.assignments} assignments)`,
        value: `p = ${formatP(r.randomisation.twoSided)} two-sided; ${formatP(r.randomisation.oneSided)} towards benefit`,
      },
      {
        label: "Bayesian estimate (sceptical prior)",
        value: `${f(r.bayes.mean)} ${u} (95% credible interval ${f(r.bayes.lower)} to ${f(r.bayes.upper)})`,
      },
      {
        label: `Chance the benefit is at least ${f(data.minimalImportantDifference)} ${u}`,
        value: formatPercent(r.bayes.probabilityBeyondMid),
      },
    );
    const ex = r.expectation;
    rows.push({
      label: "Allowing for expectation",
      value: ex.adjustedDifference
        ? `${f(ex.adjustedDifference.estimate)} ${u} (95% interval ${f(ex.adjustedDifference.lower)} to ${f(ex.adjustedDifference.upper)})`
        : "too few ratings to adjust",
    });
    rows.push({
      label: "Expectation and outcome (correlation)",
      value: ex.correlation
        ? `r ${format2(ex.correlation.r)} (95% interval ${format2(ex.correlation.lower)} to ${format2(ex.correlation.upper)})`
        : "not computable",
    });
    const o = r.order;
    rows.push({
      label: "Carry-over (condition first vs second)",
      value:
        o.pValue !== null
          ? `${f(o.conditionFirst.mean ?? 0)} vs ${f(o.conditionSecond.mean ?? 0)} ${u}, p = ${formatP(o.pValue)}`
          : "needs 2 pairs in each order",
    });
    rows.push({
      label: "Trend over the evenings",
      value: r.trend.slope
        ? `${format2(r.trend.slope.estimate)} ${u} per evening (95% interval ${format2(r.trend.slope.lower)} to ${format2(r.trend.slope.upper)})`
        : "too few evenings",
    });
  }
  const b = a.blinding;
  rows.push({
    label: "Guesses",
    value: `right ${b.correct} of ${b.guesses} (${b.dontKnow} “don't know”)`,
  });
  for (const arm of [b.condition, b.control]) {
    rows.push({
      label: `Blinding index (evenings with ${arm.arm === "condition" ? data.labels.condition.toLowerCase() : data.labels.control})`,
      value:
        arm.index === null
          ? "no guesses"
          : `${format2(arm.index)} (95% interval ${format2(arm.lower ?? 0)} to ${format2(arm.upper ?? 0)}; 0 is chance)`,
    });
  }
  return rows;
}

/** Deviations from the plan, in words; empty when everything went as planned. */
export function deviationLines(data: ReportData): string[] {
  const a = data.analysis;
  const out: string[] = [];
  if (a.missedEvenings.length) out.push(`Missed evenings (skipped): ${a.missedEvenings.join(", ")}.`);
  if (a.incompletePairs.length)
    out.push(`Incomplete pairs left out of the paired analysis: ${a.incompletePairs.join(", ")}.`);
  if (a.deviations.stoppedEarlyOn) out.push(`Stopped early on ${a.deviations.stoppedEarlyOn}.`);
  if (a.deviations.unblindedEarlyOn)
    out.push(`Unblinded early on ${a.deviations.unblindedEarlyOn}; evenings after that were not blind.`);
  return out;
}

/** One row per evening for the chart and its data table. */
export interface ChartRow {
  evening: number;
  date: string;
  arm: string;
  soundscape: string;
  outcome: number | null;
}

export function chartRows(data: ReportData): ChartRow[] {
  return data.evenings.map((e) => ({
    evening: e.index,
    date: e.date,
    arm: e.arm === "condition" ? data.labels.condition : data.labels.control,
    soundscape: `Soundscape ${e.soundscape}`,
    outcome: e.outcome,
  }));
}

/** The secondary outcomes' mean differences (not the question the experiment was planned for). */
export function secondaryRows(secondary: readonly ExperimentAnalysis[]): StatRow[] {
  return secondary.map((s) => {
    const info = OUTCOME_INFO[s.outcome];
    const f = (v: number) => formatValue(s.outcome, v);
    const r = s.result;
    return {
      label: info.noun.charAt(0).toUpperCase() + info.noun.slice(1),
      value: r
        ? `${f(r.effect.mean)} ${info.unit} (95% interval ${f(r.effect.lower)} to ${f(r.effect.upper)}; ${r.effect.pairs} pairs; randomisation p = ${formatP(r.randomisation.twoSided)})`
        : `can't tell (${s.pairs.length} complete pair${s.pairs.length === 1 ? "" : "s"})`,
    };
  });
}
