/**
 * computeInsights: everything the Insights page needs, in one pass-friendly bundle. Linear in the
 * input (grouping with maps; "without" sides by subtracting moments), so ten years of daily data
 * takes a few milliseconds.
 */
import { type Consistency, consistency, onThisDay } from "./consistency";
import { changeTable, type GroupEffects, groupEffects, type OverallChange, overallChange } from "./effects";
import { type SleepInsights, sleepInsights } from "./sleep";
import { buildSummary, type InsightsSummary, type SummaryOptions } from "./summary";
import { type CheckupSeries, checkupSeries, type WeeklyTrendPoint, weeklyTrends } from "./trends";
import { type InsightsInput, type InsightsOptions, resolveOptions, type SessionObservation } from "./types";

export interface Insights {
  counts: { sessions: number; completeSessions: number; nights: number; checkups: number };
  overall: OverallChange;
  triggers: GroupEffects;
  presets: GroupEffects;
  media: GroupEffects;
  sleep: SleepInsights;
  trends: { weekly: WeeklyTrendPoint[]; checkups: CheckupSeries[] };
  consistency: Consistency;
  /** Sessions on today's month and day in earlier years (needs options.today), newest first. */
  onThisDay: { id: string; localDate: string }[];
  summary: InsightsSummary;
}

export type ComputeInsightsOptions = Partial<InsightsOptions> & { summary?: SummaryOptions };

const NO_KEYS: readonly string[] = Object.freeze([]);

/** A session's one optional key as a list, the same list for the same key (no array per session). */
function singleKey(
  keyOf: (s: SessionObservation) => string | null | undefined,
): (s: SessionObservation) => readonly string[] {
  const lists = new Map<string, readonly string[]>();
  return (s) => {
    const key = keyOf(s);
    if (!key) return NO_KEYS;
    let list = lists.get(key);
    if (!list) {
      list = [key];
      lists.set(key, list);
    }
    return list;
  };
}

export function computeInsights(input: InsightsInput, options: ComputeInsightsOptions = {}): Insights {
  const opts = resolveOptions(options);
  const sessions = input.sessions;
  const sleep = input.sleep ?? [];
  const checkups = input.checkups ?? [];
  const table = changeTable(sessions);
  const overall = overallChange(sessions, opts, table);
  const triggers = groupEffects(sessions, (s) => s.triggers, opts, table);
  const presets = groupEffects(
    sessions,
    singleKey((s) => s.presetId),
    opts,
    table,
  );
  const media = groupEffects(
    sessions,
    singleKey((s) => s.mediaId),
    opts,
    table,
  );
  const sleepResult = sleepInsights(sessions, sleep, opts);
  return {
    counts: {
      sessions: sessions.length,
      completeSessions: table.complete.length,
      nights: sleep.length,
      checkups: checkups.length,
    },
    overall,
    triggers,
    presets,
    media,
    sleep: sleepResult,
    trends: { weekly: weeklyTrends(sessions, opts.level), checkups: checkupSeries(checkups) },
    consistency: consistency(sessions, opts.today),
    onThisDay: opts.today
      ? onThisDay(sessions, opts.today).map((s) => ({ id: s.id, localDate: s.localDate }))
      : [],
    summary: buildSummary({ overall, triggers, sleep: sleepResult }, options.summary),
  };
}
