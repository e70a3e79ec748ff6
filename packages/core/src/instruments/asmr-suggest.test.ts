import { describe, expect, it } from "vitest";
import { summarizeAsmrProfile } from "./asmr-profile";
import { suggestScenes } from "./asmr-suggest";

const SCENES = [
  { id: "library-rain", generators: ["brown-noise", "page-turn", "pen-on-paper", "rain"] },
  { id: "whispered-bedtime", generators: ["hair-brushing", "pink-noise", "whispering"] },
  { id: "ocean-sleep", generators: ["waves"] },
  { id: "ear-to-ear-brushing", generators: ["brown-noise", "hair-brushing", "whispering"] },
  { id: "keyboard-cafe", generators: ["keyboard", "pink-noise", "rain"] },
];

describe("suggestScenes", () => {
  it("keeps the given order without a profile", () => {
    const out = suggestScenes(SCENES, null);
    expect(out.map((s) => s.scene.id)).toEqual(SCENES.map((s) => s.id));
    expect(out.every((s) => s.reason === null)).toBe(true);
  });

  it("puts scenes with the profile's sounds first and says why", () => {
    const profile = summarizeAsmrProfile({
      asmr_tingles: 3,
      asmr_triggers: ["whispering"],
      asmr_avoid: ["keyboard"],
    });
    const out = suggestScenes(SCENES, profile);
    expect(out.map((s) => s.scene.id)).toEqual([
      "whispered-bedtime",
      "ear-to-ear-brushing",
      "library-rain",
      "ocean-sleep",
      "keyboard-cafe",
    ]);
    expect(out[0]?.reason).toBe("Suggested because you said whispering gives you tingles");
    expect(out[2]?.reason).toBeNull();
    // The sound to leave out: last, never suggested.
    expect(out[4]).toMatchObject({ avoided: true, reason: null });
  });

  it("ranks more matching sounds higher and words it for someone without tingles", () => {
    const profile = summarizeAsmrProfile({
      asmr_tingles: 0,
      asmr_triggers: ["rain", "page-turn", "waves"],
    });
    const out = suggestScenes(SCENES, profile);
    expect(out.map((s) => s.scene.id).slice(0, 3)).toEqual(["library-rain", "ocean-sleep", "keyboard-cafe"]);
    expect(out[0]?.reason).toBe("Suggested because you said rain and page turning help you unwind");
    expect(out[1]?.reason).toBe("Suggested because you said ocean waves help you unwind");
  });

  it("an avoided sound outweighs a wanted one in the same scene", () => {
    const profile = summarizeAsmrProfile({
      asmr_tingles: 2,
      asmr_triggers: ["rain"],
      asmr_avoid: ["keyboard"],
    });
    const out = suggestScenes(SCENES, profile);
    expect(out.at(-1)?.scene.id).toBe("keyboard-cafe");
    expect(out[0]?.scene.id).toBe("library-rain");
  });
});
