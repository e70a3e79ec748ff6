import { describe, expect, it } from "vitest";
import { parseEveningEntry } from "./entry";

const plan = { pairs: 6, primaryOutcome: "anxiety-change" as const, secondaryOutcomes: ["tingles" as const] };

function fields(input: unknown): string[] {
  const r = parseEveningEntry(plan, input);
  return r.ok ? [] : r.errors.map((e) => e.field);
}

describe("an experiment evening's record", () => {
  it("accepts a full record and fills missing answers with null", () => {
    const r = parseEveningEntry(plan, {
      index: 3,
      outcomes: { "anxiety-change": -12, tingles: 4 },
      expectation: 6,
      guess: "B-is-trigger",
    });
    expect(r.ok).toBe(true);
    const bare = parseEveningEntry(plan, { index: 1, outcomes: { "anxiety-change": 0 } });
    expect(bare.ok && bare.entry).toEqual({
      index: 1,
      outcomes: { "anxiety-change": 0 },
      expectation: null,
      guess: null,
    });
  });

  it("requires the primary outcome: an outcome without data is a clear error", () => {
    const r = parseEveningEntry(plan, { index: 2, outcomes: { tingles: 3 } });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors).toEqual([
        { field: "outcomes.anxiety-change", message: "the primary outcome is required" },
      ]);
    expect(fields({ index: 2, outcomes: { "anxiety-change": null } })).toEqual(["outcomes.anxiety-change"]);
  });

  it("names each field that is wrong", () => {
    expect(fields({ index: 13, outcomes: { "anxiety-change": 1 } })).toEqual(["index"]);
    expect(fields({ index: 1, outcomes: { "anxiety-change": 120 } })).toEqual(["outcomes.anxiety-change"]);
    expect(fields({ index: 1, outcomes: { "anxiety-change": 1, "sleep-efficiency": 80 } })).toEqual([
      "outcomes.sleep-efficiency",
    ]);
    expect(fields({ index: 1, outcomes: { "anxiety-change": 1 }, expectation: 11 })).toEqual(["expectation"]);
    expect(fields({ index: 1, outcomes: { "anxiety-change": 1 }, guess: "A" })).toEqual(["guess"]);
    expect(fields({ index: 1, outcomes: { "anxiety-change": 1 }, extra: 1 })).toEqual(["(evening)"]);
  });
});
