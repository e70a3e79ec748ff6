import { randomBytes } from "node:crypto";

/**
 * Recovery keys: 160 random bits written in Crockford base32, in eight groups of four
 * (e.g. `7K3M-Q9ZD-…`). Reading forgives case, spaces, missing dashes and the look-alikes
 * I/L (1) and O (0).
 */

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECOVERY_KEY_BYTES = 20;

export function newRecoveryKey(): { text: string; bytes: Buffer } {
  const bytes = randomBytes(RECOVERY_KEY_BYTES);
  return { text: formatRecoveryKey(bytes), bytes };
}

export function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(/.{1,4}/g)?.join("-") ?? out;
}

/** The key's bytes, or null when the text cannot be a recovery key. */
export function parseRecoveryKey(text: string): Buffer | null {
  const clean = text.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
  if (clean.length !== 32) return null;
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of clean) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = (value << 5) | digit;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return out.length === RECOVERY_KEY_BYTES ? Buffer.from(out) : null;
}
