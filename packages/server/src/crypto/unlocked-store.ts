import { type AccountOptions, signIn, type UnlockedAccount } from "../accounts";
import { encryptStore } from "../store/encrypted-store";
import type { Store } from "../store/store";
import { KeyRing } from "./key-ring";
import type { UserKey } from "./keys";

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
 * account on the way like the web sign-in does; null for wrong credentials. */
export async function unlockAccount(
  store: Store,
  username: string,
  password: string,
  options: AccountOptions = {},
): Promise<(UnlockedStore & { account: UnlockedAccount }) | null> {
  const account = await signIn(store, username, password, options);
  if (!account) return null;
  const unlocked = storeUnlockedFor(store, account.key);
  if (account.backup) await account.backup.discard();
  return { ...unlocked, account };
}
