import { describe, expect, it } from "vitest";
import { TagSchema } from "../api/entry";
import { entryToMarkdown } from "../archive/markdown";
import { canonicalTag, canonicalTags } from "./tag";

describe("canonicalTag", () => {
  it("gives one form for the ways people write the same tag", () => {
    for (const t of [
      "Work Stress",
      "work-stress",
      "work  stress",
      " WORK-Stress ",
      "#work stress",
      "work - stress",
    ])
      expect(canonicalTag(t), t).toBe("work-stress");
    expect(canonicalTag("@Work")).toBe("work");
    expect(canonicalTag("Good meal!")).toBe("good-meal");
    expect(canonicalTag("night_walk")).toBe("night_walk");
    expect(canonicalTag("été")).toBe("été");
    expect(canonicalTag("  -x- ")).toBe("x");
    expect(canonicalTag("!!!")).toBeNull();
    expect(canonicalTag("a".repeat(60))).toHaveLength(40);
    // Idempotent.
    for (const t of ["work-stress", "good-meal", "2024", "night_walk"]) expect(canonicalTag(t)).toBe(t);
  });

  it("merges a list into distinct, sorted canonical tags", () => {
    expect(canonicalTags(["Work Stress", "work-stress", "Rain", "", "?"])).toEqual(["rain", "work-stress"]);
  });

  it("is what the API schema stores", () => {
    expect(TagSchema.parse("Work Stress")).toBe("work-stress");
    expect(TagSchema.parse("work-stress")).toBe("work-stress");
    expect(TagSchema.safeParse("<img src=x>").success).toBe(false);
  });

  it("is what Markdown export writes, once per tag", () => {
    const md = entryToMarkdown({
      title: null,
      body: "x",
      localDate: "2026-12-07",
      createdAt: "2026-12-07T20:00:00.000Z",
      updatedAt: "2026-12-07T20:00:00.000Z",
      timeZone: "Europe/London",
      tags: ["work stress", "work-stress"],
      promptText: null,
    });
    expect(md).toContain('tags:\n  - "work-stress"\n');
    expect(md.match(/work-stress/g)).toHaveLength(1);
  });
});
