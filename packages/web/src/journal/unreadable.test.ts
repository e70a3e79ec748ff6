import { describe, expect, it } from "vitest";
import { addUnreadable, unreadableHeadline } from "./unreadable";

describe("unreadable entries", () => {
  it("are counted in words", () => {
    expect(unreadableHeadline(1)).toBe("1 entry could not be decrypted");
    expect(unreadableHeadline(3)).toBe("3 entries could not be decrypted");
  });

  it("add up across pages without repeating one", () => {
    const a = { id: "a", date: "2024-05-03" };
    const b = { id: "b", date: "2024-05-01" };
    expect(addUnreadable([a], [a, b])).toEqual([a, b]);
    expect(addUnreadable([], undefined)).toEqual([]);
  });
});
