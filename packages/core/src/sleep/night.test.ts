import { describe, expect, it } from "vitest";
import type { SleepDiaryInput } from "./diary";
import { deriveSleep, formatDurationMinutes, placeNight } from "./night";

const base: SleepDiaryInput = {
  nightOf: "2025-01-14",
  timeZone: "Europe/London",
  intoBed: "22:45",
  triedToSleep: "23:15",
  minutesToFallAsleep: 20,
  awakenings: 2,
  minutesAwake: 30,
  finalAwakening: "06:50",
  outOfBed: "07:10",
  quality: 4,
  rested: 3,
};

describe("placing clock times on dates", () => {
  it("an evening bedtime is on the night's date; morning times on the next day", () => {
    const t = placeNight(base);
    expect(t.intoBed.date).toBe("2025-01-14");
    expect(t.triedToSleep.date).toBe("2025-01-14");
    expect(t.finalAwakening.date).toBe("2025-01-15");
    expect(t.outOfBed.date).toBe("2025-01-15");
    expect(t.outOfBed.at).toBe("2025-01-15T07:10:00.000Z");
  });

  it("a bedtime after midnight is on the next day", () => {
    const t = placeNight({
      ...base,
      intoBed: "00:30",
      triedToSleep: "00:40",
      finalAwakening: "08:00",
      outOfBed: "08:15",
    });
    expect(t.intoBed.date).toBe("2025-01-15");
    expect(t.triedToSleep.date).toBe("2025-01-15");
    expect(t.outOfBed.date).toBe("2025-01-15");
  });

  it("trying to sleep after midnight, having gone to bed before it", () => {
    const t = placeNight({ ...base, intoBed: "23:30", triedToSleep: "00:15" });
    expect(t.triedToSleep.date).toBe("2025-01-15");
  });
});

describe("derived measures", () => {
  it("an ordinary night without naps, crossing midnight", () => {
    const d = deriveSleep(base);
    expect(d.timeInBedMinutes).toBe(505); // 22:45 → 07:10
    expect(d.bedToTryMinutes).toBe(30);
    expect(d.sleepOnsetLatencyMinutes).toBe(20);
    expect(d.wakeAfterSleepOnsetMinutes).toBe(30);
    expect(d.sleepWindowMinutes).toBe(455); // 23:15 → 06:50
    expect(d.totalSleepMinutes).toBe(405); // 455 − 20 − 30
    expect(d.sleepEfficiency).toBe(80.2); // 405 / 505
    expect(d.inBedAfterWakingMinutes).toBe(20);
    expect(d.clockChangeMinutes).toBe(0);
    expect(d.adjustedTimes).toEqual([]);
  });

  it("bed 23:30, awake 07:10", () => {
    const d = deriveSleep({
      ...base,
      intoBed: "23:30",
      triedToSleep: "23:30",
      minutesToFallAsleep: 10,
      awakenings: 0,
      minutesAwake: 0,
      finalAwakening: "07:10",
      outOfBed: "07:10",
    });
    expect(d.timeInBedMinutes).toBe(460);
    expect(d.totalSleepMinutes).toBe(450);
    expect(d.sleepEfficiency).toBe(97.8);
  });

  const dstNight = {
    ...base,
    intoBed: "23:00",
    triedToSleep: "23:00",
    minutesToFallAsleep: 15,
    awakenings: 0,
    minutesAwake: 0,
    finalAwakening: "07:00",
    outOfBed: "07:00",
  };

  it("Europe/London, clocks forward (30 March 2025): the night is an hour shorter", () => {
    const d = deriveSleep({ ...dstNight, nightOf: "2025-03-29" });
    expect(d.timeInBedMinutes).toBe(7 * 60);
    expect(d.totalSleepMinutes).toBe(7 * 60 - 15);
    expect(d.clockChangeMinutes).toBe(60);
    expect(d.timeline.outOfBed.at).toBe("2025-03-30T06:00:00.000Z");
  });

  it("Europe/London, clocks back (26 October 2025): the night is an hour longer", () => {
    const d = deriveSleep({ ...dstNight, nightOf: "2025-10-25" });
    expect(d.timeInBedMinutes).toBe(9 * 60);
    expect(d.clockChangeMinutes).toBe(-60);
  });

  it("America/New_York, clocks forward (9 March 2025)", () => {
    const d = deriveSleep({
      ...dstNight,
      timeZone: "America/New_York",
      nightOf: "2025-03-08",
      intoBed: "22:30",
      triedToSleep: "22:30",
      finalAwakening: "06:30",
      outOfBed: "06:45",
    });
    expect(d.timeline.intoBed.at).toBe("2025-03-09T03:30:00.000Z");
    expect(d.timeline.outOfBed.at).toBe("2025-03-09T10:45:00.000Z");
    expect(d.timeInBedMinutes).toBe(435);
    expect(d.sleepWindowMinutes).toBe(420);
    expect(d.clockChangeMinutes).toBe(60);
  });

  it("America/New_York, clocks back (2 November 2025)", () => {
    const d = deriveSleep({ ...dstNight, timeZone: "America/New_York", nightOf: "2025-11-01" });
    expect(d.timeInBedMinutes).toBe(9 * 60);
    expect(d.clockChangeMinutes).toBe(-60);
  });

  it("a bedtime inside the skipped hour is read as just after it, and flagged", () => {
    const d = deriveSleep({
      ...dstNight,
      nightOf: "2025-03-29",
      intoBed: "01:30",
      triedToSleep: "02:45",
      outOfBed: "09:00",
    });
    expect(d.timeline.intoBed.date).toBe("2025-03-30");
    expect(d.timeline.intoBed.status).toBe("skipped");
    expect(d.timeInBedMinutes).toBe(390); // 02:30 BST → 09:00 BST
    expect(d.adjustedTimes).toEqual(["intoBed"]);
  });

  it("a bedtime inside the repeated hour is read as the first one", () => {
    const d = deriveSleep({
      ...dstNight,
      nightOf: "2025-10-25",
      intoBed: "01:30",
      triedToSleep: "01:30",
      outOfBed: "08:00",
    });
    expect(d.timeline.intoBed.status).toBe("repeated");
    expect(d.timeInBedMinutes).toBe(450); // 01:30 BST → 08:00 GMT
  });
});

describe("formatDurationMinutes", () => {
  it("formats hours and minutes", () => {
    expect(formatDurationMinutes(45)).toBe("45 min");
    expect(formatDurationMinutes(540)).toBe("9 h");
    expect(formatDurationMinutes(460)).toBe("7 h 40 min");
    expect(formatDurationMinutes(-30)).toBe("−30 min");
  });
});
