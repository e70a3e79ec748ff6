import { describe, expect, it } from "vitest";
import {
  addCalendarDays,
  clockMinutes,
  isCalendarDate,
  isClockTime,
  isValidTimeZone,
  localToInstant,
  tzOffsetMinutes,
} from "./time-zone";

describe("tzOffsetMinutes", () => {
  it("reads offsets from Intl, including DST and half-hour zones", () => {
    expect(tzOffsetMinutes(Date.parse("2025-07-01T12:00:00Z"), "Europe/London")).toBe(60);
    expect(tzOffsetMinutes(Date.parse("2025-01-15T12:00:00Z"), "Europe/London")).toBe(0);
    expect(tzOffsetMinutes(Date.parse("2025-01-15T12:00:00Z"), "America/New_York")).toBe(-300);
    expect(tzOffsetMinutes(Date.parse("2025-07-15T12:00:00Z"), "America/New_York")).toBe(-240);
    expect(tzOffsetMinutes(Date.parse("2025-01-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
    expect(tzOffsetMinutes(Date.parse("2025-01-15T00:00:00Z"), "UTC")).toBe(0);
  });
});

describe("localToInstant", () => {
  it("converts an ordinary wall time", () => {
    const r = localToInstant("2025-01-15", "07:10", "America/New_York");
    expect(new Date(r.instantMs).toISOString()).toBe("2025-01-15T12:10:00.000Z");
    expect(r.status).toBe("ok");
  });

  it("reads a skipped time (clocks forward) as just after the gap", () => {
    const r = localToInstant("2025-03-30", "01:30", "Europe/London");
    expect(r.status).toBe("skipped");
    expect(new Date(r.instantMs).toISOString()).toBe("2025-03-30T01:30:00.000Z"); // 02:30 BST
  });

  it("reads a repeated time (clocks back) as the first occurrence", () => {
    const r = localToInstant("2025-11-02", "01:30", "America/New_York");
    expect(r.status).toBe("repeated");
    expect(new Date(r.instantMs).toISOString()).toBe("2025-11-02T05:30:00.000Z"); // 01:30 EDT
  });
});

describe("date and clock helpers", () => {
  it("validates dates, times and zones", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-1-05")).toBe(false);
    expect(isClockTime("23:59")).toBe(true);
    expect(isClockTime("24:00")).toBe(false);
    expect(isClockTime("7:05")).toBe(false);
    expect(isValidTimeZone("Europe/London")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
  });

  it("adds calendar days across month and year ends", () => {
    expect(addCalendarDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addCalendarDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(clockMinutes("07:10")).toBe(430);
  });
});
