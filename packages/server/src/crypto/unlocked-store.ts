import { resolve } from "node:path";
import { type AccountOptions, signIn, type UnlockedAccount } from "../accounts";
import { encryptStore } from "../store/encrypted-store";
import type { Store } from "../store/store";
import { rekeyImportKeys } from "./import-keys";
import { KeyRing } from "./key-ring";
import type { UserKey } from "./keys";
import { readBackAccount } from "./legacy";
import { verifiedBackupBeforeMigrate } from "./legacy-backup";

/** For CLI commands that read or write one user's journal: the encrypting store over `store`
 * with that user's key held until `release` (which wipes it). */
export interface UnlockedStore {
  store: Store;
  release(): void;
}

export function storeUnlockedFor(store: Store, key: UserKey): UnlockedStore {
  const ring = new KeyRing();
  const release = ring.pin(key);
  return { store: encryptStore(store, ring), release };
}

/** Signs in with username and password (e.g. `--password-stdin`), encrypting a pre-encryption
 * account on the way like the web sign-in does (after a verified backup in
 * `<dataDir>/backups`, removed once the rows read back); null for wrong credentials. */
export async function unlockAccount(
  store: Store,
  username: string,
  password: string,
  options: AccountOptions & { dataDir?: string } = {},
): Promise<(UnlockedStore & { account: UnlockedAccount }) | null> {
  const { dataDir, ...accountOptions } = options;
  const account = await signIn(store, username, password, {
    beforeMigrate: verifiedBackupBeforeMigrate(
      store,
      resolve(dataDir ?? (process.env.MERIDIAN_DATA_DIR || "data")),
    ),
    ...accountOptions,
  });
  if (!account) return null;
  await rekeyImportKeys(store, account.key);
  const unlocked = storeUnlockedFor(store, account.key);
  if (account.backup) {
    try {
      await readBackAccount(unlocked.store, account.user.id);
    } catch (error) {
      unlocked.release();
      throw error;
    }
    await account.backup.discard();
  }
  return { ...unlocked, account };
}
