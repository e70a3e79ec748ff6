import { computeInsights, type InsightsInput, syntheticInsightsInput } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { answerJson } from "./answer-json";

/** The route's answer: core's insights plus when, where and which range. */
function answerFor(input: InsightsInput, today: string) {
  return {
    ...computeInsights(input, { today }),
    generatedAt: "2025-01-01T12:00:00.000Z",
    timeZone: "Europe/London",
    from: null,
    to: null,
  };
}

describe("answerJson", () => {
  it("is JSON.stringify of the answer, before and after a write that reuses most weekly points", () => {
    const input = syntheticInsightsInput({ days: 400, seed: 3 });
    const first = answerFor(input, "2025-02-04");
    expect(answerJson(first)).toBe(JSON.stringify(first));
    const last = input.sessions[input.sessions.length - 1];
    if (!last) throw new Error("no sessions");
    const written = {
      ...input,
      sessions: [
        ...input.sessions,
        { ...last, id: "after-a-write", checkIn: { ...last.checkIn, anxiety: last.checkIn.anxiety + 7 } },
      ],
    };
    const second = answerFor(written, "2025-02-04");
    // Most weeks are the very points of the first answer; the last one changed.
    const reused = second.trends.weekly.filter((w, i) => w === first.trends.weekly[i]).length;
    expect(reused).toBe(first.trends.weekly.length - 1);
    expect(answerJson(second)).toBe(JSON.stringify(second));
    expect(JSON.parse(answerJson(second)).trends.weekly.at(-1).sessions).toBe(
      (first.trends.weekly.at(-1)?.sessions ?? 0) + 1,
    );
  });

  it("writes keys that need escaping and leaves out undefined ones, as JSON.stringify does", () => {
    const base = answerFor(syntheticInsightsInput({ days: 30, seed: 5 }), "2024-01-31");
    const odd = { ...base, 'quote"key\u2028': "line\nbreak", gone: undefined, trends: { ...base.trends } };
    expect(answerJson(odd)).toBe(JSON.stringify(odd));
  });
});
