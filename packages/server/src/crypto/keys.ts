import { createHmac, hkdfSync, randomBytes } from "node:crypto";
import { type Algorithm, hashRaw } from "@node-rs/argon2";
import type { PasswordHashing } from "../passwords";
import { openBytes, sealBytes } from "./cipher";
import { SessionLockedError } from "./errors";

/**
 * The key hierarchy. A random 32-byte data key per user; subkeys derived from it with
 * HKDF-SHA256 (one encrypts content, one computes tag blind indexes, one keys import keys). The data key itself is only
 * ever stored wrapped (AES-256-GCM) under a key-encryption key: one from argon2id(password,
 * per-user salt), one from the recovery key.
 */

export const DATA_KEY_BYTES = 32;
export const SALT_BYTES = 16;

/** The unlocked key material of one user, held in server memory only. */
export class UserKey {
  readonly userId: string;
  readonly dataKey: Buffer;
  readonly contentKey: Buffer;
  readonly indexKey: Buffer;
  readonly importKeyBytes: Buffer;
  /** Decrypted tag names by blind index (filled as tags are read or written). */
  readonly tagNames = new Map<string, string>();

  constructor(userId: string, dataKey: Buffer) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new Error("A data key is 32 bytes");
    this.userId = userId;
    this.dataKey = Buffer.from(dataKey);
    this.contentKey = subkey(this.dataKey, "meridian content key v1");
    this.indexKey = subkey(this.dataKey, "meridian blind index key v1");
    this.importKeyBytes = subkey(this.dataKey, "meridian import key v1");
  }

  #wiped = false;

  /** True once the key has left memory. Work that started with it (a save waiting on the
   * database while the last session signs out) must stop, not seal or open with zero bytes. */
  get wiped(): boolean {
    return this.#wiped;
  }

  /** Keyed blind index of a tag name (HMAC-SHA256): equal names give equal indexes, and
   * without the key the index says nothing about the name. */
  blindIndex(tag: string): string {
    if (this.#wiped) throw new SessionLockedError();
    return `b1.${createHmac("sha256", this.indexKey).update(tag, "utf8").digest("base64url")}`;
  }

  /** Keyed form of an import's source key (`daylio:<sha256 of the row>`…): HMAC-SHA256 under
   * the account's import subkey, so the stored client id can't be checked against guessed
   * content, and the same file gives different ids in different accounts. Deterministic, so
   * importing the same file again still finds what the first import wrote. */
  importKey(sourceKey: string): string {
    if (this.#wiped) throw new SessionLockedError();
    return `h1:${createHmac("sha256", this.importKeyBytes).update(sourceKey, "utf8").digest("base64url")}`;
  }

  /** Best effort: overwrite the key bytes when the key is dropped. */
  wipe(): void {
    this.#wiped = true;
    this.dataKey.fill(0);
    this.contentKey.fill(0);
    this.indexKey.fill(0);
    this.importKeyBytes.fill(0);
    this.tagNames.clear();
  }
}

function subkey(dataKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), info, 32));
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

export function newSalt(): string {
  return randomBytes(SALT_BYTES).toString("base64url");
}

// `Algorithm` is a const enum in the typings; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

/** Key-encryption key from the password: argon2id with the user's own salt. */
export async function passwordKek(password: string, salt: string, cost: PasswordHashing): Promise<Buffer> {
  return hashRaw(password, {
    algorithm: ARGON2ID,
    ...cost,
    outputLen: 32,
    salt: Buffer.from(salt, "base64url"),
  });
}

/** Key-encryption key from the recovery key (already 160 random bits, so HKDF suffices). */
export function recoveryKek(recoveryBytes: Buffer, salt: string): Buffer {
  return Buffer.from(
    hkdfSync("sha256", recoveryBytes, Buffer.from(salt, "base64url"), "meridian recovery kek v1", 32),
  );
}

export type WrapPurpose = "password" | "recovery";

const wrapContext = (userId: string, purpose: WrapPurpose) => ({
  userId,
  field: `user_keys.${purpose}_wrapped`,
  recordId: userId,
});

export function wrapDataKey(kek: Buffer, dataKey: Buffer, userId: string, purpose: WrapPurpose): string {
  return sealBytes(kek, dataKey, wrapContext(userId, purpose));
}

/** Throws DecryptError when the KEK is wrong (wrong password or recovery key). */
export function unwrapDataKey(kek: Buffer, wrapped: string, userId: string, purpose: WrapPurpose): Buffer {
  return openBytes(kek, wrapped, wrapContext(userId, purpose));
}
