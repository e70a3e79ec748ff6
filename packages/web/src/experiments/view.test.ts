import {
  buildSchedule,
  type ExperimentProgress,
  type ExperimentToday,
  experimentReport,
} from "@meridian/core";
import { describe, expect, it } from "vitest";
import { chartRows, deviationLines, progressText, secondaryRows, statisticsRows, tonightView } from "./view";

const progress = (over: Partial<ExperimentProgress> = {}): ExperimentProgress => ({
  today: "tonight",
  eveningNumber: 5,
  totalEvenings: 12,
  completed: 4,
  missed: [],
  remaining: 8,
  label: "Experiment: evening 5 of 12",
  ...over,
});

const plan = {
  comparison: { kind: "trigger-vs-sham", sceneId: "whispered-bedtime", layerId: "whisper" },
  primaryOutcome: "anxiety-change",
  pairs: 6,
  washoutDays: 0,
  startDate: "2026-11-01",
  seed: 1234,
  secondaryOutcomes: ["tingles"],
  conditionName: "Whispering",
  controlName: "the sham",
};

function report(benefit: number) {
  const schedule = buildSchedule(experimentReport(plan, []).frozen.plan);
  const entries = schedule.evenings.map((e, i) => ({
    index: e.index,
    // The condition lowers anxiety by `benefit` points, with some evening-to-evening noise.
    outcomes: {
      "anxiety-change": (e.condition === schedule.blinding.condition ? -benefit : 0) - 5 + ((i * 7) % 5),
      tingles: e.condition === schedule.blinding.condition ? 6 + (i % 2) : 3 + (i % 3),
    },
    expectation: 5,
    guess: "dont-know" as const,
  }));
  return experimentReport(plan, entries);
}

describe("progressText", () => {
  it("says which evening tonight is while running", () => {
    expect(progressText(progress(), "running")).toBe("evening 5 of 12");
  });
  it("counts recorded evenings once ended, early or not", () => {
    expect(progressText(progress({ completed: 7 }), "stopped")).toBe("7 of 12 evenings recorded");
    expect(
      progressText(progress({ today: "finished", eveningNumber: null, completed: 12 }), "finished"),
    ).toBe("12 of 12 evenings recorded");
  });
});

describe("tonightView", () => {
  const today = (p: ExperimentProgress, scene: boolean): ExperimentToday => ({
    experiment: {
      id: "x1",
      name: "Whispering",
      progress: p,
      soundscape: scene ? "B" : null,
      soundscapeLabel: scene ? "Soundscape B" : null,
      scene: scene ? { name: "Soundscape B", layers: [] } : null,
      expectationQuestion: "How much do you expect tonight's sound to help?",
      guessQuestion: "Which do you think tonight was?",
      guesses: ["A-is-trigger", "B-is-trigger", "dont-know"],
    },
  });
  it("offers tonight's session under the neutral name only", () => {
    const v = tonightView(today(progress(), true));
    expect(v).toEqual({
      kind: "tonight",
      label: "Experiment: evening 5 of 12",
      soundscape: "Soundscape B",
      experimentId: "x1",
    });
  });
  it("explains rest days and recorded evenings without a session button", () => {
    expect(tonightView(today(progress({ today: "rest-day" }), false)).kind).toBe("info");
    const rec = tonightView(today(progress({ today: "recorded" }), false));
    expect(rec.kind === "info" && rec.text).toMatch(/recorded/);
  });
  it("shows nothing without an experiment", () => {
    expect(tonightView({ experiment: null })).toEqual({ kind: "none" });
  });
});

describe("statisticsRows", () => {
  it("lists every statistic of a clear benefit with the arm names", () => {
    const r = report(20);
    const rows = statisticsRows(r.data);
    const labels = rows.map((x) => x.label);
    expect(labels[0]).toBe("Complete pairs");
    expect(rows[0]?.value).toBe("6 of 6 (12 of 12 evenings recorded)");
    expect(labels).toContain("Mean difference (whispering − the sham)");
    expect(labels.some((l) => l.startsWith("Randomisation test (64 assignments)"))).toBe(true);
    expect(labels).toContain("Allowing for expectation");
    expect(labels).toContain("Carry-over (condition first vs second)");
    expect(labels).toContain("Blinding index (evenings with whispering)");
    const mean = rows.find((x) => x.label.startsWith("Mean difference"))?.value ?? "";
    expect(mean).toMatch(/^-2\d points \(95% interval -\d+ to -\d+\)$/);
    expect(rows.find((x) => x.label === "Guesses")?.value).toBe("right 0 of 12 (12 “don't know”)");
  });
  it("says it can't tell with fewer than 2 complete pairs", () => {
    const one = experimentReport(plan, [
      { index: 1, outcomes: { "anxiety-change": -5 }, expectation: 5, guess: "dont-know" },
      { index: 2, outcomes: { "anxiety-change": -3 }, expectation: 5, guess: "dont-know" },
    ]);
    const rows = statisticsRows(one.data);
    expect(rows.find((x) => x.label === "Estimate")?.value).toMatch(/Can't tell/);
    expect(deviationLines(one.data)[0]).toMatch(/^Missed evenings/);
  });
});

describe("chartRows", () => {
  it("gives one row per evening with the arm's name and the outcome", () => {
    const rows = chartRows(report(10).data);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.arm))).toEqual(new Set(["Whispering", "the sham"]));
    expect(rows.every((r) => r.outcome !== null)).toBe(true);
  });
});

describe("secondaryRows", () => {
  it("gives each secondary outcome's difference, or can't tell", () => {
    const rows = secondaryRows(report(10).secondary);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.label).toBe("Tingles");
    expect(rows[0]?.value).toMatch(/^\d+(\.\d)? points \(95% interval .* 6 pairs; randomisation p = /);
    const none = experimentReport(plan, []);
    expect(secondaryRows(none.secondary)[0]?.value).toBe("can't tell (0 complete pairs)");
  });
});
