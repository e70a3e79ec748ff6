import { rekeyImportKeys } from "./crypto/import-keys";
import type { KeyRing } from "./crypto/key-ring";
import type { UserKey } from "./crypto/keys";
import { newSessionToken, sha256Hex } from "./ids";
import type { Store, UserRecord } from "./store/store";

export const SESSION_COOKIE = "meridian_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often per session, to spare the database. */
const TOUCH_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Creates a session row (storing only the token's SHA-256), puts the user's unlocked key in
 * the key ring for it, and returns the raw token. A fresh token every time: sign-in never
 * reuses a session. With the key in hand, import keys stored by an earlier version are keyed
 * now (crypto/import-keys.ts; nothing to do after the first time).
 */
export async function startSession(store: Store, ring: KeyRing, key: UserKey, now: Date): Promise<string> {
  const token = newSessionToken();
  const tokenHash = sha256Hex(token);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await store.insertSession({
    tokenHash,
    userId: key.userId,
    createdAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    lastSeenAt: now.toISOString(),
  });
  await rekeyImportKeys(store, key);
  ring.unlock(tokenHash, key, expiresAt);
  return token;
}

export interface ResolvedSession {
  user: UserRecord;
  tokenHash: string;
  /** True when the expiry was just extended (the cookie should be re-sent). */
  renewed: boolean;
}

/** The session's user, sliding its expiry; null for unknown or expired tokens. */
export async function resolveSession(
  store: Store,
  token: string,
  now: Date,
): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const tokenHash = sha256Hex(token);
  const found = await store.findSessionWithUser(tokenHash);
  if (!found) return null;
  const { session, user } = found;
  if (session.expiresAt <= now.toISOString()) {
    await store.deleteSession(tokenHash);
    return null;
  }
  const renewed = now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS;
  if (renewed) {
    await store.touchSession(
      tokenHash,
      now.toISOString(),
      new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    );
  }
  return { user, tokenHash, renewed };
}

/** Deletes the session and drops its key from memory. */
export async function endSession(store: Store, ring: KeyRing, token: string): Promise<void> {
  const tokenHash = sha256Hex(token);
  ring.drop(tokenHash);
  await store.deleteSession(tokenHash);
}

/** Log out everywhere: every session of the user goes, and their key with them. */
export async function endAllSessions(store: Store, ring: KeyRing, userId: string): Promise<number> {
  ring.dropUser(userId);
  const hashes = await store.vault.deleteUserSessions(userId);
  for (const hash of hashes) ring.drop(hash);
  return hashes.length;
}
