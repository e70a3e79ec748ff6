import type { CheckOut, MediaUsed, SleepDiaryInput } from "@meridian/core";
import type { PasswordHashing } from "../passwords";
import type { Store } from "../store/store";
import type { LegacyCounts } from "../store/vault-store";
import { createAccountKeys } from "./account-keys";
import { isCiphertext } from "./cipher";
import { DecryptError } from "./errors";
import { seal, sealCheckOut, sealDiaryFields, sealMedia, sealScene } from "./field-codec";
import type { UserKey } from "./keys";

/**
 * Accounts from before encryption existed have no keys and plaintext rows. On their first
 * successful sign-in (the only moment the server knows the password) this creates their keys
 * and encrypts all their rows in one transaction, after `beforeMigrate` has taken a verified
 * backup. If anything fails, the transaction rolls back and nothing is half-encrypted.
 */

/** A backup taken before migrating; `discard` removes it once the migration is proven. */
export interface PreMigrationBackup {
  path: string;
  discard(): Promise<void>;
}

export type BeforeMigrate = (userId: string) => Promise<PreMigrationBackup | null>;

export interface LegacyResult {
  key: UserKey;
  recoveryKey: string;
  counts: LegacyCounts;
  /** The backup taken first; the caller discards it once the migrated rows read back. */
  backup: PreMigrationBackup | null;
}

/** Encrypts the user's rows; null when the user already has keys (nothing done). */
export async function encryptLegacyAccount(
  store: Store,
  userId: string,
  password: string,
  cost: PasswordHashing,
  now: Date,
  beforeMigrate: BeforeMigrate | undefined,
): Promise<LegacyResult | null> {
  if (await store.vault.getUserKeys(userId)) return null;
  const backup = beforeMigrate ? await beforeMigrate(userId) : null;
  const { record, key, recoveryKey } = await createAccountKeys(userId, password, cost, now);
  const counts = await store.vault.encryptLegacyRows(record, {
    seal: (field, recordId, plaintext) => {
      // Already ciphertext: the account's keys row went missing (a partial restore, a mistake),
      // not an account from before encryption. Encrypting again would bury the text under a
      // second key; refuse, and the transaction leaves every row as it was.
      if (isCiphertext(plaintext)) {
        throw new Error(`${field} of ${recordId} is already encrypted but ${userId} has no keys`);
      }
      return seal(key, field, recordId, plaintext);
    },
    tagIndex: (tag) => key.blindIndex(tag),
    checkOut: (sessionId, value) => sealCheckOut(key, sessionId, value as CheckOut | null),
    media: (sessionId, value) =>
      Array.isArray(value) ? sealMedia(key, sessionId, value as MediaUsed[]) : value,
    diaryFields: (nightOf, value) => sealDiaryFields(key, nightOf, value as SleepDiaryInput),
    scene: (table, recordId, value) => sealScene(key, table, recordId, value),
  });
  if (!counts) {
    // Another sign-in encrypted the account meanwhile (its own backup covers it): this backup
    // holds plaintext and proves nothing, so it goes now.
    key.wipe();
    await backup?.discard();
    return null;
  }
  return { key, recoveryKey, counts, backup };
}

/** Reads every encrypted record of the user back through the encrypting store; throws
 * DecryptError if any does not open. Proof that a migration worked before its backup goes. */
export async function readBackAccount(store: Store, userId: string): Promise<void> {
  // Lists leave out what does not open and name it: any such record fails the read-back.
  const lists = [
    await store.allEntries(userId),
    await store.listPrompts(userId),
    await store.ritual.listSessions(userId, { limit: 1_000_000 }),
    await store.ritual.listSleepDiaries(userId, {}),
    await store.studio.listPresets(userId),
    await store.studio.listMedia(userId),
  ];
  await store.countTags(userId);
  const unreadable = lists.flatMap((list) => list.unreadable ?? [])[0];
  if (unreadable) throw new DecryptError(`${unreadable.field} of ${unreadable.id}: read-back failed`);
}
