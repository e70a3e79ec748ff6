import { describe, expect, it } from "vitest";
import { computeInsights } from "./compute";
import { groupEffects } from "./effects";
import { eighteenSessions } from "./fixtures.test-helpers";
import { syntheticInsightsInput } from "./synthetic";
import { resolveOptions } from "./types";

describe("computeInsights", () => {
  it("bundles the same numbers as the individual functions", () => {
    const sessions = eighteenSessions();
    const insights = computeInsights({ sessions }, { today: "2025-03-20" });
    expect(insights.triggers).toEqual(groupEffects(sessions, (s) => s.triggers, resolveOptions()));
    expect(insights.counts).toEqual({ sessions: 19, completeSessions: 18, nights: 0, checkups: 0 });
    expect(insights.presets.groups).toHaveLength(2);
    expect(insights.media.groups).toHaveLength(0);
    expect(insights.consistency.showingUp?.daysThisMonth).toBe(19);
    expect(insights.sleep.nights).toBe(0);
  });

  it("handles ten years of daily data and stays JSON-serialisable", () => {
    const input = syntheticInsightsInput({ days: 3650, start: "2015-01-01", seed: 7 });
    const insights = computeInsights(input, { today: "2024-12-31" });
    expect(insights.counts.sessions).toBe(3650);
    expect(insights.trends.weekly.length).toBeGreaterThan(520);
    expect(insights.consistency.sessionsPerWeek.length).toBeGreaterThan(520);
    expect(insights.onThisDay.map((s) => s.localDate.slice(5))).toEqual(Array(9).fill("12-31"));
    // Synthetic rain sessions drop 6 points more: the with-vs-without interval should see it.
    const rain = insights.triggers.groups.find((g) => g.key === "rain")?.measures.anxiety.withVsWithout;
    expect(rain?.upper).toBeLessThan(0);
    expect(JSON.parse(JSON.stringify(insights)).counts.sessions).toBe(3650);
  });

  it("honours options", () => {
    const sessions = eighteenSessions();
    const strict = computeInsights({ sessions }, { minSessions: 10 });
    expect(strict.triggers.groups.find((g) => g.key === "rain")?.status).toBe("not-enough-data");
    const narrow = computeInsights({ sessions }, { maxHalfWidth: { anxiety: 1 } as never });
    expect(narrow.overall.anxiety.reason).toBe("interval-too-wide");
    expect(narrow.overall.pleasantness.status).toBe("estimate");
  });
});
