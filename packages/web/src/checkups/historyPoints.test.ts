import type { InstrumentResponse } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { historyDateFmt, historyPoints } from "./historyPoints";

const response = (over: Partial<InstrumentResponse>): InstrumentResponse => ({
  id: "r1",
  instrumentId: "phq8",
  answers: {},
  total: 6,
  bandId: "mild",
  bandLabel: "Mild",
  completedAt: "2026-12-08T04:15:00.000Z",
  localDate: "2026-12-07",
  timeZone: "America/New_York",
  ...over,
});

describe("check-up history points", () => {
  it("draws a check-up taken at 23:15 on 7 Dec in New York at 7 Dec, not the UTC 8 Dec", () => {
    const [p] = historyPoints([response({})]);
    expect(p?.date.toISOString()).toBe("2026-12-07T00:00:00.000Z");
    expect(historyDateFmt.formatToParts(p?.date as Date).find((x) => x.type === "day")?.value).toBe("7");
  });

  it("keeps an east-of-Greenwich early-morning check-up on its local day", () => {
    // 00:30 on 9 Dec in Tokyo is 15:30 UTC on 8 Dec.
    const [p] = historyPoints([
      response({ completedAt: "2026-12-08T15:30:00.000Z", localDate: "2026-12-09", timeZone: "Asia/Tokyo" }),
    ]);
    expect(p?.date.toISOString().slice(0, 10)).toBe("2026-12-09");
  });

  it("leaves out unscored responses and sorts by day", () => {
    const pts = historyPoints([
      response({ id: "b", localDate: "2026-12-10", completedAt: "2026-12-10T20:00:00.000Z" }),
      response({ id: "x", total: null }),
      response({ id: "a" }),
    ]);
    expect(pts.map((p) => p.id)).toEqual(["a", "b"]);
  });
});
