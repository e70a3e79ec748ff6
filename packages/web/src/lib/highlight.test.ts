import { describe, expect, it } from "vitest";
import { segments } from "./highlight";

describe("segments", () => {
  it("marks ranges and keeps the rest as text", () => {
    expect(segments("soft rain tonight", [[5, 9]])).toEqual([
      { text: "soft ", mark: false },
      { text: "rain", mark: true },
      { text: " tonight", mark: false },
    ]);
  });
  it("merges overlaps, clamps, and ignores bad ranges", () => {
    expect(
      segments("abcdef", [
        [4, 99],
        [1, 3],
        [2, 4],
        [5, 2],
        [-3, 0],
      ]),
    ).toEqual([
      { text: "a", mark: false },
      { text: "bcdef", mark: true },
    ]);
  });
  it("treats markup as text", () => {
    const s = segments("<img src=x onerror=alert(1)>", [[1, 4]]);
    expect(s.map((x) => x.text).join("")).toBe("<img src=x onerror=alert(1)>");
  });
});
