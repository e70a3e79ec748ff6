import { describe, expect, it } from "vitest";
import { CheckInSchema, CheckOutSchema, tingleWord } from "./measures";

const checkIn = { pleasantness: 4, energy: 6, anxiety: 55 };
const checkOut = { ...checkIn, tingles: 3, tingleLocations: ["scalp", "neck"], relaxation: 6 };

describe("check-in", () => {
  it("accepts the ranges' ends and an optional stress rating", () => {
    expect(CheckInSchema.safeParse({ pleasantness: 1, energy: 9, anxiety: 0 }).success).toBe(true);
    expect(CheckInSchema.safeParse({ pleasantness: 9, energy: 1, anxiety: 100, stress: 10 }).success).toBe(
      true,
    );
    expect(CheckInSchema.safeParse({ ...checkIn, stress: null }).success).toBe(true);
  });

  it.each([
    [{ pleasantness: 0 }, "pleasantness", "Pleasantness should be from 1 to 9"],
    [{ energy: 10 }, "energy", "Energy should be from 1 to 9"],
    [{ anxiety: 101 }, "anxiety", "Anxiety should be from 0 to 100"],
    [{ anxiety: 12.5 }, "anxiety", "Anxiety should be a whole number from 0 to 100"],
    [{ stress: 11 }, "stress", "Stress should be from 0 to 10"],
  ])("%o is rejected on %s", (change, field, message) => {
    const parsed = CheckInSchema.safeParse({ ...checkIn, ...change });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
    expect(parsed.error?.issues[0]?.message).toBe(message);
  });
});

describe("check-out", () => {
  it("adds tingles, locations, relaxation and a note", () => {
    const parsed = CheckOutSchema.parse({ ...checkOut, note: "  the rain was nice " });
    expect(parsed.note).toBe("the rain was nice");
    expect(CheckOutSchema.parse({ ...checkIn, tingles: 0, relaxation: 5 }).tingleLocations).toEqual([]);
  });

  it("rejects locations without tingles, unknown or repeated locations, out-of-range ratings", () => {
    const noTingles = CheckOutSchema.safeParse({ ...checkOut, tingles: 0 });
    expect(noTingles.error?.issues[0]?.path).toEqual(["tingleLocations"]);
    expect(CheckOutSchema.safeParse({ ...checkOut, tingleLocations: ["toes"] }).success).toBe(false);
    expect(CheckOutSchema.safeParse({ ...checkOut, tingleLocations: ["neck", "neck"] }).success).toBe(false);
    expect(CheckOutSchema.safeParse({ ...checkOut, tingles: 11 }).error?.issues[0]?.path).toEqual([
      "tingles",
    ]);
    expect(CheckOutSchema.safeParse({ ...checkOut, relaxation: -1 }).error?.issues[0]?.path).toEqual([
      "relaxation",
    ]);
  });

  it("names tingle intensities from none to intense", () => {
    expect([0, 1, 3, 4, 6, 7, 9, 10].map(tingleWord)).toEqual([
      "none",
      "faint",
      "faint",
      "moderate",
      "moderate",
      "strong",
      "strong",
      "intense",
    ]);
  });
});
