import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isCiphertext, openText, sealText } from "./cipher";
import { DecryptError } from "./errors";

const key = randomBytes(32);
const ctx = { userId: "u1", field: "entries.body", recordId: "e1" };

function flip(sealed: string, at: number): string {
  const [version, iv, body] = sealed.split(".") as [string, string, string];
  const bytes = Buffer.from(body, "base64url");
  bytes[at % bytes.length] = (bytes[at % bytes.length] ?? 0) ^ 0x01;
  return `${version}.${iv}.${bytes.toString("base64url")}`;
}

describe("field cipher (AES-256-GCM, m1)", () => {
  it("round-trips text, with a fresh IV every time", () => {
    const a = sealText(key, "the lighthouse keeper's ledger ✓", ctx);
    const b = sealText(key, "the lighthouse keeper's ledger ✓", ctx);
    expect(a).toMatch(/^m1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(isCiphertext(a)).toBe(true);
    expect(a).not.toBe(b);
    expect(a.split(".")[1]).not.toBe(b.split(".")[1]);
    expect(openText(key, a, ctx)).toBe("the lighthouse keeper's ledger ✓");
    expect(openText(key, sealText(key, "", ctx), ctx)).toBe("");
  });

  it("refuses every single flipped byte of the ciphertext or tag", () => {
    const sealed = sealText(key, "twelve bytes", ctx);
    const length = Buffer.from(sealed.split(".")[2] ?? "", "base64url").length;
    for (let i = 0; i < length; i++) {
      expect(() => openText(key, flip(sealed, i), ctx), `byte ${i}`).toThrow(DecryptError);
    }
  });

  it("refuses a flipped IV, a truncated value and plain text", () => {
    const sealed = sealText(key, "hello", ctx);
    const [, iv, body] = sealed.split(".") as [string, string, string];
    const badIv = Buffer.from(iv, "base64url");
    badIv[0] = (badIv[0] ?? 0) ^ 0x80;
    expect(() => openText(key, `m1.${badIv.toString("base64url")}.${body}`, ctx)).toThrow(DecryptError);
    expect(() => openText(key, sealed.slice(0, -4), ctx)).toThrow(DecryptError);
    expect(() => openText(key, "hello", ctx)).toThrow(DecryptError);
    expect(() => openText(key, sealed.replace(/^m1/, "m2"), ctx)).toThrow(DecryptError);
  });

  it("binds user, record and field: a value moved anywhere else does not open", () => {
    const sealed = sealText(key, "mine", ctx);
    expect(() => openText(key, sealed, { ...ctx, recordId: "e2" })).toThrow(DecryptError);
    expect(() => openText(key, sealed, { ...ctx, userId: "u2" })).toThrow(DecryptError);
    expect(() => openText(key, sealed, { ...ctx, field: "entries.title" })).toThrow(DecryptError);
  });

  it("refuses a wrong key with a typed error (409 decrypt_failed), never garbage", () => {
    const sealed = sealText(key, "mine", ctx);
    try {
      openText(randomBytes(32), sealed, ctx);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DecryptError);
      expect((error as DecryptError).status).toBe(409);
      expect((error as DecryptError).code).toBe("decrypt_failed");
      expect((error as DecryptError).context).toBe("entries.body of e1: authentication failed");
    }
  });
});
