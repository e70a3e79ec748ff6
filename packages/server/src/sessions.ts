import { newSessionToken, sha256Hex } from "./ids";
import type { Store, UserRecord } from "./store/store";

export const SESSION_COOKIE = "meridian_session";
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Sliding expiry is written at most this often per session, to spare the database. */
const TOUCH_INTERVAL_MS = 10 * 60 * 1000;

/** Creates a session row (storing only the token's SHA-256) and returns the raw token. */
export async function startSession(store: Store, userId: string, now: Date): Promise<string> {
  const token = newSessionToken();
  await store.insertSession({
    tokenHash: sha256Hex(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
    lastSeenAt: now.toISOString(),
  });
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

export async function endSession(store: Store, token: string): Promise<void> {
  await store.deleteSession(sha256Hex(token));
}
