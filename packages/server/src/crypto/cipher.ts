import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { DecryptError } from "./errors";

/**
 * Field encryption: AES-256-GCM with a random 96-bit IV per write. The stored text is
 * self-describing and versioned:
 *
 *     m1.<base64url IV (12 bytes)>.<base64url ciphertext || 16-byte tag>
 *
 * "m1" names the whole format: AES-256-GCM, 12-byte IV, 16-byte tag, and the associated data
 * below. The associated data binds the ciphertext to where it belongs, so a value copied to
 * another record, field or user does not decrypt.
 */

export const FORMAT_VERSION = "m1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const PATTERN = /^m1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]{22,})$/;

/** Where a value lives: the AEAD associated data. */
export interface FieldContext {
  userId: string;
  /** "table.column", e.g. "entries.body". */
  field: string;
  /** The record's stable id (entry id, session id, night of a sleep diary…). */
  recordId: string;
}

export function associatedData(ctx: FieldContext): Buffer {
  return Buffer.from(JSON.stringify([FORMAT_VERSION, ctx.userId, ctx.field, ctx.recordId]), "utf8");
}

export function isCiphertext(value: string): boolean {
  return PATTERN.test(value);
}

export function sealBytes(key: Buffer, plaintext: Buffer, ctx: FieldContext): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(ctx));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${FORMAT_VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

export function openBytes(key: Buffer, sealed: string, ctx: FieldContext): Buffer {
  const match = PATTERN.exec(sealed);
  const where = `${ctx.field} of ${ctx.recordId}`;
  if (!match?.[1] || !match[2]) throw new DecryptError(`${where}: not an m1 ciphertext`, ctx.field);
  const iv = Buffer.from(match[1], "base64url");
  const body = Buffer.from(match[2], "base64url");
  if (iv.length !== IV_BYTES || body.length < TAG_BYTES)
    throw new DecryptError(`${where}: truncated`, ctx.field);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(ctx));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    const head = decipher.update(body.subarray(0, body.length - TAG_BYTES));
    const opened = Buffer.concat([head, decipher.final()]);
    head.fill(0); // best effort: no stray copy of a plaintext key or text
    return opened;
  } catch {
    throw new DecryptError(`${where}: authentication failed`, ctx.field);
  }
}

export function sealText(key: Buffer, plaintext: string, ctx: FieldContext): string {
  return sealBytes(key, Buffer.from(plaintext, "utf8"), ctx);
}

export function openText(key: Buffer, sealed: string, ctx: FieldContext): string {
  return openBytes(key, sealed, ctx).toString("utf8");
}
