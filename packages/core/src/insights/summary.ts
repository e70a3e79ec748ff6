/**
 * The plain-language summary: short sentences a tired person can read, always with the interval,
 * never causal ("sessions with rain were followed by…", not "rain lowers…"), saying "not enough data
 * yet" with a session count when an estimate is not useful, and pointing to a blinded experiment
 * for the question "is this more than expectation?". Figures are formatted with `format.ts`, so the
 * numbers in the text match the computed intervals after rounding.
 */
import type { WelchInterval } from "../stats/intervals";
import type { GroupEffect, MeasureEffect, OverallChange } from "./effects";
import { formatMeasure, formatMeasureSigned, plural } from "./format";
import type { NightComparison, SleepInsights } from "./sleep";
import type { ChangeMeasure, SleepMeasure } from "./types";

export type SentenceKind =
  | "no-data"
  | "overall"
  | "overall-not-enough"
  | "overall-no-variation"
  | "trigger"
  | "trigger-not-enough"
  | "trigger-no-variation"
  | "sleep"
  | "sleep-not-enough"
  | "sleep-trigger"
  | "caveat"
  | "experiment";

export interface SummarySentence {
  kind: SentenceKind;
  /** Trigger id for trigger sentences. */
  key?: string;
  text: string;
}

export interface InsightsSummary {
  paragraph: string;
  sentences: SummarySentence[];
}

export interface SummaryInput {
  overall: OverallChange;
  triggers: { groups: GroupEffect[]; rankings: { anxiety: string[] } };
  sleep: SleepInsights;
}

export interface SummaryOptions {
  /** Display names for trigger ids (default: the id). */
  labels?: Readonly<Record<string, string>>;
  /** Trigger estimates to mention, best ranked first (default 5). */
  maxTriggers?: number;
  /** Mention blinded experiments (default: whenever some trigger has an estimate). */
  suggestExperiment?: boolean;
}

function ciLabel(level: number): string {
  return `${Math.round(level * 100)}% CI`;
}

function points(value: number, measure: ChangeMeasure): string {
  return plural(formatMeasure(value, measure), "point", "points");
}

/** "went down by 14 points on average (95% CI 9 to 19)" and the like. */
export function describeMeanChange(effect: MeasureEffect): string {
  const { interval, measure } = effect;
  if (!interval) return "has no interval yet";
  const ci = ciLabel(interval.level);
  const f = (x: number) => formatMeasure(x, measure);
  const s = (x: number) => formatMeasureSigned(x, measure);
  if (interval.upper < 0) {
    return `went down by ${points(-interval.mean, measure)} on average (${ci} ${f(-interval.upper)} to ${f(-interval.lower)})`;
  }
  if (interval.lower > 0) {
    return `went up by ${points(interval.mean, measure)} on average (${ci} ${f(interval.lower)} to ${f(interval.upper)})`;
  }
  const unit = s(interval.mean) === "1" || s(interval.mean) === "\u22121" ? "point" : "points";
  return `changed by ${s(interval.mean)} ${unit} on average (${ci} ${s(interval.lower)} to ${s(interval.upper)}), so it may have gone either way`;
}

/** "the difference from sessions without it is −9 points (95% CI −16 to −2)". */
function describeDifference(d: WelchInterval, measure: ChangeMeasure | SleepMeasure, unit: string): string {
  const s = (x: number) => formatMeasureSigned(x, measure);
  const text = `${s(d.difference)} ${unit} (${ciLabel(d.level)} ${s(d.lower)} to ${s(d.upper)})`;
  return d.lower <= 0 && d.upper >= 0 ? `${text}, which includes no difference at all` : text;
}

/** "changed by exactly −10 points every time": for a measure with status "no-variation". */
function exactChange(effect: MeasureEffect): string {
  const value = formatMeasureSigned(effect.meanChange ?? 0, effect.measure);
  return `changed by exactly ${value} ${value === "1" || value === "\u22121" ? "point" : "points"} every time`;
}

function moreSessions(n: number, noun = "sessions"): string {
  return `not enough data yet — about ${n} more ${noun} would give a useful estimate`;
}

function overallSentences(overall: OverallChange): SummarySentence[] {
  const anxiety = overall.anxiety;
  if (overall.completeSessions === 0) {
    return [
      {
        kind: "no-data",
        text: "No completed sessions yet. Insights appear after a few sessions with both a check-in and a check-out.",
      },
    ];
  }
  const n = overall.completeSessions;
  const sessions = plural(String(n), "session", "sessions");
  if (anxiety.status === "no-variation") {
    const text =
      `Over ${sessions}, your anxiety ${exactChange(anxiety)} between check-in and check-out: no variation yet, ` +
      "and a spread of zero is not certainty, so there is no interval and nothing is ranked until sessions differ.";
    return [{ kind: "overall-no-variation", text }];
  }
  if (anxiety.status !== "estimate") {
    const sofar =
      anxiety.interval && n >= 2
        ? `So far, over ${sessions}, your anxiety ${describeMeanChange(anxiety)}: `
        : `You have ${sessions} with a check-out so far: `;
    return [{ kind: "overall-not-enough", text: `${sofar}${moreSessions(anxiety.moreSessionsNeeded)}.` }];
  }
  const out: SummarySentence[] = [
    {
      kind: "overall",
      text: `Over ${sessions}, your anxiety ${describeMeanChange(anxiety)} between check-in and check-out.`,
    },
  ];
  if (overall.pleasantness.status === "estimate") {
    out.push({ kind: "overall", text: `Pleasantness ${describeMeanChange(overall.pleasantness)}.` });
  }
  return out;
}

