import { describe, expect, it } from "vitest";
import { fmtInterval, fmtSigned, groupLabel, triggerLabels } from "./labels";
import { weeklyAnxietyText } from "./weeklyText";

const interval = (mean: number, lower: number, upper: number) => ({
  n: 6,
  mean,
  sd: 10,
  se: 4,
  df: 5,
  level: 0.95,
  tCritical: 2.57,
  lower,
  upper,
  halfWidth: (upper - lower) / 2,
});

describe("insights labels", () => {
  it("names sounds and scenes for people, ids as a fallback", () => {
    expect(groupLabel("triggers", "rain")).toBe("Rain");
    expect(groupLabel("triggers", "hair-brushing")).toBe("Hair brushing");
    expect(groupLabel("presets", "library-rain")).toBe("Library window in the rain");
    expect(groupLabel("media", "my_own-file")).toBe("My own file");
    expect(triggerLabels(["rain", "paper-crinkle"])).toEqual({
      rain: "rain",
      "paper-crinkle": "paper crinkling",
    });
  });

  it("formats with the summary's rounding and a true minus sign", () => {
    expect(fmtSigned(-13.6, "anxiety")).toBe("\u221214");
    expect(fmtSigned(0.04, "pleasantness")).toBe("0.0");
    expect(fmtInterval(interval(-14, -18.2, -9.5), "anxiety")).toBe("\u221218 to \u221210");
    expect(fmtInterval(null, "anxiety")).toBe("–");
  });
});

describe("weekly card text", () => {
  it("always gives the interval, and says when there is not enough data", () => {
    expect(
      weeklyAnxietyText({ sessions: 6, anxiety: { status: "estimate", interval: interval(-14, -19, -9) } }),
    ).toBe("Anxiety went down by 14 points on average from check-in to check-out (95% CI 9 to 19).");
    expect(
      weeklyAnxietyText({ sessions: 3, anxiety: { n: 3, status: "not-enough-data", moreSessionsNeeded: 4 } }),
    ).toBe("Change in anxiety: not enough data yet this week — about 4 more sessions would help.");
    expect(weeklyAnxietyText({ sessions: 1, anxiety: { n: 0, status: "not-enough-data" } })).toBeNull();
  });
});
