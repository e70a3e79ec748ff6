import { dictionary } from "@zxcvbn-ts/language-common";
import { describe, expect, it } from "vitest";
import { COMMON_RANK, passwordWeakness } from "./password-strength";

describe("passwordWeakness", () => {
  it("refuses the issue's examples with a reason", () => {
    expect(passwordWeakness("1234567890")).toMatch(/one of the 10,000 most common passwords/);
    expect(passwordWeakness(" ".repeat(10))).toMatch(/Repeated characters/);
  });

  it("refuses every one of the 10,000 most common passwords that is long enough to be allowed", () => {
    const common = dictionary["passwords-common"].slice(0, COMMON_RANK).filter((p) => p.length >= 10);
    expect(common.length).toBeGreaterThan(100);
    const accepted = common.filter((p) => passwordWeakness(p) === null);
    expect(accepted).toEqual([]);
  });

  it("refuses trivial patterns and the username", () => {
    expect(passwordWeakness("abcdefghijkl")).toMatch(/Runs like/);
    expect(passwordWeakness("abcabcabcabc")).toMatch(/Repeated/);
    expect(passwordWeakness("zxcvbnmasdfg")).not.toBeNull();
    expect(passwordWeakness("ferdinand123", ["ferdinand"])).not.toBeNull();
    expect(passwordWeakness("rosalind2024", ["rosalind"])).toMatch(/username/);
  });

  it("accepts passphrases and random strings, quickly even at the longest", () => {
    for (const p of ["correct horse battery", "quiet-night-rain-42", "a long secret", "Vq8#kL2!mZ0p"]) {
      expect(passwordWeakness(p), p).toBeNull();
    }
    const start = performance.now();
    expect(passwordWeakness("ab1!".repeat(64))).not.toBeNull();
    expect(passwordWeakness("the rain on the window at night ".repeat(8).slice(0, 256))).toBeDefined();
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
