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
    status?: "estimate" | "not-enough-data";
    moreSessionsNeeded?: number;
  } | null;
}

export interface InsightsQuery {
  from?: string | undefined;
  to?: string | undefined;
}

export const insightsApi = {
  insights: (q: InsightsQuery = {}, signal?: AbortSignal) =>
    request<InsightsResult>("GET", "/api/insights", { query: { ...q }, ...(signal ? { signal } : {}) }),
  weekly: () => request<WeeklyInsights>("GET", "/api/insights/weekly"),
};
