import { describe, expect, it } from "vitest";
import { checkSleepDiary, SleepDiaryInputSchema, sleepDiaryIssues } from "./check";
import { SLEEP_DEFINITIONS, SLEEP_TIME_RULES } from "./definitions";
import { SLEEP_DIARY_QUESTIONS, type SleepDiaryInput } from "./diary";

const night: SleepDiaryInput = {
  nightOf: "2025-01-14",
  timeZone: "Europe/London",
  intoBed: "23:00",
  triedToSleep: "23:10",
  minutesToFallAsleep: 20,
  awakenings: 1,
  minutesAwake: 15,
  finalAwakening: "07:00",
  outOfBed: "07:20",
  quality: 3,
  rested: 3,
  listened: true,
  listenedMinutes: 25,
};

function issuesOf(changes: Partial<SleepDiaryInput>) {
  return sleepDiaryIssues({ ...night, ...changes });
}

describe("plausible diaries", () => {
  it("accepts an ordinary night and returns the derived measures", () => {
    const check = checkSleepDiary(night);
    expect(check.ok).toBe(true);
    if (check.ok) expect(check.derived.totalSleepMinutes).toBe(470 - 20 - 15);
  });

  it("accepts zero minutes to fall asleep and no awakenings", () => {
    expect(issuesOf({ minutesToFallAsleep: 0, awakenings: 0, minutesAwake: 0 })).toEqual([]);
  });
});

describe("each plausibility message", () => {
  it("tried to sleep before getting into bed", () => {
    const [issue, ...rest] = issuesOf({ triedToSleep: "22:00" });
    expect(rest).toEqual([]);
    expect(issue?.code).toBe("tried-before-into-bed");
    expect(issue?.field).toBe("triedToSleep");
    expect(issue?.message).toBe(
      "You tried to sleep at 22:00, which comes before getting into bed at 23:00. Please check both times.",
    );
  });

  it("final awakening before trying to sleep", () => {
    const [issue] = issuesOf({ intoBed: "22:00", triedToSleep: "23:30", finalAwakening: "23:00" });
    expect(issue?.code).toBe("final-awakening-before-trying");
    expect(issue?.message).toBe(
      "Your final awakening at 23:00 comes before you tried to sleep at 23:30. Please check both times.",
    );
  });

  it("out of bed before into bed, even after midnight", () => {
    const issues = issuesOf({ intoBed: "23:30", triedToSleep: "23:30", outOfBed: "23:00" });
    expect(issues.map((i) => i.code)).toEqual(["out-of-bed-before-into-bed"]);
    expect(issues[0]?.field).toBe("outOfBed");
    expect(issues[0]?.message).toBe(
      "Getting out of bed at 23:00 comes before getting into bed at 23:30, even counting it as the next day (that would be 23 h 30 min in bed). Please check both times.",
    );
  });

  it("out of bed at the very moment of getting into bed", () => {
    expect(issuesOf({ outOfBed: "23:00" })[0]?.code).toBe("out-of-bed-before-into-bed");
  });

  it("more than 20 hours in bed", () => {
    const [issue] = issuesOf({
      intoBed: "00:30",
      triedToSleep: "00:45",
      finalAwakening: "08:00",
      outOfBed: "21:00",
    });
    expect(issue?.code).toBe("time-in-bed-too-long");
    expect(issue?.message).toBe(
      "From 00:30 to 21:00 is 20 h 30 min in bed, more than 20 hours. Please check the times (morning or evening?).",
    );
  });

  it("out of bed before the final awakening", () => {
    const [issue] = issuesOf({ finalAwakening: "07:30", outOfBed: "07:00" });
    expect(issue?.code).toBe("out-of-bed-before-final-awakening");
    expect(issue?.message).toBe(
      "Getting out of bed at 07:00 comes before your final awakening at 07:30. Please check both times.",
    );
  });

  it("taking longer to fall asleep than the whole night", () => {
    const [issue] = issuesOf({ triedToSleep: "23:00", finalAwakening: "01:00", minutesToFallAsleep: 180 });
    expect(issue?.code).toBe("fall-asleep-too-long");
    expect(issue?.field).toBe("minutesToFallAsleep");
    expect(issue?.message).toBe(
      "Taking 3 h to fall asleep is longer than the 2 h between trying to sleep (23:00) and your final awakening (01:00).",
    );
  });

  it("SOL + WASO longer than the time between trying and final awakening", () => {
    const [issue] = issuesOf({
      triedToSleep: "23:00",
      finalAwakening: "01:00",
      minutesToFallAsleep: 60,
      awakenings: 2,
      minutesAwake: 90,
    });
    expect(issue?.code).toBe("awake-too-long");
    expect(issue?.field).toBe("minutesAwake");
    expect(issue?.message).toBe(
      "Time to fall asleep (1 h) plus time awake in the night (1 h 30 min) is longer than the 2 h between trying to sleep and your final awakening.",
    );
  });

  it("time awake without any awakenings", () => {
    const [issue] = issuesOf({ awakenings: 0, minutesAwake: 20 });
    expect(issue?.code).toBe("awake-without-awakenings");
    expect(issue?.message).toBe(
      "You said you didn't wake up in the night, but also that awakenings lasted 20 min. Please check one of them.",
    );
  });

  it("listening minutes without listening", () => {
    const [issue] = issuesOf({ listened: false, listenedMinutes: 30 });
    expect(issue?.code).toBe("listened-minutes-without-listening");
    expect(issue?.field).toBe("listenedMinutes");
    expect(issuesOf({ listened: false, listenedMinutes: 0 })).toEqual([]);
    expect(issuesOf({ listened: null, listenedMinutes: null })).toEqual([]);
  });
});

