import type { PasswordHashing } from "../passwords";
import type { RecoveryWrapChange, UserKeysRecord } from "../store/vault-store";
import { DecryptError } from "./errors";
import { newDataKey, newSalt, passwordKek, recoveryKek, UserKey, unwrapDataKey, wrapDataKey } from "./keys";
import { newRecoveryKey, parseRecoveryKey } from "./recovery-key";

/** Key material of one account: creating it, and opening it with a password or recovery key. */

export interface NewAccountKeys {
  record: UserKeysRecord;
  key: UserKey;
  /** Shown once; never stored. */
  recoveryKey: string;
}

export async function createAccountKeys(
  userId: string,
  password: string,
  cost: PasswordHashing,
  now: Date,
): Promise<NewAccountKeys> {
  const dataKey = newDataKey();
  const passwordSalt = newSalt();
  const kek = await passwordKek(password, passwordSalt, cost);
  const recovery = recoveryWrap(userId, dataKey, now);
  const record: UserKeysRecord = {
    userId,
    passwordSalt,
    passwordParams: cost,
    passwordWrapped: wrapDataKey(kek, dataKey, userId, "password"),
    recoverySalt: recovery.change.recoverySalt,
    recoveryWrapped: recovery.change.recoveryWrapped,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  const key = new UserKey(userId, dataKey);
  dataKey.fill(0);
  kek.fill(0);
  return { record, key, recoveryKey: recovery.recoveryKey };
}

/** A fresh recovery key wrapping the same data key. */
export function recoveryWrap(
  userId: string,
  dataKey: Buffer,
  now: Date,
): { change: RecoveryWrapChange; recoveryKey: string } {
  const recovery = newRecoveryKey();
  const recoverySalt = newSalt();
  const kek = recoveryKek(recovery.bytes, recoverySalt);
  const change = {
    recoverySalt,
    recoveryWrapped: wrapDataKey(kek, dataKey, userId, "recovery"),
    updatedAt: now.toISOString(),
  };
  kek.fill(0);
  recovery.bytes.fill(0);
  return { change, recoveryKey: recovery.text };
}

/** A UserKey over a copy of the unwrapped bytes, which are wiped. */
function keyFrom(userId: string, dataKey: Buffer): UserKey {
  try {
    return new UserKey(userId, dataKey);
  } finally {
    dataKey.fill(0);
  }
}

/** The user's key, or null when the password does not open it. */
export async function unlockWithPassword(record: UserKeysRecord, password: string): Promise<UserKey | null> {
  const kek = await passwordKek(password, record.passwordSalt, record.passwordParams);
  try {
    return keyFrom(record.userId, unwrapDataKey(kek, record.passwordWrapped, record.userId, "password"));
  } catch (error) {
    if (error instanceof DecryptError) return null;
    throw error;
  } finally {
    kek.fill(0);
  }
}

/** The user's key, or null when the text is not this account's recovery key. */
export function unlockWithRecoveryKey(record: UserKeysRecord, text: string): UserKey | null {
  const bytes = parseRecoveryKey(text);
  if (!bytes) return null;
  const kek = recoveryKek(bytes, record.recoverySalt);
  try {
    return keyFrom(record.userId, unwrapDataKey(kek, record.recoveryWrapped, record.userId, "recovery"));
  } catch (error) {
    if (error instanceof DecryptError) return null;
    throw error;
  } finally {
    kek.fill(0);
    bytes.fill(0);
  }
}

/** The data key wrapped under a new password (new salt); entries are not touched. */
export async function passwordWrap(
  key: UserKey,
  password: string,
  cost: PasswordHashing,
): Promise<{ passwordSalt: string; passwordParams: PasswordHashing; passwordWrapped: string }> {
  const passwordSalt = newSalt();
  const kek = await passwordKek(password, passwordSalt, cost);
  try {
    return {
      passwordSalt,
      passwordParams: cost,
      passwordWrapped: wrapDataKey(kek, key.dataKey, key.userId, "password"),
    };
  } finally {
    kek.fill(0);
  }
}
