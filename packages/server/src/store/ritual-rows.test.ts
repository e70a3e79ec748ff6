import { deriveSleep } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { jsonNumberAt } from "./ritual-rows";

describe("jsonNumberAt", () => {
  it("reads top-level numbers out of JSON.stringify text", () => {
    const text = JSON.stringify({
      a: 1,
      pleasantness: 7,
      energy: -2.5e-3,
      note: 'say "anxiety":99',
      anxiety: 40,
    });
    expect(jsonNumberAt(text, "pleasantness")).toBe(7);
    expect(jsonNumberAt(text, "energy")).toBe(-0.0025);
    expect(jsonNumberAt(text, "anxiety")).toBe(40); // the quoted one inside the note is escaped
    expect(jsonNumberAt(text, "tingles")).toBeNull();
    expect(jsonNumberAt(JSON.stringify({ tingles: null }), "tingles")).toBeNull();
    expect(jsonNumberAt(JSON.stringify({ tingles: "3" }), "tingles")).toBeNull();
    expect(jsonNumberAt(JSON.stringify({ sleepQuality: 2, quality: 4 }), "quality")).toBe(4);
  });

  it("parses text laid out differently", () => {
    expect(jsonNumberAt('{ "quality" : 3 }', "quality")).toBe(3);
    expect(jsonNumberAt('{"x": {"y": 1}, "quality": 5}', "quality")).toBe(5);
  });

  it("agrees with JSON.parse on a stored sleep diary", () => {
    const fields = {
      nightOf: "2025-03-29",
      timeZone: "Europe/London",
      intoBed: "23:10",
      triedToSleep: "23:30",
      minutesToFallAsleep: 17,
      awakenings: 1,
      minutesAwake: 12,
      finalAwakening: "06:50",
      outOfBed: "07:15",
      quality: 2,
      rested: 3,
      comments: 'slept "quality":5 badly',
    };
    const derived = JSON.stringify(deriveSleep(fields));
    const parsed = JSON.parse(derived);
    expect(jsonNumberAt(derived, "sleepOnsetLatencyMinutes")).toBe(parsed.sleepOnsetLatencyMinutes);
    expect(jsonNumberAt(derived, "sleepEfficiency")).toBe(parsed.sleepEfficiency);
    expect(jsonNumberAt(JSON.stringify(fields), "quality")).toBe(2);
  });
});
