import { describe, expect, it } from "vitest";
import { WELCH_INTERVALS } from "../stats/fixtures.generated";
import { groupEffects, overallChange } from "./effects";
import { eighteenSessions, session } from "./fixtures.test-helpers";
import { resolveOptions } from "./types";

const options = resolveOptions();
// Independent references from stats/reference/insights_reference.py (Fractions, Decimal square
// roots, closed-form t quantile): e.g. rain changes [-18, -12, -25, -9, -20, -14, -16], df = 6.
const RAIN = {
  mean: -16.285714285714285,
  lower: -21.200301015914693,
  upper: -11.371127555513876,
  dzc: -2.6649635396090696,
};
const FIRE = { mean: -6.666666666666667, lower: -12.986558270602284, upper: -0.34677506273104836 };
const OVERALL = { mean: -9.666666666666666, lower: -13.336862811674234, upper: -5.996470521659099 };

// Σ(x_t − x̄)(x_{t+1} − x̄) / Σ(x_t − x̄)² for [-18,-12,-25,-9,-20,-14,-16,-5,-11,2,-8,-3,-15,0,-6,-9,-1,-4],
// exact fraction from stats/reference/insights_reference.py.
const LAG1_OF_CHANGES = 857 / 8334;

function close(actual: number | null | undefined, expected: number, tol = 1e-9): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? Number.NaN) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe("overall change", () => {
  it("matches the hand-computed interval (tolerance 1e-9)", () => {
    const overall = overallChange(eighteenSessions(), options);
    expect(overall.sessions).toBe(19);
    expect(overall.completeSessions).toBe(18);
    close(overall.anxiety.meanChange, OVERALL.mean);
    close(overall.anxiety.interval?.lower, OVERALL.lower);
    close(overall.anxiety.interval?.upper, OVERALL.upper);
    expect(overall.anxiety.status).toBe("estimate");
    expect(overall.anxiety.withVsWithout).toBeNull();
    // Lag-1 autocorrelation of the 18 changes in date order (same estimator as the LAG1 fixtures).
    expect(overall.anxietyChangeLag1).toBeCloseTo(LAG1_OF_CHANGES, 12);
  });
});

