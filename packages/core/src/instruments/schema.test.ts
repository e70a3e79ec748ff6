import { describe, expect, it } from "vitest";
import { GAD7 } from "./gad7";
import { INSTRUMENT_IDS, instrumentById } from "./registry";
import { answersSchemaFor, InstrumentSubmissionSchema } from "./schema";

const gad = { gad7_1: 1, gad7_2: 2, gad7_3: 0, gad7_4: 3, gad7_5: 1, gad7_6: 0, gad7_7: 2 };

describe("answer submission schemas", () => {
  it("accepts a complete GAD-7", () => {
    expect(InstrumentSubmissionSchema.safeParse({ instrumentId: "gad7", answers: gad }).success).toBe(true);
    expect(answersSchemaFor(GAD7).safeParse({ ...gad, gad7_difficulty: null }).success).toBe(true);
  });

  it("names the field of an out-of-range answer", () => {
    const parsed = InstrumentSubmissionSchema.safeParse({
      instrumentId: "gad7",
      answers: { ...gad, gad7_3: 7 },
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["answers", "gad7_3"]);
  });

  it("rejects a missing item, an unknown item and an unknown instrument", () => {
    const { gad7_7: _, ...six } = gad;
    expect(InstrumentSubmissionSchema.safeParse({ instrumentId: "gad7", answers: six }).success).toBe(false);
    expect(
      InstrumentSubmissionSchema.safeParse({ instrumentId: "gad7", answers: { ...gad, phq8_1: 0 } }).success,
    ).toBe(false);
    expect(InstrumentSubmissionSchema.safeParse({ instrumentId: "phq9", answers: {} }).success).toBe(false);
  });

  it("validates multi-select choices", () => {
    const base = { asmr_tingles: 2, asmr_frequency: 1 };
    const ok = { instrumentId: "asmr-profile", answers: { ...base, asmr_triggers: ["rain"] } };
    const bad = { instrumentId: "asmr-profile", answers: { ...base, asmr_triggers: ["rain", "rain"] } };
    expect(InstrumentSubmissionSchema.safeParse(ok).success).toBe(true);
    expect(InstrumentSubmissionSchema.safeParse(bad).success).toBe(false);
  });

  it("every registered id resolves", () => {
    for (const id of INSTRUMENT_IDS) expect(instrumentById(id)?.id).toBe(id);
    expect(instrumentById("phq9")).toBeNull();
  });
});
