import { describe, expect, it } from "vitest";
import { analyseExperiment, type ExperimentAnalysis } from "./analysis/analyse";
import type { AnalysisInput, EveningRecord } from "./analysis/types";
import { EXPERIMENT_CASES } from "./fixtures.generated";
import { type ArmLabels, armLabels } from "./labels";
import { experimentVerdict } from "./verdict";

const sham: ArmLabels = { kind: "trigger-vs-sham", condition: "Whispering", control: "the sham" };

/** An anxiety experiment whose pair differences (condition − control) are `diffs`. */
function withDifferences(
  diffs: readonly number[],
  extra: Partial<AnalysisInput> = {},
  guess: EveningRecord["guess"] = null,
): ExperimentAnalysis {
  const evenings: EveningRecord[] = [];
  diffs.forEach((d, i) => {
    const p = i + 1;
    evenings.push({
      index: 2 * p - 1,
      pair: p,
      date: "2026-12-01",
      soundscape: "A",
      outcome: -10 + d,
      expectation: 5,
      guess,
    });
    evenings.push({
      index: 2 * p,
      pair: p,
      date: "2026-12-02",
      soundscape: "B",
      outcome: -10,
      expectation: 5,
      guess,
    });
  });
  return analyseExperiment({
    outcome: "anxiety-change",
    minimalImportantDifference: 10,
    plannedPairs: diffs.length,
    blinding: { condition: "A", control: "B" },
    evenings,
    ...extra,
  });
}

const BANNED = /\b(treat|treats|treatment|cure|cures|cured|therapy|diagnos\w*|proves?|guaranteed?)\b/i;

describe("verdict", () => {
  it("says it probably helps a little when the interval is clear of zero but the estimate is below the MID", () => {
    const v = experimentVerdict(withDifferences([-6, -9, -8, -10, -7, -8]), sham);
    expect(v.kind).toBe("helps");
    expect(v.headline).toMatch(
      /^Whispering probably helps you a little: anxiety fell 8 points more than with the sham \(95% interval \d+ to \d+\)\.$/,
    );
  });

  it("drops 'a little' when the estimate reaches the MID", () => {
    const v = experimentVerdict(withDifferences([-14, -16, -15, -13, -17, -15]), sham);
    expect(v.kind).toBe("helps");
    expect(v.headline).toMatch(/^Whispering probably helps you: anxiety fell 15 points more/);
  });

  it("says no better than the sham when the interval includes zero and stays below the MID", () => {
    const v = experimentVerdict(withDifferences([-2, -1, 0, -3, 1, -2, -1, 0]), sham);
    expect(v.kind).toBe("no-better");
    expect(v.headline).toMatch(
      /^No better than the sham: anxiety fell 1 point more than with the sham \(95% interval 0 to 2\), short of the 10 points you said would matter\.$/,
    );
  });

  it("says can't tell yet when the interval allows both nothing and a difference that matters", () => {
    const v = experimentVerdict(withDifferences([-20, 5, -15, 8]), sham);
    expect(v.kind).toBe("cant-tell");
    expect(v.headline).toMatch(
      /^Can't tell yet: anxiety fell 6 points more than with the sham \(95% interval -\d+ to \d+\)/,
    );
  });

  it("does not claim help from 4 pairs, however clear: the randomisation test cannot go below 1/16", () => {
    const v = experimentVerdict(withDifferences([-8, -9, -8, -10]), sham);
    expect(v.kind).toBe("cant-tell");
    expect(v.headline).toMatch(
      /^Can't tell yet: anxiety fell 9 points more than with the sham \(95% interval \d+ to \d+\), but with 4 pairs the randomisation test cannot rule out chance \(p = 0.06\)/,
    );
  });

  it("says it seems to work against you when the interval is on the wrong side", () => {
    const v = experimentVerdict(withDifferences([6, 9, 8, 10, 7, 8]), sham);
    expect(v.kind).toBe("worse");
    expect(v.headline).toMatch(
      /^Whispering seems to work against you: anxiety rose 8 points more than with the sham/,
    );
  });

  it("gives no effect numbers with fewer than 2 complete pairs", () => {
    const v = experimentVerdict(withDifferences([-12]), sham);
    expect(v.kind).toBe("cant-tell");
    expect(v.text).toMatch(/^Can't tell yet: only 1 pair/);
    expect(v.text).not.toMatch(/interval|Chance/);
  });

  it("reports guesses, weak blinding and early stop / unblinding", () => {
    const v = experimentVerdict(
      withDifferences(
        [-6, -9, -8, -10, -7, -8],
        { deviations: { stoppedEarlyOn: "2026-12-09", unblindedEarlyOn: "2026-12-09" } },
        "A-is-trigger",
      ),
      sham,
    );
    expect(v.text).toContain("You guessed the condition right 12 of 12 times.");
    expect(v.text).toContain("You could often tell which soundscape was which");
    expect(v.text).toContain("The experiment stopped early, after 12 of 12 evenings.");
    expect(v.text).toContain("You unblinded before the end");
  });

  it("words each outcome's difference naturally", () => {
    const sleep = experimentVerdict(
      analyseExperiment({
        outcome: "sleep-onset-latency",
        minimalImportantDifference: 10,
        plannedPairs: 6,
        blinding: { condition: "A", control: "B" },
        evenings: [-15, -20, -12, -18, -16, -14].flatMap((d, i) => [
          {
            index: 2 * i + 1,
            pair: i + 1,
            date: "2026-12-01",
            soundscape: "A" as const,
            outcome: 30 + d,
            expectation: null,
            guess: null,
          },
          {
            index: 2 * i + 2,
            pair: i + 1,
            date: "2026-12-02",
            soundscape: "B" as const,
            outcome: 30,
            expectation: null,
            guess: null,
          },
        ]),
      }),
      sham,
    );
    expect(sleep.headline).toMatch(
      /^Whispering probably helps you: you fell asleep 16 minutes sooner than with the sham \(95% interval 13 to 19\)\.$/,
    );
  });

  it("never over-claims: no treatment, cure or proof words in any verdict", () => {
    const all = [
      ...EXPERIMENT_CASES.map((c) =>
        analyseExperiment({
          outcome: c.input.outcome,
          minimalImportantDifference: c.input.mid,
          plannedPairs: c.input.plannedPairs,
          blinding: c.input.blinding,
          evenings: c.input.evenings,
          deviations: c.input.deviations,
        }),
      ),
      withDifferences([-30, -28, -35]),
      withDifferences([40, 42, 39]),
    ];
    for (const a of all) {
      const v = experimentVerdict(a, sham);
      expect(v.text).not.toMatch(BANNED);
      expect(v.text).toMatch(/probably|seems|Can't tell|No better/);
    }
  });

  it("names the arms from the plan, with defaults per comparison", () => {
    expect(armLabels({ comparison: { kind: "trigger-vs-sham", sceneId: "s", layerId: "w" } })).toEqual(
      sham.kind === "trigger-vs-sham"
        ? { kind: "trigger-vs-sham", condition: "The trigger", control: "the sham" }
        : {},
    );
    expect(
      armLabels({
        comparison: { kind: "scene-vs-scene", a: { sceneId: "r" }, b: { sceneId: "f" } },
        conditionName: "rain",
        controlName: "the fire",
      }),
    ).toEqual({ kind: "scene-vs-scene", condition: "Rain", control: "the fire" });
  });
});
