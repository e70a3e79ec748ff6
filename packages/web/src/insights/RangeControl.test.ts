import { describe, expect, it } from "vitest";
import { longDay } from "./labels";
import { customRangeProblem, describeRange, presetRange } from "./RangeControl";

describe("insights periods", () => {
  it("ends the preset periods today, inclusive", () => {
    expect(presetRange("30d", "2025-03-30")).toEqual({ kind: "30d", from: "2025-03-01", to: "2025-03-30" });
    expect(presetRange("90d", "2025-03-31")).toEqual({ kind: "90d", from: "2025-01-01", to: "2025-03-31" });
    // 365 days across a leap day.
    expect(presetRange("year", "2024-12-31")).toEqual({ kind: "year", from: "2024-01-02", to: "2024-12-31" });
    expect(presetRange("all", "2025-03-30")).toEqual({ kind: "all" });
  });

  it("refuses a custom period the server would refuse", () => {
    expect(customRangeProblem("2025-03-10", "2025-03-01")).toBe(
      "The last day can’t be before the first day.",
    );
    expect(customRangeProblem("", "")).toMatch(/Choose a first day/);
    expect(customRangeProblem("10/03/2025", "")).toBe("The first day isn’t a date.");
    expect(customRangeProblem("2025-03-01", "2025-03-01")).toBeNull();
    expect(customRangeProblem("", "2025-03-01")).toBeNull();
  });

  it("describes a period in words", () => {
    expect(describeRange({ kind: "custom", from: "2025-03-01", to: "2025-03-20" })).toBe(
      `${longDay("2025-03-01")} – ${longDay("2025-03-20")}`,
    );
    expect(longDay("2025-03-01")).toContain("2025");
    expect(describeRange({ kind: "custom", from: "2025-03-01" })).toBe(`since ${longDay("2025-03-01")}`);
    expect(describeRange({ kind: "custom", to: "2025-03-01" })).toBe(`until ${longDay("2025-03-01")}`);
    expect(describeRange({ kind: "all" })).toBe("all time");
  });
});
