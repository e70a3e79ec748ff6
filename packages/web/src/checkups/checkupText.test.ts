import { INSTRUMENTS } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { cadenceSentence, cadenceText } from "./checkupText";

describe("cadence wording", () => {
  it("says every 2 weeks for the PHQ family and months for the long cadences", () => {
    expect(cadenceText(14)).toBe("every 2 weeks");
    expect(cadenceText(7)).toBe("every week");
    expect(cadenceText(90)).toBe("every 3 months");
    expect(cadenceText(180)).toBe("every 6 months");
    expect(cadenceText(10)).toBe("every 10 days");
    expect(cadenceSentence(INSTRUMENTS.gad7)).toMatch(/^Suggested: every 2 weeks\./);
    expect(cadenceSentence(INSTRUMENTS.phq8)).toMatch(/^Suggested: every 2 weeks\./);
  });
});
