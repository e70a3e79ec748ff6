import { describe, expect, it } from "vitest";
import { ANALYSIS_VERSION, describePlanErrors, eveningsIn, parseExperimentPlan } from "./plan";

const base = {
  comparison: { kind: "trigger-vs-sham", sceneId: "scene-1", layerId: "whisper" },
  primaryOutcome: "anxiety-change",
  startDate: "2026-12-08",
  seed: 12345,
};

function errorsOf(input: unknown): { field: string; message: string }[] {
  const r = parseExperimentPlan(input);
  if (r.ok) throw new Error("expected errors");
  return r.errors;
}

describe("experiment plan", () => {
  it("fills the defaults: 6 pairs, no washout, MID 10 for anxiety, the analysis version", () => {
    const r = parseExperimentPlan(base);
    if (!r.ok) throw new Error(describePlanErrors(r.errors));
    expect(r.plan.pairs).toBe(6);
    expect(eveningsIn(r.plan)).toBe(12);
    expect(r.plan.washoutDays).toBe(0);
    expect(r.plan.minimalImportantDifference).toBe(10);
    expect(r.plan.secondaryOutcomes).toEqual([]);
    expect(r.plan.analysis).toBe(ANALYSIS_VERSION);
  });

  it("uses each outcome's own default MID and keeps one that was set", () => {
    const mid = (primaryOutcome: string, extra = {}) => {
      const r = parseExperimentPlan({ ...base, primaryOutcome, ...extra });
      return r.ok ? r.plan.minimalImportantDifference : null;
    };
    expect(mid("pleasantness-change")).toBe(1);
    expect(mid("tingles")).toBe(1);
    expect(mid("sleep-onset-latency")).toBe(10);
    expect(mid("sleep-efficiency")).toBe(5);
    expect(mid("anxiety-change", { minimalImportantDifference: 15 })).toBe(15);
  });

  it("accepts the three comparisons", () => {
    for (const comparison of [
      { kind: "trigger-vs-without", sceneId: "s", layerId: "tap" },
      { kind: "scene-vs-scene", a: { sceneId: "rain" }, b: { sceneId: "fire" } },
      { kind: "trigger-vs-sham", sceneId: "s", layerId: "tap" },
    ]) {
      expect(parseExperimentPlan({ ...base, comparison }).ok).toBe(true);
    }
  });

  it("rejects zero pairs with a clear error naming the field", () => {
    const errors = errorsOf({ ...base, pairs: 0 });
    expect(errors[0]?.field).toBe("pairs");
    expect(errors[0]?.message).toMatch(/at least 1/);
    expect(errorsOf({ ...base, pairs: 21 })[0]?.field).toBe("pairs");
    expect(errorsOf({ ...base, pairs: 2.5 })[0]?.message).toMatch(/whole number/);
  });

  it("names the field of every other mistake", () => {
    const field = (input: unknown) => errorsOf(input)[0]?.field;
    expect(field({ ...base, washoutDays: 4 })).toBe("washoutDays");
    expect(field({ ...base, startDate: "2026-02-30" })).toBe("startDate");
    expect(field({ ...base, startDate: "8/12/2026" })).toBe("startDate");
    expect(field({ ...base, seed: -1 })).toBe("seed");
    expect(field({ ...base, seed: 2 ** 32 })).toBe("seed");
    expect(field({ ...base, primaryOutcome: "mood" })).toBe("primaryOutcome");
    expect(field({ ...base, minimalImportantDifference: 0 })).toBe("minimalImportantDifference");
    expect(field({ ...base, minimalImportantDifference: 101 })).toBe("minimalImportantDifference");
    expect(field({ ...base, secondaryOutcomes: ["anxiety-change"] })).toBe("secondaryOutcomes[0]");
    expect(field({ ...base, secondaryOutcomes: ["tingles", "tingles"] })).toBe("secondaryOutcomes[1]");
    expect(field({ ...base, comparison: { kind: "trigger-vs-sham", layerId: "x" } })).toBe(
      "comparison.sceneId",
    );
    expect(field({ ...base, comparison: { kind: "vs", layerId: "x" } })).toBe("comparison.kind");
    expect(field({ ...base, surprise: 1 })).toBe("(plan)");
  });

  it("checks that the trigger layer exists in a scene given in full", () => {
    const scene = { version: 2, layers: [{ id: "tap", generator: "tapping" }], mediaLayers: [] };
    const ok = parseExperimentPlan({
      ...base,
      comparison: { kind: "trigger-vs-without", scene, layerId: "tap" },
    });
    if (!ok.ok) throw new Error(describePlanErrors(ok.errors));
    const bad = errorsOf({ ...base, comparison: { kind: "trigger-vs-without", scene, layerId: "whisper" } });
    expect(bad[0]).toEqual({ field: "comparison.layerId", message: 'no layer "whisper" in the scene' });
  });
});
