import { describe, expect, it } from "vitest";
import { groupLabel, humanise, triggerLabels } from "./labels";

describe("labels of keys an object inherits", () => {
  it("uses only a name the record itself holds", () => {
    const names = { presets: { p1: "Evening" }, media: {} };
    for (const key of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      expect(groupLabel("presets", key, names)).toBe(humanise(key));
      expect(groupLabel("media", key, names)).toBe(humanise(key));
      const h = humanise(key);
      expect(triggerLabels([key, "rain"])[key]).toBe(h.charAt(0).toLowerCase() + h.slice(1));
    }
    expect(groupLabel("presets", "p1", names)).toBe("Evening");
    expect(Object.keys(triggerLabels(["__proto__"]))).toEqual(["__proto__"]);
  });
});
