import type { PasswordHashing } from "../passwords";

/** Storage of key material and of what the encryption layer needs beside the content,
 * exposed as `Store.vault`. Holds only wrapped keys and ciphertext; never a usable key. */

export interface UserKeysRecord {
  userId: string;
  /** base64url salt of the password key-encryption key (argon2id). */
  passwordSalt: string;
  /** argon2id cost used for that KEK (kept so production cost changes leave old keys openable). */
  passwordParams: PasswordHashing;
  /** The data key wrapped under the password KEK (an m1 ciphertext). */
  passwordWrapped: string;
  recoverySalt: string;
  /** The same data key wrapped under the recovery-key KEK. */
  recoveryWrapped: string;
  createdAt: string;
  updatedAt: string;
}

export interface PasswordWrapChange {
  passwordSalt: string;
  passwordParams: PasswordHashing;
  passwordWrapped: string;
  /** The new argon2id login hash, written in the same transaction. */
  passwordHash: string;
  updatedAt: string;
}

export interface RecoveryWrapChange {
  recoverySalt: string;
  recoveryWrapped: string;
  updatedAt: string;
}

/** Turns a legacy plaintext value into its stored encrypted form (see encryptLegacyRows). */
export interface LegacySealer {
  /** Ciphertext of `plaintext` for field "table.column" of record `recordId`. */
  seal(field: string, recordId: string, plaintext: string): string;
  /** Blind index of a tag name. */
  tagIndex(tag: string): string;
  /** Parsed JSON columns with their text parts sealed. */
  checkOut(sessionId: string, value: unknown): unknown;
  media(sessionId: string, value: unknown): unknown;
  diaryFields(nightOf: string, value: unknown): unknown;
  /** A parsed scene (preset or session snapshot) with its text sealed. */
  scene(table: "presets" | "ritual_sessions", recordId: string, value: unknown): unknown;
}

export interface LegacyCounts {
  entries: number;
  tags: number;
  prompts: number;
  sessions: number;
  diaries: number;
  presets: number;
  media: number;
}

export interface VaultStore {
  getUserKeys(userId: string): Promise<UserKeysRecord | null>;
  /** False when the user already has keys (nothing written). */
  insertUserKeys(keys: UserKeysRecord): Promise<boolean>;
  /** Re-wraps the data key under a new password: the wrap and the login hash change together. */
  updatePasswordWrap(userId: string, change: PasswordWrapChange): Promise<boolean>;
  updateRecoveryWrap(userId: string, change: RecoveryWrapChange): Promise<boolean>;

  /** Encrypted tag names by blind index; all of the user's when `indexes` is omitted. */
  tagNames(userId: string, indexes?: readonly string[]): Promise<Map<string, string>>;
  /** Stores encrypted names for blind indexes that have none yet (existing ones are kept). */
  putTagNames(userId: string, names: readonly { index: string; name: string }[]): Promise<void>;

  /** Deletes every session of the user; returns their token hashes. */
  deleteUserSessions(userId: string): Promise<string[]>;

  /**
   * Encrypts a user's plaintext rows (written before encryption existed) and stores their
   * keys, all in one transaction. Returns null, changing nothing, when the user already has
   * keys (another sign-in got there first).
   */
  encryptLegacyRows(keys: UserKeysRecord, sealer: LegacySealer): Promise<LegacyCounts | null>;

  /**
   * Rewrites the client ids of the user's entries that start with one of `prefixes` to
   * `rekey(old)` (skipped where it gives null, or where the new id is already taken), in one
   * transaction; on SQLite the old values are not left in freed pages or the WAL. Returns how
   * many changed. Used to key old import keys (crypto/import-keys.ts).
   */
  rekeyClientIds(
    userId: string,
    prefixes: readonly string[],
    rekey: (clientId: string) => string | null,
  ): Promise<number>;
}
