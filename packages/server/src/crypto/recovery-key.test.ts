import { describe, expect, it } from "vitest";
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from "./recovery-key";

describe("recovery keys", () => {
  it("are 160 random bits in eight groups of four Crockford base32 characters", () => {
    const a = newRecoveryKey();
    const b = newRecoveryKey();
    expect(a.text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(a.bytes).toHaveLength(20);
    expect(a.text).not.toBe(b.text);
    expect(parseRecoveryKey(a.text)?.equals(a.bytes)).toBe(true);
  });

  it("forgives case, spaces, missing dashes and look-alike letters", () => {
    const bytes = Buffer.from("00112233445566778899aabbccddeeff00112233", "hex");
    const text = formatRecoveryKey(bytes);
    const sloppy = ` ${text.toLowerCase().replaceAll("-", " ").replaceAll("1", "l").replaceAll("0", "o")} `;
    expect(parseRecoveryKey(sloppy)?.equals(bytes)).toBe(true);
  });

  it("rejects text that cannot be a key", () => {
    expect(parseRecoveryKey("")).toBeNull();
    expect(parseRecoveryKey("ABCD-EFGH")).toBeNull();
    expect(parseRecoveryKey(`${newRecoveryKey().text}-AAAA`)).toBeNull();
    expect(parseRecoveryKey("UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU")).toBeNull();
  });
});
