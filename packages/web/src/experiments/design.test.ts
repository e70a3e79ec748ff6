import { experimentPlanSchema } from "@meridian/core";
import { describe, expect, it } from "vitest";
import { checkDesign, createBody, emptyDesign, fieldOf } from "./design";

const base = () => ({ ...emptyDesign("whispered-bedtime", "whisper"), name: "Whispering" });

describe("checkDesign", () => {
  it("accepts the defaults with a name", () => {
    expect(checkDesign(base())).toEqual({});
  });
  it("names each bad field", () => {
    const e = checkDesign({ ...base(), name: " ", pairs: "0", washoutDays: "9", mid: "-1" });
    expect(Object.keys(e).sort()).toEqual(["mid", "name", "pairs", "washoutDays"]);
    expect(e.pairs).toMatch(/1 to 20/);
  });
  it("refuses the same scene twice in scene-vs-scene", () => {
    const e = checkDesign({ ...base(), kind: "scene-vs-scene", sceneA: "x", sceneB: "x" });
    expect(e.sceneB).toMatch(/different/);
  });
  it("caps the minimal important difference at the outcome's scale", () => {
    expect(checkDesign({ ...base(), primaryOutcome: "tingles", mid: "11" }).mid).toMatch(/at most 10/);
  });
});

describe("createBody", () => {
  it("is a core plan once the server adds the seed", () => {
    const body = createBody({ ...base(), secondaryOutcomes: ["tingles", "anxiety-change"] }, "2026-12-08", {
      condition: "Whispering",
      control: "the sham",
    });
    expect(body.name).toBe("Whispering");
    expect(body.plan).not.toHaveProperty("seed");
    const plan = experimentPlanSchema.parse({ ...body.plan, seed: 7 });
    expect(plan.pairs).toBe(6);
    expect(plan.secondaryOutcomes).toEqual(["tingles"]);
    expect(plan.minimalImportantDifference).toBe(10);
  });
  it("sends the minimal important difference only when set", () => {
    const body = createBody({ ...base(), mid: "15" }, "2026-12-08", { condition: "a", control: "b" });
    expect(body.plan.minimalImportantDifference).toBe(15);
  });
});

describe("fieldOf", () => {
  it("maps the server's field paths onto the form", () => {
    expect(fieldOf("plan.pairs")).toBe("pairs");
    expect(fieldOf("pairs")).toBe("pairs");
    expect(fieldOf("plan.comparison.layerId")).toBe("layerId");
    expect(fieldOf("plan.comparison.a.sceneId")).toBe("sceneA");
    expect(fieldOf("plan.minimalImportantDifference")).toBe("mid");
    expect(fieldOf(undefined)).toBe("form");
  });
});
