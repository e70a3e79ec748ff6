import { describe, expect, it } from "vitest";
import { toCartesian } from "../audio/mediaLayers";
import { describeLength, renderLength } from "./renderLength";

describe("render length", () => {
  it("adds hours, minutes and seconds; empty fields are 0", () => {
    expect(renderLength("1", "30", "")).toEqual({ seconds: 5400 });
    expect(renderLength("", "", "10")).toEqual({ seconds: 10 });
    expect(renderLength("12", "0", "0")).toEqual({ seconds: 43200 });
    expect(renderLength("0", "7", "13")).toEqual({ seconds: 433 });
  });

  it("refuses under 10 s, over 12 h, negative or fractional fields", () => {
    const cases: [string, string, string][] = [
      ["0", "0", "9"],
      ["12", "0", "1"],
      ["0", "-1", "30"],
      ["0", "1.5", "0"],
      ["x", "0", "0"],
    ];
    for (const [h, m, s] of cases) expect("error" in renderLength(h, m, s)).toBe(true);
  });

  it("describes a length in words", () => {
    expect(describeLength(8 * 3600)).toBe("8 h");
    expect(describeLength(5400)).toBe("1 h 30 min");
    expect(describeLength(12)).toBe("12 s");
  });
});

describe("own-audio placement", () => {
  it("puts azimuth 90° at the right ear (+x), 0° ahead (−z), elevation up (+y)", () => {
    const [x, y, z] = toCartesian(90, 0, 2);
    expect(x).toBeCloseTo(2);
    expect(y).toBeCloseTo(0);
    expect(z).toBeCloseTo(0);
    expect(toCartesian(0, 0, 1)[2]).toBeCloseTo(-1);
    expect(toCartesian(-90, 0, 1)[0]).toBeCloseTo(-1);
    expect(toCartesian(0, 90, 1)[1]).toBeCloseTo(1);
  });
});
