import { describe, expect, it } from "vitest";
import { type PlanItem, summariseImport } from "./preview";

describe("summariseImport", () => {
  it("lists the five oldest entries, in file order among equal dates, as a full sort would", () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 50; round++) {
      const items: PlanItem[] = Array.from({ length: 1 + (next() % 40) }, (_, i) => ({
        kind: next() % 4 === 0 ? "sessions" : "entries",
        localDate: next() % 9 === 0 ? null : `2024-01-0${1 + (next() % 6)}`,
        label: `#${i}`,
        duplicate: false,
      }));
      const expected = items
        .filter((i) => i.kind === "entries")
        .sort((a, b) => (a.localDate ?? "").localeCompare(b.localDate ?? ""))
        .slice(0, 5)
        .map((i) => i.label);
      expect(summariseImport("jrnl", items, []).firstTitles).toEqual(expected);
    }
  });
});
