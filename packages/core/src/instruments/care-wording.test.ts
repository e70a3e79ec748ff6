import { describe, expect, it } from "vitest";
import { ASMR_PROFILE } from "./asmr-profile";
import { careLevel, combinedCareLevel } from "./care";
import { PHQ8, PHQ8_NO_SUICIDE_ITEM_NOTE } from "./phq8";
import { scoreInstrument } from "./score";

const phq8 = (value: number) =>
  scoreInstrument(PHQ8, Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`phq8_${i + 1}`, value])));

describe("care wording", () => {
  it("the PHQ-8 note does not say the services are below (on a high score they are above)", () => {
    expect(PHQ8_NO_SUICIDE_ITEM_NOTE).not.toMatch(/\bbelow\b|\babove\b/);
    expect(PHQ8_NO_SUICIDE_ITEM_NOTE).toMatch(/on this page/);
    const high = careLevel(phq8(3));
    expect(high.level).toBe("prominent");
    expect(high.notes.join(" ")).not.toMatch(/\bbelow\b/);
  });

  it("mentions a score only where there is one", () => {
    const profile = careLevel(scoreInstrument(ASMR_PROFILE, {}));
    expect(profile.message).not.toMatch(/score/i);
    expect(combinedCareLevel([scoreInstrument(ASMR_PROFILE, {})]).message).not.toMatch(/score/i);
    expect(careLevel(phq8(0)).message).toMatch(/Whatever your score/);
  });
});