describe("field validation", () => {
  it.each([
    [{ minutesToFallAsleep: -5 }, "minutesToFallAsleep", "Time to fall asleep can't be negative"],
    [{ minutesAwake: 12.5 }, "minutesAwake", "Time awake during the night should be whole minutes"],
    [{ awakenings: -1 }, "awakenings", "Number of awakenings can't be negative"],
    [{ intoBed: "25:00" }, "intoBed", "Time into bed should be a 24-hour time like 23:30 or 07:05"],
    [{ outOfBed: "7:10" }, "outOfBed", "Time out of bed should be a 24-hour time like 23:30 or 07:05"],
    [{ quality: 6 }, "quality", "Sleep quality should be a rating from 1 to 5"],
    [{ rested: 0 }, "rested", "How rested you felt should be a rating from 1 to 5"],
    [{ nightOf: "2025-02-30" }, "nightOf", "The night's date should be a date like 2025-03-30"],
    [{ timeZone: "Mars/Base" }, "timeZone", "Unknown time zone"],
    [{ listenedMinutes: 2000 }, "listenedMinutes", "Listening time can't be more than 24 hours"],
  ])("%o → %s", (change, field, message) => {
    const check = checkSleepDiary({ ...night, ...change });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues).toEqual([{ field, message, code: "invalid-field" }]);
  });

  it("never throws on garbage", () => {
    expect(checkSleepDiary(null).ok).toBe(false);
    expect(checkSleepDiary("07:00").ok).toBe(false);
  });

  it("the API schema names the field of a plausibility problem", () => {
    const parsed = SleepDiaryInputSchema.safeParse({ ...night, finalAwakening: "07:30", outOfBed: "07:00" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["outOfBed"]);
    expect(SleepDiaryInputSchema.safeParse(night).success).toBe(true);
  });

  it("the API schema reports a malformed time on its field instead of throwing", () => {
    for (const change of [{ intoBed: "25:00" }, { outOfBed: "7:10" }, { timeZone: "Mars/Base" }]) {
      const parsed = SleepDiaryInputSchema.safeParse({ ...night, ...change });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => i.path)).toEqual([Object.keys(change)]);
    }
  });
});

describe("definitions for the help page", () => {
  it("defines every derived measure and the placement rule", () => {
    expect(SLEEP_DEFINITIONS.map((d) => d.abbreviation).filter(Boolean)).toEqual([
      "TIB",
      "SOL",
      "WASO",
      "TST",
      "SE",
    ]);
    expect(SLEEP_DEFINITIONS.find((d) => d.id === "tst")?.formula).toBe(
      "(final awakening − tried to sleep) − SOL − WASO",
    );
    expect(SLEEP_TIME_RULES).toContain("noon");
    expect(SLEEP_DIARY_QUESTIONS.awakenings).toBe(
      "How many times did you wake up, not counting your final awakening?",
    );
  });
});