describe("per trigger", () => {
  const effects = groupEffects(eighteenSessions(), (s) => s.triggers, options);
  const byKey = new Map(effects.groups.map((g) => [g.key, g]));

  it("counts sessions and computes the mean change with a t interval and corrected d_z", () => {
    const rain = byKey.get("rain");
    expect(rain?.sessions).toBe(8); // includes the session without a check-out
    expect(rain?.completeSessions).toBe(7);
    const a = rain?.measures.anxiety;
    close(a?.meanChange, RAIN.mean);
    close(a?.interval?.lower, RAIN.lower);
    close(a?.interval?.upper, RAIN.upper);
    close(a?.effectSize?.dzCorrected, RAIN.dzc, 1e-12);
    expect(a?.status).toBe("estimate");
    expect(a?.moreSessionsNeeded).toBe(0);
  });

  it("compares with vs without by Welch, matching the independent Welch fixture", () => {
    const ref = WELCH_INTERVALS.find((w) => w.name === "rainVsNot");
    const w = byKey.get("rain")?.measures.anxiety.withVsWithout;
    close(w?.difference, ref?.difference ?? Number.NaN);
    close(w?.df, ref?.df ?? Number.NaN);
    close(w?.lower, ref?.lower ?? Number.NaN);
    close(w?.upper, ref?.upper ?? Number.NaN);
  });

  it("compares with vs without only when each side has at least 3 sessions", () => {
    // tapping: 2 with, 16 without → no comparison; "most": 16 with, 2 without → none either;
    // "many": 15 with, 3 without → a Welch comparison.
    expect(byKey.get("tapping")?.measures.anxiety.withVsWithout).toBeNull();
    const complete = eighteenSessions().filter((s) => s.checkOut);
    const tagged = complete.map((s, i) => ({
      ...s,
      triggers: [...s.triggers, ...(i >= 2 ? ["most"] : []), ...(i >= 3 ? ["many"] : [])],
    }));
    const groups = groupEffects(tagged, (s) => s.triggers, options).groups;
    const most = groups.find((g) => g.key === "most")?.measures.anxiety;
    const many = groups.find((g) => g.key === "many")?.measures.anxiety;
    expect(most?.n).toBe(16);
    expect(most?.withVsWithout).toBeNull();
    expect(many?.n).toBe(15);
    expect(many?.withVsWithout).not.toBeNull();
  });

  it("says not enough data for a trigger used twice, with how many more sessions", () => {
    const tapping = byKey.get("tapping");
    expect(tapping?.completeSessions).toBe(2);
    expect(tapping?.status).toBe("not-enough-data");
    expect(tapping?.measures.anxiety.reason).toBe("too-few-sessions");
    // n = 2: no usable d_z → assume 0.5 → 34 sessions for 80 % power → 32 more.
    expect(tapping?.moreSessionsNeeded).toBe(32);
    // Fewer than 3 on one side: no with-vs-without comparison.
    expect(tapping?.measures.anxiety.withVsWithout).toBeNull();
  });

  it("ranks only estimates, by the least favourable end of the interval", () => {
    close(byKey.get("fire")?.measures.anxiety.interval?.upper, FIRE.upper);
    expect(effects.rankings.anxiety).toEqual(["rain", "fire"]);
    expect(effects.rankings.anxiety).not.toContain("tapping");
  });

  it("marks a wide interval as not enough data even with 5+ sessions", () => {
    const noisy = [-40, 30, -35, 25, 0].map((c, i) =>
      session(`w${i}`, `2025-01-0${i + 1}`, 9, 50, 50 + c, ["whisper"]),
    );
    const result = groupEffects(noisy, (s) => s.triggers, options);
    const whisper = result.groups[0];
    expect(whisper?.measures.anxiety.interval?.halfWidth).toBeGreaterThan(15);
    expect(whisper?.status).toBe("not-enough-data");
    expect(whisper?.measures.anxiety.reason).toBe("interval-too-wide");
    expect(whisper?.moreSessionsNeeded).toBeGreaterThan(0);
    expect(result.rankings.anxiety).toEqual([]);
  });

  it("groups by preset too", () => {
    const presets = groupEffects(eighteenSessions(), (s) => (s.presetId ? [s.presetId] : []), options);
    expect(presets.groups.map((g) => [g.key, g.completeSessions])).toEqual([
      ["preset-even", 9],
      ["preset-odd", 9],
    ]);
  });
});

describe("no variation (identical changes)", () => {
  // Six sessions with rain, each −10 exactly; six without rain, each −2 exactly.
  const flat = [
    ...[0, 1, 2, 3, 4, 5].map((i) => session(`r${i}`, `2025-05-0${i + 1}`, 9, 60, 50, ["rain"])),
    ...[0, 1, 2, 3, 4, 5].map((i) => session(`n${i}`, `2025-05-1${i}`, 9, 60, 58, ["fire"])),
  ];

  it("reports no variation yet, with no zero-width interval, and ranks nothing on it", () => {
    const overall = overallChange(flat.slice(0, 6), options);
    expect(overall.anxiety.meanChange).toBe(-10);
    expect(overall.anxiety.status).toBe("no-variation");
    expect(overall.anxiety.interval).toBeNull();
    expect(overall.anxiety.effectSize).toBeNull();
    const effects = groupEffects(flat, (s) => s.triggers, options);
    const rain = effects.groups.find((g) => g.key === "rain");
    expect(rain?.status).toBe("no-variation");
    expect(rain?.measures.anxiety.interval).toBeNull();
    // Welch with two constant groups: no interval either.
    expect(rain?.measures.anxiety.withVsWithout).toBeNull();
    expect(effects.rankings.anxiety).toEqual([]);
  });
});
