import { describe, expect, it } from "vitest";
import { effectStatusText, fmtDz, nightsStatusText } from "./statusText";
import { weeklyAnxietyText } from "./weeklyText";

describe("status texts", () => {
  it("says no variation yet (not 'not enough data', not a zero-width interval) when every change was the same", () => {
    expect(
      effectStatusText({
        measure: "anxiety",
        status: "no-variation",
        reason: null,
        moreSessionsNeeded: 1,
        meanChange: -10,
      }),
    ).toBe(
      "no variation yet — every session changed by exactly \u221210; a spread of zero is not certainty, so no interval until sessions differ.",
    );
    expect(
      effectStatusText({
        measure: "anxiety",
        status: "not-enough-data",
        reason: "interval-too-wide",
        moreSessionsNeeded: 4,
        meanChange: -3,
      }),
    ).toBe(
      "not enough data yet — the sessions so far vary too much to say; about 4 more sessions would give a useful estimate.",
    );
    expect(nightsStatusText({ status: "no-variation", moreNightsNeeded: 1 })).toBe(
      "no variation yet — every night on both sides had the same value, so there is no interval to compare",
    );
    expect(nightsStatusText({ status: "not-enough-data", moreNightsNeeded: 3 })).toBe(
      "not enough data yet — about 3 more nights after a session would give a useful estimate",
    );
    expect(fmtDz(null)).toBe("–");
    expect(fmtDz(-1.234)).toBe("\u22121.23");
  });

  it("the weekly card says no variation yet when every change was the same", () => {
    expect(
      weeklyAnxietyText({
        sessions: 5,
        anxiety: { n: 5, status: "no-variation", meanChange: -10, interval: null },
      }),
    ).toBe(
      "Anxiety changed by exactly \u221210 points in every session this week: no variation yet, so no interval.",
    );
  });
});