function triggerSentences(input: SummaryInput, labels: Readonly<Record<string, string>>, max: number) {
  const out: SummarySentence[] = [];
  const byKey = new Map(input.triggers.groups.map((g) => [g.key, g]));
  for (const key of input.triggers.rankings.anxiety.slice(0, max)) {
    const g = byKey.get(key);
    if (!g) continue;
    const label = labelOf(labels, key);
    const a = g.measures.anxiety;
    let text = `Sessions with ${label} (${g.completeSessions}) were followed by anxiety that ${describeMeanChange(a)}`;
    if (a.withVsWithout) {
      text += `; compared with sessions without ${label}, the difference in that change is ${describeDifference(a.withVsWithout, "anxiety", "points")}`;
    }
    out.push({ kind: "trigger", key, text: `${text}.` });
  }
  for (const g of input.triggers.groups) {
    if (g.status === "estimate") continue;
    const label = labelOf(labels, g.key);
    const sessions = plural(String(g.completeSessions), "session", "sessions");
    if (g.status === "no-variation") {
      out.push({
        kind: "trigger-no-variation",
        key: g.key,
        text: `${capitalise(label)} (${sessions}): anxiety ${exactChange(g.measures.anxiety)} — no variation yet.`,
      });
      continue;
    }
    out.push({
      kind: "trigger-not-enough",
      key: g.key,
      text: `${capitalise(label)} (${sessions}): ${moreSessions(g.moreSessionsNeeded)}.`,
    });
  }
  return out;
}

/** The display name of a key: its own entry in `labels`, else the key. A key such as "constructor"
 * or "__proto__" (any user string can be a trigger, preset or media id) never reads what a plain
 * object inherits. */
function labelOf(labels: Readonly<Record<string, string>>, key: string): string {
  const label = Object.hasOwn(labels, key) ? labels[key] : undefined;
  return typeof label === "string" ? label : key;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const SLEEP_PHRASES: Record<SleepMeasure, { name: string; unit: string }> = {
  solMinutes: { name: "time to fall asleep", unit: "minutes" },
  sleepEfficiency: { name: "sleep efficiency", unit: "percentage points" },
  quality: { name: "sleep quality (1–5)", unit: "points" },
};

function sleepSentence(c: NightComparison): string {
  const { name, unit } = SLEEP_PHRASES[c.measure];
  const f = (x: number | null) => (x === null ? "–" : formatMeasure(x, c.measure));
  const shown = c.measure === "sleepEfficiency" ? "%" : c.measure === "solMinutes" ? " minutes" : "";
  const diff = c.difference ? describeDifference(c.difference, c.measure, unit) : "";
  return (
    `On ${c.with.n} nights after an evening session, ${name} averaged ${f(c.with.mean)}${shown}, ` +
    `compared with ${f(c.without.mean)}${shown} on ${c.without.n} other nights: a difference of ${diff}.`
  );
}

function sleepSentences(sleep: SleepInsights, labels: Readonly<Record<string, string>>): SummarySentence[] {
  if (sleep.nights === 0) return [];
  const out: SummarySentence[] = [];
  const estimates = (["solMinutes", "sleepEfficiency", "quality"] as const)
    .map((m) => sleep.afterSession[m])
    .filter((c) => c.status === "estimate");
  for (const c of estimates) out.push({ kind: "sleep", text: sleepSentence(c) });
  if (estimates.length === 0) {
    const sol = sleep.afterSession.solMinutes;
    const text =
      sol.status === "no-variation"
        ? `Time to fall asleep has been the same on every night so far, after evening sessions (${plural(String(sol.with.n), "night", "nights")}) and on other nights: no variation yet, so no comparison.`
        : `Sleep after evening sessions (${plural(String(sol.with.n), "night", "nights")} so far): ${moreSessions(sol.moreNightsNeeded, "nights after a session")}.`;
    out.push({ kind: "sleep-not-enough", text });
  }
  const byTrigger = new Map(sleep.triggers.map((t) => [t.trigger, t]));
  for (const key of sleep.rankings.solMinutes.slice(0, 3)) {
    const t = byTrigger.get(key);
    const d = t?.measures.solMinutes.difference;
    if (!t || !d) continue;
    const label = labelOf(labels, key);
    out.push({
      kind: "sleep-trigger",
      key,
      text: `Nights after evening sessions with ${label} (${t.nights}): time to fall asleep differed from nights after other evening sessions by ${describeDifference(d, "solMinutes", "minutes")}.`,
    });
  }
  return out;
}

/** Builds the summary paragraph and its sentences. */
export function buildSummary(input: SummaryInput, options: SummaryOptions = {}): InsightsSummary {
  const labels = options.labels ?? {};
  const sentences = [
    ...overallSentences(input.overall),
    ...(input.overall.completeSessions > 0 ? triggerSentences(input, labels, options.maxTriggers ?? 5) : []),
    ...sleepSentences(input.sleep, labels),
  ];
  const anyEstimate = sentences.some(
    (s) => s.kind === "overall" || s.kind === "trigger" || s.kind === "sleep",
  );
  if (anyEstimate) {
    sentences.push({
      kind: "caveat",
      text: "These are patterns in your own records, not proof of cause: resting, the time of day and what you expect can all change how you feel and how you sleep.",
    });
  }
  const suggest = options.suggestExperiment ?? input.triggers.rankings.anxiety.length > 0;
  if (suggest) {
    sentences.push({
      kind: "experiment",
      text: "If you want to know whether a sound does more than expectation, a blinded experiment (the sounds masked as “Sound A” and “Sound B”, in random order) can tell you.",
    });
  }
  return { paragraph: sentences.map((s) => s.text).join(" "), sentences };
}
