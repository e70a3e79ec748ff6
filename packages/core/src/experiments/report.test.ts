import { describe, expect, it } from "vitest";
import { type EveningEntry, experimentReport } from "./report";
import { buildSchedule } from "./schedule";

const plan = {
  comparison: { kind: "trigger-vs-sham", sceneId: "scene-1", layerId: "whisper" },
  primaryOutcome: "anxiety-change",
  secondaryOutcomes: ["pleasantness-change"],
  startDate: "2026-12-08",
  seed: 2024,
  conditionName: "whispering",
};

/** Anxiety falls 8 points more with the condition; evening 5 missed. */
function entries(): EveningEntry[] {
  const s = buildSchedule({ pairs: 6, washoutDays: 0, startDate: plan.startDate, seed: plan.seed });
  return s.evenings
    .filter((e) => e.index !== 5)
    .map((e, i) => {
      const isCondition = e.condition === s.blinding.condition;
      return {
        index: e.index,
        outcomes: {
          "anxiety-change": (isCondition ? -16 : -8) + ((i * 7) % 5) - 2,
          "pleasantness-change": isCondition ? 2 : 1,
        },
        expectation: 4 + (i % 4),
        guess: i % 3 === 0 ? "dont-know" : e.condition === "A" ? "A-is-trigger" : "B-is-trigger",
      };
    });
}

describe("experiment report", () => {
  const report = experimentReport(plan, entries(), { stoppedEarlyOn: null, unblindedEarlyOn: "2026-12-18" });
  const md = report.markdown;

  it("has the CENT 2015 sections", () => {
    for (const heading of [
      "## Verdict",
      "## Design",
      "## Randomisation",
      "## Blinding",
      "## Outcomes",
      "## Statistical methods",
      "## Results",
      "## Deviations",
    ])
      expect(md).toContain(`\n${heading}\n`);
  });

  it("states the seed, the plan hash, the prior and the blinding index", () => {
    expect(md).toContain("schedule seed 2024");
    expect(md).toContain(report.frozen.hash);
    expect(report.frozen.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(md).toContain("Inverse-Gamma(1, MID²)");
    expect(md).toContain("Bang's blinding index");
    expect(md).toMatch(/\| Whispering \| \d+ \| \d+ \| \d+ \| \d+ \| -?\d\.\d\d \(/);
  });

  it("lists every evening, the missed one, the incomplete pair and the early unblinding", () => {
    expect(md.match(/^\| \d+ \| 2026-12-\d\d \|/gm)).toHaveLength(12);
    expect(md).toMatch(/\| 5 \| 2026-12-12 \| 3 \| [AB] \| (condition|control) \| missed \|/);
    expect(md).toContain("Missed evenings (skipped, never moved to another night): 5.");
    expect(md).toContain("Incomplete pairs left out of the paired analysis: 3.");
    expect(md).toContain("Unblinded early on 2026-12-18");
    expect(md).toContain("### Secondary outcomes");
  });

  it("words the verdict from the numbers and gives chartable data", () => {
    expect(report.data.verdict.kind).toBe("helps");
    expect(md).toContain(report.data.verdict.headline);
    expect(report.data.verdict.headline).toMatch(/^Whispering probably helps you/);
    expect(report.data.evenings).toHaveLength(12);
    expect(report.data.evenings[4]?.outcome).toBeNull();
    expect(report.data.pairs).toHaveLength(5);
    const cond = report.data.evenings.filter((e) => e.arm === "condition" && e.outcome !== null);
    expect(cond.every((e) => e.soundscape === report.data.blinding.condition)).toBe(true);
    expect(report.secondary[0]?.result?.effect.mean).toBe(1);
  });

  it("rejects evenings outside the experiment and an invalid plan", () => {
    expect(() =>
      experimentReport(plan, [{ index: 13, outcomes: {}, expectation: null, guess: null }]),
    ).toThrow(/evening 13/);
    expect(() => experimentReport({ ...plan, pairs: 0 }, [])).toThrow(/at least 1/);
  });

  it("says can't tell yet with no data, with no effect numbers", () => {
    const r = experimentReport(plan, []);
    expect(r.data.verdict.kind).toBe("cant-tell");
    expect(r.markdown).toContain("can't tell yet");
    expect(r.markdown).not.toContain("- Mean difference (");
    expect(r.markdown).not.toContain("Randomisation test (");
  });
});
