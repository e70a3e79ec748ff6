import type { Store } from "../store/store";
import type { UserKey } from "./keys";

/**
 * Import keys at rest. The jrnl, Day One and Daylio readers (core, which has no keyed crypto)
 * give every record a stable source key, `<format>:<sha256 of its content>` or
 * `dayone:<uuid>`; stored as it is, a short Daylio row (a mood and a few activities) can be
 * recovered from it by guessing, and equal content shows as equal in every account. So what
 * is stored as the entry's client id is `h1:` + HMAC-SHA256 of the source key under the
 * account's import subkey (UserKey.importKey). Rows written before this keep the source key
 * until the account is next unlocked: `rekeyImportKeys` runs at every sign-in (it finds
 * nothing to do after the first) and rewrites them from the stored value alone.
 */

/** The formats whose readers derive source keys (core/src/archive). */
export const SOURCE_KEY_PREFIXES = ["jrnl:", "dayone:", "daylio:"] as const;

export function isSourceKey(clientId: string): boolean {
  return SOURCE_KEY_PREFIXES.some((prefix) => clientId.startsWith(prefix));
}

/** The client id to store for `clientId`: a source key keyed for the account, anything else
 * (a browser's own id, an already keyed `h1:` id) as it is. */
export function storedClientId(key: UserKey, clientId: string): string;
export function storedClientId(key: UserKey, clientId: string | null): string | null;
export function storedClientId(key: UserKey, clientId: string | null): string | null {
  return clientId !== null && isSourceKey(clientId) ? key.importKey(clientId) : clientId;
}

/** Re-keys the user's entries still holding a bare source key; returns how many changed. */
export async function rekeyImportKeys(store: Store, key: UserKey): Promise<number> {
  return store.vault.rekeyClientIds(key.userId, SOURCE_KEY_PREFIXES, (clientId) =>
    isSourceKey(clientId) ? key.importKey(clientId) : null,
  );
}
