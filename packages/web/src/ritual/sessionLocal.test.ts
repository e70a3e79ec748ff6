import { describe, expect, it } from "vitest";
import { elapsedLabel, videoLinkProblem } from "./sessionLocal";

describe("session helpers", () => {
  it("formats the quiet timer in whole minutes", () => {
    expect(elapsedLabel(0)).toBe("0 min");
    expect(elapsedLabel(59_999)).toBe("0 min");
    expect(elapsedLabel(4 * 60_000 + 10_000)).toBe("4 min");
    expect(elapsedLabel(65 * 60_000)).toBe("1 h 05 min");
    expect(elapsedLabel(-5)).toBe("0 min");
  });

  it("accepts only https video links", () => {
    expect(videoLinkProblem("")).toBeNull();
    expect(videoLinkProblem("https://example.org/watch?v=1")).toBeNull();
    expect(videoLinkProblem("http://example.org/v")).toMatch(/https/);
    expect(videoLinkProblem("javascript:alert(1)")).toMatch(/https/);
    expect(videoLinkProblem("not a link")).toMatch(/web address/);
  });
});
