import { describe, expect, it } from "vitest";
import { computeInsights } from "./compute";
import { eighteenSessions, session } from "./fixtures.test-helpers";
import { formatMeasure, formatMeasureSigned } from "./format";
import { syntheticInsightsInput } from "./synthetic";

const CAUSAL =
  /\b(reduces|lowers|causes|caused|because of|makes you|helps you|works for you|proven|treats)\b/i;

describe("plain-language summary", () => {
  const insights = computeInsights(
    { sessions: eighteenSessions() },
    { summary: { labels: { rain: "rain" } } },
  );
  const { paragraph, sentences } = insights.summary;

  it("states the overall change with the interval numbers of the computation", () => {
    // Independent reference: mean −9.67, 95% CI −13.34 to −6.00 (see effects.test.ts).
    expect(sentences[0]?.text).toBe(
      "Over 18 sessions, your anxiety went down by 10 points on average (95% CI 6 to 13) between check-in and check-out.",
    );
    const ci = insights.overall.anxiety.interval;
    expect(paragraph).toContain(
      `95% CI ${formatMeasure(-(ci?.upper ?? 0), "anxiety")} to ${formatMeasure(-(ci?.lower ?? 0), "anxiety")}`,
    );
  });

  it("describes triggers with uncertainty and without causal wording", () => {
    const rain = sentences.find((s) => s.kind === "trigger" && s.key === "rain");
    expect(rain?.text).toBe(
      "Sessions with rain (7) were followed by anxiety that went down by 16 points on average (95% CI 11 to 21); " +
        "compared with sessions without rain, the difference in that change is −11 points (95% CI −16 to −5).",
    );
    const fire = insights.triggers.groups.find((g) => g.key === "fire")?.measures.anxiety.withVsWithout;
    const fireText = sentences.find((s) => s.key === "fire")?.text ?? "";
    expect(fireText).toContain(
      `${formatMeasureSigned(fire?.lower ?? 0, "anxiety")} to ${formatMeasureSigned(fire?.upper ?? 0, "anxiety")}`,
    );
    expect(fireText).toContain("which includes no difference at all");
    for (const s of sentences) expect(s.text).not.toMatch(CAUSAL);
  });

  it("says not enough data, and how many more sessions, for a trigger used twice", () => {
    const tapping = sentences.find((s) => s.key === "tapping");
    expect(tapping?.kind).toBe("trigger-not-enough");
    expect(tapping?.text).toBe(
      "Tapping (2 sessions): not enough data yet — about 32 more sessions would give a useful estimate.",
    );
  });

  it("ends with the caveat and the blinded-experiment suggestion", () => {
    expect(sentences.at(-2)?.kind).toBe("caveat");
    expect(sentences.at(-1)?.kind).toBe("experiment");
    expect(paragraph).toContain("blinded experiment");
  });

  it("handles no data and too little data", () => {
    const none = computeInsights({ sessions: [] }).summary;
    expect(none.sentences.map((s) => s.kind)).toEqual(["no-data"]);
    const three = computeInsights({
      sessions: [
        session("a", "2025-01-01", 9, 50, 40),
        session("b", "2025-01-02", 9, 50, 45),
        session("c", "2025-01-03", 9, 50, 30),
      ],
    }).summary;
    // changes −10, −5, −20: mean −11.67, 95% CI −30.6 to +7.3 (t(0.975, 2) = 4.3027)
    expect(three.sentences[0]?.text).toMatch(
      /^So far, over 3 sessions, your anxiety changed by −12 points on average \(95% CI −31 to \+7\), so it may have gone either way: /,
    );
    expect(three.sentences[0]?.text).toMatch(
      /not enough data yet — about \d+ more sessions would give a useful estimate\.$/,
    );
    expect(three.sentences.some((s) => s.kind === "experiment")).toBe(false);
    expect(three.sentences.some((s) => s.kind === "caveat")).toBe(false);
  });

  it("describes intervals that cross zero as either way", () => {
    const mixed = [-10, 8, -6, 5, -3, 4, -2].map((c, i) =>
      session(`m${i}`, `2025-02-0${i + 1}`, 9, 50, 50 + c),
    );
    const text = computeInsights({ sessions: mixed }).summary.sentences[0]?.text ?? "";
    expect(text).toMatch(
      /changed by −1 point on average \(95% CI −\d+ to \+\d+\), so it may have gone either way/,
    );
  });

  it("never prints NaN on realistic synthetic data, and mentions sleep", () => {
    const summary = computeInsights(syntheticInsightsInput({ days: 60, seed: 3 })).summary;
    expect(summary.paragraph).not.toMatch(/NaN|undefined|Infinity/);
    expect(summary.sentences.some((s) => s.kind.startsWith("sleep"))).toBe(true);
  });

  it("says no variation yet for identical changes, never a zero-width interval", () => {
    const same = [0, 1, 2, 3, 4].map((i) => session(`z${i}`, `2025-06-0${i + 1}`, 9, 60, 50, ["rain"]));
    const summary = computeInsights({ sessions: same }, { summary: { labels: { rain: "rain" } } }).summary;
    expect(summary.paragraph).not.toMatch(/CI/);
    expect(summary.sentences[0]?.kind).toBe("overall-no-variation");
    expect(summary.sentences[0]?.text).toBe(
      "Over 5 sessions, your anxiety changed by exactly −10 points every time between check-in and check-out: " +
        "no variation yet, and a spread of zero is not certainty, so there is no interval and nothing is ranked until sessions differ.",
    );
    const rain = summary.sentences.find((s) => s.key === "rain");
    expect(rain?.kind).toBe("trigger-no-variation");
    expect(rain?.text).toBe(
      "Rain (5 sessions): anxiety changed by exactly −10 points every time — no variation yet.",
    );
    expect(summary.sentences.some((s) => s.kind === "experiment" || s.kind === "caveat")).toBe(false);
    // Sleep: five nights after evening sessions and three without, every one 15 minutes to fall asleep.
    const evenings = [1, 2, 3, 4, 5].map((i) => session(`e${i}`, `2025-07-0${i}`, 21, 60, 50 + (i % 3)));
    const nights = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => ({ date: `2025-07-0${i}`, solMinutes: 15 }));
    const sleep = computeInsights({ sessions: evenings, sleep: nights }).summary.sentences;
    expect(sleep.find((s) => s.kind === "sleep-not-enough")?.text).toBe(
      "Time to fall asleep has been the same on every night so far, after evening sessions (5 nights) and on other nights: no variation yet, so no comparison.",
    );
  });
});
