import { describe, expect, it } from "vitest";
import { ASMR_PROFILE, ASMR_TRIGGERS, summarizeAsmrProfile } from "./asmr-profile";
import { careLevel } from "./care";
import { scoreInstrument } from "./score";

describe("ASMR profile", () => {
  it("uses the studio's trigger ids", () => {
    const ids = ASMR_TRIGGERS.map((t) => t.id);
    for (const id of ["tapping", "whispering", "paper-crinkle", "hair-brushing", "rain", "leaves", "waves"]) {
      expect(ids).toContain(id);
    }
    for (const id of ["pen-on-paper", "page-turn", "keyboard", "soft-spoken"]) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("is a profile: complete without a total, band or screening wording", () => {
    const result = scoreInstrument(ASMR_PROFILE, {
      asmr_tingles: 2,
      asmr_triggers: ["tapping", "rain"],
      asmr_frequency: 3,
      asmr_reasons: ["sleep", "relax"],
    });
    expect(result.complete).toBe(true);
    expect(result.total).toBeNull();
    expect(result.band).toBeNull();
    expect(result.screening).toBe(false);
    expect(result.interpretation).toContain("not a score");
    expect(result.interpretation).not.toContain("screening");
    expect(careLevel(result).level).toBe("standard");
  });

  it("needs the tingles and frequency questions; the lists are optional", () => {
    const result = scoreInstrument(ASMR_PROFILE, { asmr_triggers: [] });
    expect(result.complete).toBe(false);
    expect(result.missing).toEqual(["asmr_tingles", "asmr_frequency"]);
  });

  it("rejects unknown and repeated choices", () => {
    const base = { asmr_tingles: 0, asmr_frequency: 0 };
    expect(scoreInstrument(ASMR_PROFILE, { ...base, asmr_triggers: ["banjo"] }).issues[0]?.code).toBe(
      "unknown-choice",
    );
    expect(scoreInstrument(ASMR_PROFILE, { ...base, asmr_reasons: ["sleep", "sleep"] }).issues[0]?.code).toBe(
      "duplicate-choice",
    );
    expect(scoreInstrument(ASMR_PROFILE, { ...base, asmr_reasons: "sleep" }).issues[0]?.code).toBe(
      "wrong-type",
    );
  });

  it("summarises answers for other modules, dropping unknown ids", () => {
    const summary = summarizeAsmrProfile({
      asmr_tingles: 3,
      asmr_triggers: ["whispering", "nope"],
      asmr_avoid: ["mouth-sounds"],
      asmr_frequency: 4,
      asmr_reasons: ["focus"],
    });
    expect(summary).toEqual({
      tingles: "easily",
      triggers: ["whispering"],
      avoid: ["mouth-sounds"],
      frequency: 4,
      reasons: ["focus"],
      feelsTingles: true,
    });
    expect(summarizeAsmrProfile({}).tingles).toBeNull();
    expect(summarizeAsmrProfile({ asmr_tingles: 1 }).feelsTingles).toBe(false);
  });
});
