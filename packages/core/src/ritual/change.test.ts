import { describe, expect, it } from "vitest";
import { CHANGE_CAVEAT, describeChange } from "./change";
import { type CheckOut, CheckOutSchema } from "./measures";

const checkIn = { pleasantness: 4, energy: 6, anxiety: 40, stress: 7 };
const out = (o: Partial<CheckOut>): CheckOut =>
  CheckOutSchema.parse({
    pleasantness: 6,
    energy: 6,
    anxiety: 25,
    stress: 5,
    tingles: 0,
    relaxation: 7,
    ...o,
  });

describe("describeChange", () => {
  it("gives deltas and direction words for every measure", () => {
    const s = describeChange(checkIn, out({}));
    expect(s.measures.map((m) => [m.key, m.delta, m.direction])).toEqual([
      ["pleasantness", 2, "higher"],
      ["energy", 0, "same"],
      ["anxiety", -15, "lower"],
      ["stress", -2, "lower"],
    ]);
    expect(s.measures[2]?.text).toBe("Anxiety: 40 → 25, 15 points lower.");
    expect(s.measures[1]?.text).toBe("Energy: 6 → 6, no change.");
    expect(s.headline).toBe(
      "Compared with your check-in: pleasantness 2 points higher, anxiety 15 points lower, stress 2 points lower and energy unchanged.",
    );
    expect(s.caveat).toBe(CHANGE_CAVEAT);
  });

  it("reports rises in anxiety just as plainly", () => {
    const s = describeChange(checkIn, out({ anxiety: 41, pleasantness: 4, stress: 7 }));
    expect(s.measures[2]?.text).toBe("Anxiety: 40 → 41, 1 point higher.");
    expect(s.headline).toBe(
      "Compared with your check-in: anxiety 1 point higher and pleasantness, energy and stress unchanged.",
    );
  });

  it("says when nothing changed", () => {
    const s = describeChange(checkIn, out({ pleasantness: 4, anxiety: 40, stress: 7 }));
    expect(s.headline).toBe("Your ratings were the same at check-in and check-out.");
  });

  it("leaves an unrated stress as not recorded instead of inventing a value", () => {
    const s = describeChange({ pleasantness: 4, energy: 6, anxiety: 40 }, out({ stress: null }));
    const stress = s.measures.find((m) => m.key === "stress");
    expect(stress?.delta).toBeNull();
    expect(stress?.direction).toBe("not-recorded");
    expect(stress?.text).toBe("Stress: not rated.");
    const half = describeChange({ pleasantness: 4, energy: 6, anxiety: 40 }, out({}));
    expect(half.measures[3]?.text).toBe("Stress: not rated at check-in.");
    expect(half.headline).not.toContain("stress");
  });

  it("describes tingles and relaxation", () => {
    const s = describeChange(checkIn, out({ tingles: 7, tingleLocations: ["scalp", "neck", "arms"] }));
    expect(s.tingles.text).toBe("Tingles: 7 of 10 (strong), felt in the scalp, neck and arms.");
    expect(s.relaxation.text).toBe("Relaxation at the end: 7 of 10.");
    expect(describeChange(checkIn, out({})).tingles.text).toContain("No tingles this time");
  });

  it("never uses judging or promising words", () => {
    const texts = [
      describeChange(checkIn, out({})),
      describeChange(checkIn, out({ anxiety: 90, pleasantness: 1 })),
    ].flatMap((s) => [s.headline, s.caveat, ...s.measures.map((m) => m.text), s.tingles.text]);
    for (const t of texts)
      expect(t).not.toMatch(/\b(better|worse|improv|great|well done|will help|cure|treat)/i);
  });
});
