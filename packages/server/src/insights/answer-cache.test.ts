import { describe, expect, it } from "vitest";
import { AnswerCache } from "./answer-cache";

const bytes = (n: number, fill = 1) => Buffer.alloc(n, fill);

describe("AnswerCache", () => {
  it("answers only for the same key and stamp", () => {
    const cache = new AnswerCache(1000);
    cache.set("u1", "UTC|2025-04-05||", "s1", bytes(10));
    expect(cache.get("u1", "UTC|2025-04-05||", "s1")).toEqual(bytes(10));
    expect(cache.get("u1", "UTC|2025-04-05||", "s2")).toBeNull(); // written since
    expect(cache.get("u1", "UTC|2025-04-06||", "s1")).toBeNull(); // another day
    expect(cache.get("u2", "UTC|2025-04-05||", "s1")).toBeNull(); // another user
  });

  it("keeps one answer per user and drops the least recently used past the budget", () => {
    const cache = new AnswerCache(30);
    cache.set("a", "k", "s", bytes(10, 1));
    cache.set("a", "k2", "s", bytes(10, 2));
    expect(cache.bytes).toBe(10);
    expect(cache.get("a", "k", "s")).toBeNull();
    cache.set("b", "k", "s", bytes(10));
    cache.set("c", "k", "s", bytes(10));
    expect(cache.get("a", "k2", "s")).not.toBeNull(); // a is now the most recent
    cache.set("d", "k", "s", bytes(10)); // over 30: b goes
    expect(cache.get("b", "k", "s")).toBeNull();
    expect(cache.get("a", "k2", "s")).not.toBeNull();
    expect(cache.get("c", "k", "s")).not.toBeNull();
    expect(cache.bytes).toBe(30);
    cache.set("e", "k", "s", bytes(31)); // larger than the budget: not kept
    expect(cache.get("e", "k", "s")).toBeNull();
    expect(cache.bytes).toBe(30);
  });
});
