import type { Insights, MeanInterval } from "@meridian/core";
import { request } from "./http";

/** GET /api/insights: core's `computeInsights` result plus when and in which zone it was computed. */
export type InsightsResult = Insights & { generatedAt: string; timeZone: string };

/**
 * GET /api/insights/weekly (docs/api-insights.md): the last 7 days in the user's zone. Every field
 * beyond the counts is read defensively by the card, so an older server still shows something.
 */
export interface WeeklyInsights {
  from?: string;
  to?: string;
  sessions: number;
  completeSessions?: number;
  /** Sleep diaries for the seven nights before today. */
  nightsLogged?: number;
  anxiety?: {
    n?: number;
    meanChange?: number | null;
    interval?: MeanInterval | null;
    status?: "estimate" | "not-enough-data" | "no-variation";
    moreSessionsNeeded?: number;
  } | null;
}

export interface InsightsQuery {
  from?: string | undefined;
  to?: string | undefined;
}

/** Names of the user's own presets and media, so the Scenes and Your own audio tabs can show names
 * rather than ids (docs/api-studio.md). Best effort: an older server without these routes gives {}. */
export async function ownNames(): Promise<{
  presets: Record<string, string>;
  media: Record<string, string>;
}> {
  const [presets, media] = await Promise.allSettled([
    request<{ presets: { id: string; name: string }[] }>("GET", "/api/presets"),
    request<{ items: { id: string; name: string }[] }>("GET", "/api/media"),
  ]);
  const toMap = (list: { id: string; name: string }[] | undefined) =>
    Object.fromEntries((list ?? []).map((x) => [x.id, x.name]));
  return {
    presets: presets.status === "fulfilled" ? toMap(presets.value?.presets) : {},
    media: media.status === "fulfilled" ? toMap(media.value?.items) : {},
  };
}

export const insightsApi = {
  insights: (q: InsightsQuery = {}, signal?: AbortSignal) =>
    request<InsightsResult>("GET", "/api/insights", { query: { ...q }, ...(signal ? { signal } : {}) }),
  weekly: () => request<WeeklyInsights>("GET", "/api/insights/weekly"),
};
