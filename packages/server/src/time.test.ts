import { describe, expect, it } from "vitest";
import { isCalendarDate, localDateIn } from "./time";

describe("time", () => {
  it("computes the local calendar day in a time zone", () => {
    const instant = new Date("2024-03-14T23:30:00.000Z");
    expect(localDateIn("UTC", instant)).toBe("2024-03-14");
    expect(localDateIn("Asia/Tokyo", instant)).toBe("2024-03-15");
    expect(localDateIn("America/Los_Angeles", instant)).toBe("2024-03-14");
    expect(localDateIn("Pacific/Kiritimati", new Date("2024-12-31T10:00:00.000Z"))).toBe("2025-01-01");
  });

  it("accepts only real YYYY-MM-DD days", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2024-13-01")).toBe(false);
    expect(isCalendarDate("2024-1-01")).toBe(false);
    expect(isCalendarDate("20240101")).toBe(false);
  });
});
