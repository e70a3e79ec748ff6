import { describe, expect, it } from "vitest";
import { formatTable, median, meetsTarget, percentile, ratio } from "./table";

describe("bench table", () => {
  it("computes ratios against the baseline", () => {
    expect(ratio({ section: "s", name: "n", value: 300, unit: "x", baseline: 100 })).toBe(3);
    expect(ratio({ section: "s", name: "n", value: 300, unit: "x" })).toBeUndefined();
  });

  it("checks targets in both directions", () => {
    expect(meetsTarget({ section: "s", name: "n", value: 2500, unit: "/s", target: "≥ 2000" })).toBe(true);
    expect(meetsTarget({ section: "s", name: "n", value: 12, unit: "ms", target: "≤ 10" })).toBe(false);
    expect(meetsTarget({ section: "s", name: "n", value: 149, unit: "MB", target: "< 150" })).toBe(true);
  });

  it("takes medians and nearest-rank percentiles", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 50)).toBe(50);
  });

  it("prints aligned rows with the ratio column", () => {
    const out = formatTable([
      { section: "journal", name: "saves/s", value: 2500, unit: "/s", baseline: 5000, target: "≥ 2000" },
    ]);
    const lines = out.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toContain("0.50×");
    expect(lines[2]).toContain("yes");
  });
});
