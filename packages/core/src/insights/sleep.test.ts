import { describe, expect, it } from "vitest";
import { welchInterval } from "../stats/intervals";
import { session } from "./fixtures.test-helpers";
import { nightOfSession, sleepInsights } from "./sleep";
import { resolveOptions, type SleepObservation } from "./types";

const options = resolveOptions();
const d = (day: number) => `2025-04-${String(day).padStart(2, "0")}`;

const sessions = [
  ...[1, 2, 3, 4, 5].map((day) => session(`rain${day}`, d(day), 21, 50, 40, ["rain"])),
  session("fire6", d(6), 22, 50, 45, ["fire"]),
  session("fire7", d(7), 23.5, 50, 45, ["fire"]),
  session("fire8", d(9), 1.5, 50, 45, ["fire"]), // after midnight → the night of the 8th
  session("fire9", d(9), 20, 50, 45, ["fire"]),
  session("morning10", d(10), 10, 50, 45, ["rain"]), // not an evening session
  session("late11", d(11), 17, 50, 45, ["fire"]), // not evening by the clock, but the diary links it
];

const SOL: Record<number, number> = {
  1: 10,
  2: 12,
  3: 8,
  4: 11,
  5: 9,
  6: 20,
  7: 25,
  8: 18,
  9: 22,
  11: 19,
  10: 30,
  12: 28,
  13: 35,
};
const nights: SleepObservation[] = Object.entries(SOL).map(([day, sol]) => ({
  date: d(Number(day)),
  solMinutes: sol,
  sleepEfficiency: 90 - sol / 2,
  quality: Number(day) === 13 ? null : sol < 15 ? 4 : 3,
  precededBySessionId: Number(day) === 11 ? "late11" : null,
}));

describe("evening sessions and nights", () => {
  it("assigns sessions to the night of their evening", () => {
    expect(nightOfSession(session("a", d(9), 1.5, 1, 1), options)).toBe(d(8));
    expect(nightOfSession(session("b", d(9), 18, 1, 1), options)).toBe(d(9));
    expect(nightOfSession(session("c", d(9), 3, 1, 1), options)).toBeNull();
    expect(nightOfSession(session("e", "2025-03-01", 0.5, 1, 1), options)).toBe("2025-02-28");
  });

  const result = sleepInsights(sessions, nights, options);

  it("splits nights after an evening (or linked) session from the others", () => {
    expect(result.nights).toBe(13);
    expect(result.nightsAfterSession).toBe(10);
    expect(result.nightsWithout).toBe(3);
    const sol = result.afterSession.solMinutes;
    expect(sol.with.n).toBe(10);
    expect(sol.with.mean).toBeCloseTo(15.4, 12);
    expect(sol.without.mean).toBeCloseTo(31, 12);
    const ref = welchInterval([10, 12, 8, 11, 9, 20, 25, 18, 22, 19], [30, 28, 35]);
    expect(sol.difference?.lower).toBeCloseTo(ref?.lower ?? Number.NaN, 12);
    expect(sol.difference?.upper).toBeCloseTo(ref?.upper ?? Number.NaN, 12);
  });

  it("skips unanswered items and needs three nights per side", () => {
    const q = result.afterSession.quality;
    expect(q.without.n).toBe(2);
    expect(q.difference).toBeNull();
    expect(q.status).toBe("not-enough-data");
    expect(q.moreNightsNeeded).toBeGreaterThan(0);
  });

  it("compares each evening trigger with nights after other evening sessions", () => {
    const rain = result.triggers.find((t) => t.trigger === "rain");
    expect(rain?.nights).toBe(5); // the morning rain session does not count
    const diff = rain?.measures.solMinutes.difference;
    expect(diff?.difference).toBeCloseTo(10 - 20.8, 12);
    const ref = welchInterval([10, 12, 8, 11, 9], [20, 25, 18, 22, 19]);
    expect(diff?.lower).toBeCloseTo(ref?.lower ?? Number.NaN, 10);
    expect(diff?.upper).toBeCloseTo(ref?.upper ?? Number.NaN, 10);
    expect(rain?.status).toBe("estimate");
    expect(result.rankings.solMinutes).toEqual(["rain", "fire"]);
    expect(result.rankings.sleepEfficiency).toEqual(["rain", "fire"]);
  });

  it("does not rank triggers with too few nights", () => {
    const few = sleepInsights(sessions.slice(0, 7), nights, options);
    const fire = few.triggers.find((t) => t.trigger === "fire");
    expect(fire?.nights).toBe(2);
    expect(fire?.status).toBe("not-enough-data");
    expect(few.rankings.solMinutes).not.toContain("fire");
  });

  it("says no variation (and ranks nothing) when both sides are constant", () => {
    // Nights after rain evenings: 10 minutes each; after fire evenings: 20 each; no session: 30 each.
    const evenings = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((day) =>
      session(`e${day}`, d(day), 21, 50, 40, [day <= 5 ? "rain" : "fire"]),
    );
    const flatNights: SleepObservation[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((day) => ({
      date: d(day),
      solMinutes: day <= 5 ? 10 : day <= 10 ? 20 : 30,
    }));
    const flat = sleepInsights(evenings, flatNights, options);
    const rain = flat.triggers.find((t) => t.trigger === "rain");
    expect(rain?.measures.solMinutes.status).toBe("no-variation");
    expect(rain?.measures.solMinutes.difference).toBeNull();
    expect(rain?.measures.solMinutes.with.interval).toBeNull();
    expect(flat.rankings.solMinutes).toEqual([]);
    // After vs without: one side varies (10s and 20s), so that comparison is an ordinary estimate.
    expect(flat.afterSession.solMinutes.status).toBe("estimate");
  });
});
