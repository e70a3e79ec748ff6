import { describe, expect, it } from "vitest";
import { armOf, buildSchedule, eveningLabel, todayInExperiment } from "./schedule";

const plan = { pairs: 6, washoutDays: 0, startDate: "2026-12-08", seed: 12345 };

describe("schedule", () => {
  it("is reproducible from its seed", () => {
    expect(buildSchedule(plan)).toEqual(buildSchedule({ ...plan }));
    const orders = new Set<string>();
    for (let seed = 0; seed < 50; seed++) orders.add(buildSchedule({ ...plan, seed }).pairOrders.join(""));
    expect(orders.size).toBeGreaterThan(30);
  });

  it("pins the generator: seed 12345 gives the same schedule in every version", () => {
    const s = buildSchedule(plan);
    expect(s.blinding).toMatchInlineSnapshot(`
      {
        "condition": "B",
        "control": "A",
      }
    `);
    expect(s.pairOrders.join(" ")).toMatchInlineSnapshot(`"AB AB BA BA AB AB"`);
  });

  it("is balanced: every pair has one A and one B, one evening a day, numbered in order", () => {
    for (let seed = 0; seed < 200; seed++) {
      const s = buildSchedule({ ...plan, pairs: 1 + (seed % 20), seed });
      expect(s.evenings).toHaveLength(2 * (1 + (seed % 20)));
      for (const [i, e] of s.evenings.entries()) {
        expect(e.index).toBe(i + 1);
        expect(e.pair).toBe(Math.floor(i / 2) + 1);
      }
      for (let p = 0; p < s.evenings.length; p += 2) {
        const pair = [s.evenings[p]?.condition, s.evenings[p + 1]?.condition].sort();
        expect(pair).toEqual(["A", "B"]);
      }
      expect(s.blinding.condition).not.toBe(s.blinding.control);
    }
  });

  it("randomises both the pair orders and the blinding map roughly evenly", () => {
    let ab = 0;
    let aIsCondition = 0;
    const n = 2000;
    for (let seed = 0; seed < n; seed++) {
      const s = buildSchedule({ ...plan, seed: seed * 7919 + 1 });
      if (s.pairOrders[0] === "AB") ab++;
      if (s.blinding.condition === "A") aIsCondition++;
    }
    expect(ab / n).toBeGreaterThan(0.45);
    expect(ab / n).toBeLessThan(0.55);
    expect(aIsCondition / n).toBeGreaterThan(0.45);
    expect(aIsCondition / n).toBeLessThan(0.55);
  });

  it("spaces evenings by the washout days, across month ends", () => {
    const s = buildSchedule({ ...plan, pairs: 2, washoutDays: 2, startDate: "2026-12-28" });
    expect(s.evenings.map((e) => e.date)).toEqual(["2026-12-28", "2026-12-31", "2027-01-03", "2027-01-06"]);
    expect(s.endDate).toBe("2027-01-06");
  });

  it("maps soundscapes to arms with the blinding map", () => {
    expect(armOf("A", { condition: "A", control: "B" })).toBe("condition");
    expect(armOf("A", { condition: "B", control: "A" })).toBe("control");
  });

  it("rejects impossible schedules", () => {
    expect(() => buildSchedule({ ...plan, pairs: 0 })).toThrow(/pairs/);
    expect(() => buildSchedule({ ...plan, startDate: "soon" })).toThrow(/startDate/);
  });
});

describe("today in the experiment", () => {
  const s = buildSchedule({ ...plan, washoutDays: 1 }); // evenings every other day
  const dates = s.evenings.map((e) => e.date);

  it("is not started before the first evening", () => {
    const t = todayInExperiment(s, [], "2026-12-07");
    expect(t.status).toBe("not-started");
    expect(t.eveningNumber).toBe(1);
    expect(t.remaining).toBe(12);
  });

  it("gives tonight's evening, then marks it recorded", () => {
    const t = todayInExperiment(s, [], dates[0] as string);
    expect(t.status).toBe("tonight");
    expect(t.evening).toEqual(s.evenings[0]);
    const r = todayInExperiment(s, [dates[0] as string], dates[0] as string);
    expect(r.status).toBe("recorded");
    expect(r.completed).toBe(1);
  });

  it("skips missed evenings and never reassigns them", () => {
    // Evenings 1, 2 and 4 recorded; 3 missed; today is evening 5's date.
    const recorded = [dates[0], dates[1], dates[3]] as string[];
    const t = todayInExperiment(s, recorded, dates[4] as string);
    expect(t.status).toBe("tonight");
    expect(t.evening).toEqual(s.evenings[4]);
    expect(t.eveningNumber).toBe(5);
    expect(t.missed).toEqual([3]);
    expect(t.completed).toBe(3);
    expect(t.remaining).toBe(8);
  });

  it("has rest days between evenings during a washout, and says which evening is next", () => {
    const t = todayInExperiment(s, [dates[0] as string], "2026-12-09");
    expect(t.status).toBe("rest-day");
    expect(t.evening).toBeNull();
    expect(t.eveningNumber).toBe(2);
  });

  it("finishes after the last evening, ignoring recordings outside the schedule", () => {
    const t = todayInExperiment(s, [...dates.slice(0, 11), "2026-12-09"], "2027-02-01");
    expect(t.status).toBe("finished");
    expect(t.eveningNumber).toBeNull();
    expect(t.completed).toBe(11);
    expect(t.missed).toEqual([12]);
    expect(t.remaining).toBe(0);
  });

  it("words Today's line without revealing an arm", () => {
    expect(eveningLabel(todayInExperiment(s, [], dates[4] as string))).toBe("Experiment: evening 5 of 12");
    expect(eveningLabel(todayInExperiment(s, [], "2026-12-07"))).toBe(
      "Experiment: starts soon (evening 1 of 12)",
    );
    expect(eveningLabel(todayInExperiment(s, [dates[0] as string], "2026-12-09"))).toBe(
      "Experiment: a rest day; evening 2 of 12 is next",
    );
    expect(eveningLabel(todayInExperiment(s, [dates[0] as string], dates[0] as string))).toBe(
      "Experiment: evening 1 of 12 is recorded",
    );
    expect(eveningLabel(todayInExperiment(s, dates, "2027-03-01"))).toBe(
      "Experiment: finished (12 of 12 evenings recorded)",
    );
  });

  it("rejects a malformed date", () => {
    expect(() => todayInExperiment(s, [], "tomorrow")).toThrow(/today/);
  });
});
