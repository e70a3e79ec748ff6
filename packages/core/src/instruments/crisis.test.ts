import { describe, expect, it } from "vitest";
import { CRISIS_RESOURCES, crisisResourcesFor } from "./crisis";

describe("crisis resources", () => {
  it("lists 988 (call or text) for the US", () => {
    const us = CRISIS_RESOURCES.find((r) => r.id === "us-988");
    expect(us?.name).toBe("988 Suicide & Crisis Lifeline");
    expect(us?.contacts.map((c) => c.href)).toEqual(["tel:988", "sms:988", "https://988lifeline.org"]);
    expect(us?.description).toContain("Call or text 988");
  });

  it("lists Samaritans 116 123 for the UK and Ireland", () => {
    const sam = CRISIS_RESOURCES.find((r) => r.id === "uk-roi-samaritans");
    expect(sam?.regions).toEqual(["GB", "IE"]);
    expect(sam?.contacts[0]).toEqual({ kind: "call", label: "Call 116 123", href: "tel:116123" });
  });

  it("points everyone else to findahelpline.com", () => {
    const all = CRISIS_RESOURCES.find((r) => r.id === "findahelpline");
    expect(all?.regions).toEqual(["*"]);
    expect(all?.contacts[0]?.href).toBe("https://findahelpline.com");
  });

  it("puts the local service first and the directory last", () => {
    expect(crisisResourcesFor("ie").map((r) => r.id)).toEqual([
      "uk-roi-samaritans",
      "us-988",
      "findahelpline",
    ]);
    expect(crisisResourcesFor("US").map((r) => r.id)).toEqual([
      "us-988",
      "uk-roi-samaritans",
      "findahelpline",
    ]);
    expect(crisisResourcesFor(null).at(-1)?.id).toBe("findahelpline");
    expect(crisisResourcesFor("FR")).toHaveLength(3);
  });

  it("uses only well-formed links", () => {
    for (const r of CRISIS_RESOURCES) {
      for (const c of r.contacts) expect(c.href).toMatch(/^(tel:\d+|sms:\d+|mailto:\S+@\S+|https:\/\/\S+)$/);
    }
  });
});
