import { describe, expect, it } from "vitest";
import { calendarDays, consistency, onThisDay, sessionsPerWeek, showingUp } from "./consistency";
import { addDays, dateFromDayNumber, dayNumber, isoWeek } from "./dates";
import { session } from "./fixtures.test-helpers";
import { checkupSeries, weeklyTrends } from "./trends";

describe("dates", () => {
  it("computes ISO weeks, including year boundaries", () => {
    expect(isoWeek("2024-12-30")).toMatchObject({ week: "2025-W01", weekStart: "2024-12-30" });
    expect(isoWeek("2024-12-29")).toMatchObject({ week: "2024-W52", weekStart: "2024-12-23" });
    expect(isoWeek("2021-01-03")).toMatchObject({ week: "2020-W53", weekStart: "2020-12-28" });
    expect(isoWeek("2026-01-01").week).toBe("2026-W01");
    expect(isoWeek("2015-12-31").week).toBe("2015-W53");
  });

  it("round-trips day numbers and adds days across months and leap years", () => {
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01") - dayNumber("2000-02-28")).toBe(2);
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    for (let day = -800; day < 30_000; day += 37) expect(dayNumber(dateFromDayNumber(day))).toBe(day);
    expect(dayNumber("2025-13-01")).toBeNaN();
  });
});

describe("weekly trends", () => {
  const sessions = [
    session("a", "2025-03-03", 9, 40, 30), // Monday, week 10
    session("b", "2025-03-09", 21, 60, 50), // Sunday, same week
    session("c", "2025-03-10", 21, 70, null), // next week; no check-out
  ];

  it("averages check-in anxiety per ISO week with a t interval", () => {
    const weeks = weeklyTrends(sessions, 0.95);
    expect(weeks.map((w) => w.week)).toEqual(["2025-W10", "2025-W11"]);
    const w10 = weeks[0];
    expect(w10?.sessions).toBe(2);
    expect(w10?.anxietyBefore?.mean).toBe(50);
    // sd = √200, se = 10, t(0.975, 1) = tan(0.475π) = 12.706204736174705
    expect(w10?.anxietyBefore?.lower).toBeCloseTo(50 - 127.06204736174705, 9);
    expect(w10?.anxietyBefore?.upper).toBeCloseTo(50 + 127.06204736174705, 9);
    expect(w10?.tingles).toMatchObject({ n: 2, mean: 3 });
    expect(weeks[1]?.anxietyBefore).toEqual({ n: 1, mean: 70, lower: null, upper: null });
    expect(weeks[1]?.tingles).toBeNull();
  });

  it("gives no interval for a week whose values are all the same (no spread is not certainty)", () => {
    const same = [session("d", "2025-03-17", 9, 40, 30), session("e", "2025-03-18", 9, 40, 30)];
    const [week] = weeklyTrends(same, 0.95);
    expect(week?.anxietyBefore).toEqual({ n: 2, mean: 40, lower: null, upper: null });
    expect(week?.tingles).toMatchObject({ n: 2, lower: null, upper: null });
  });

  it("after a write recomputes only the weeks it changed (the others are the same frozen points)", () => {
    const history = [
      session("h1", "2025-04-07", 9, 40, 30),
      session("h2", "2025-04-09", 21, 55, 40),
      session("h3", "2025-04-15", 9, 35, 20),
      session("h4", "2025-04-16", 21, 50, 45),
    ];
    const before = weeklyTrends(history, 0.95);
    const after = weeklyTrends([...history, session("h5", "2025-04-17", 21, 65, 50)], 0.95);
    expect(after[0]).toBe(before[0]);
    expect(Object.isFrozen(after[0])).toBe(true);
    expect(Object.isFrozen(after[0]?.anxietyBefore)).toBe(true);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]).toMatchObject({ sessions: 3, anxietyBefore: { n: 3, mean: 50 } });
    // The same values in another order (the mean's rounding can depend on it), or at another
    // level, are computed again.
    const reordered = weeklyTrends(
      [history[1], history[0], history[2], history[3]].filter((s) => !!s),
      0.95,
    );
    expect(reordered[0]).not.toBe(before[0]);
    expect(reordered[0]).toEqual(before[0]);
    expect(weeklyTrends(history, 0.9)[0]).not.toBe(before[0]);
  });

  it("lists check-up totals per instrument in date order", () => {
    const series = checkupSeries([
      { instrumentId: "phq8", date: "2025-02-01", total: 9 },
      { instrumentId: "gad7", date: "2025-02-15", total: 6 },
      { instrumentId: "gad7", date: "2025-02-01", total: 8 },
    ]);
    expect(series).toEqual([
      {
        instrumentId: "gad7",
        points: [
          { date: "2025-02-01", total: 8 },
          { date: "2025-02-15", total: 6 },
        ],
      },
      { instrumentId: "phq8", points: [{ date: "2025-02-01", total: 9 }] },
    ]);
  });
});

describe("consistency", () => {
  const sessions = [
    session("a", "2025-03-03", 9, 40, 30),
    session("b", "2025-03-03", 21, 60, 40),
    session("c", "2025-03-20", 21, 70, null),
  ];

  it("counts sessions per week, keeping empty weeks", () => {
    expect(sessionsPerWeek(sessions)).toEqual([
      { week: "2025-W10", weekStart: "2025-03-03", sessions: 2 },
      { week: "2025-W11", weekStart: "2025-03-10", sessions: 0 },
      { week: "2025-W12", weekStart: "2025-03-17", sessions: 1 },
    ]);
    expect(sessionsPerWeek(sessions, "2025-03-25")).toHaveLength(4);
    expect(sessionsPerWeek([])).toEqual([]);
  });

  it("returns calendar data, not colours", () => {
    const { calendar } = consistency(sessions);
    expect(calendar).toEqual({
      dates: ["2025-03-03", "2025-03-20"],
      sessions: [2, 1],
      checkInPleasantness: [4, 4],
      checkInAnxiety: [50, 70],
      anxietyChange: [-15, null],
      completeSessions: [2, 0],
    });
    expect(calendarDays(calendar, "checkInPleasantness")).toEqual([
      { date: "2025-03-03", value: 4, n: 2 },
      { date: "2025-03-20", value: 4, n: 1 },
    ]);
    expect(calendarDays(calendar, "checkInAnxiety")[0]).toEqual({ date: "2025-03-03", value: 50, n: 2 });
    expect(calendarDays(calendar, "anxietyChange")).toEqual([{ date: "2025-03-03", value: -15, n: 2 }]);
  });

  it("counts days you showed up, without streaks", () => {
    expect(showingUp(sessions, "2025-03-21")).toEqual({
      daysThisMonth: 2,
      daysThisWeek: 1,
      sessionsThisWeek: 1,
      totalDays: 2,
    });
    const result = consistency(sessions, "2025-03-21");
    expect(JSON.stringify(result).toLowerCase()).not.toContain("streak");
  });

  it("finds entries from this day in earlier years", () => {
    const items = [
      { id: "1", localDate: "2023-03-21" },
      { id: "2", localDate: "2024-03-21" },
      { id: "3", localDate: "2025-03-21" },
      { id: "4", localDate: "2024-03-22" },
    ];
    expect(onThisDay(items, "2025-03-21").map((i) => i.id)).toEqual(["2", "1"]);
  });
});
