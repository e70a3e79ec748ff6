import { describe, expect, it } from "vitest";
import { BOTH_DIVIDER_LABEL, conflictNeedsChoice, resolveConflict } from "./merge";
import { content, entry } from "./testkit";

describe("resolveConflict", () => {
  const mine = content("I listened to the rain.", { title: "Rain", tags: ["rain"] });
  const theirs = entry("The tapping helped.", 4, { title: "Tapping", tags: ["tapping", "rain"] });

  it("keeps mine or theirs when chosen", () => {
    expect(resolveConflict(mine, theirs, "mine").body).toBe("I listened to the rain.");
    expect(resolveConflict(mine, theirs, "theirs").body).toBe("The tapping helped.");
  });

  it("keeps every word of both, mine first, with a clear divider", () => {
    const both = resolveConflict(mine, theirs, "both");
    expect(both.body.startsWith("I listened to the rain.")).toBe(true);
    expect(both.body).toContain(BOTH_DIVIDER_LABEL);
    expect(both.body).toContain("---");
    expect(both.body.endsWith("The tapping helped.")).toBe(true);
    expect(both.title).toBe("Rain / Tapping");
    expect(both.tags).toEqual(["rain", "tapping"]);
  });

  it("does not duplicate identical bodies", () => {
    const both = resolveConflict(content("same"), entry("same\n", 2), "both");
    expect(both.body).toBe("same");
  });

  it("needs a choice only when the versions differ", () => {
    expect(conflictNeedsChoice(content("a"), entry("a", 2))).toBe(false);
    expect(conflictNeedsChoice(content("a"), entry("b", 2))).toBe(true);
  });
});
