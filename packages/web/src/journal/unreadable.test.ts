import { describe, expect, it } from "vitest";
import { addUnreadable, UNREADABLE_NOUNS, unreadableHeadline } from "./unreadable";

describe("unreadable records", () => {
  it("are counted in words", () => {
    expect(unreadableHeadline(1)).toBe("1 entry could not be decrypted");
    expect(unreadableHeadline(3)).toBe("3 entries could not be decrypted");
    expect(unreadableHeadline(1, UNREADABLE_NOUNS.preset)).toBe("1 preset could not be decrypted");
    expect(unreadableHeadline(2, UNREADABLE_NOUNS.media)).toBe("2 media items could not be decrypted");
    expect(unreadableHeadline(1, UNREADABLE_NOUNS.session)).toBe("1 session could not be decrypted");
    expect(unreadableHeadline(1, UNREADABLE_NOUNS.prompt)).toBe("1 own prompt could not be decrypted");
  });

  it("add up across pages without repeating one", () => {
    const a = { id: "a", date: "2024-05-03" };
    const b = { id: "b", date: "2024-05-01" };
    expect(addUnreadable([a], [a, b])).toEqual([a, b]);
    expect(addUnreadable([], undefined)).toEqual([]);
  });
});
