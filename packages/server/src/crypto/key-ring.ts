import type { UserKey } from "./keys";

interface SessionSlot {
  userId: string;
  expiresAt: number;
}

interface UserSlot {
  key: UserKey;
  sessions: Set<string>;
  /** Holders without a session (a CLI command run by the operator). */
  pins: number;
}

/**
 * Unlocked data keys, in server memory only, keyed by session (the SHA-256 of its token).
 * A user's key stays while at least one of their sessions (or a pin) holds it; dropping the
 * last one wipes the key bytes and tells `onDropUser` (the search index forgets the user).
 * Nothing here is ever written anywhere.
 */
export class KeyRing {
  readonly #sessions = new Map<string, SessionSlot>();
  readonly #users = new Map<string, UserSlot>();
  readonly #listeners: ((userId: string) => void)[] = [];

  /** Called with the user id whenever a user's key leaves memory. */
  onDropUser(listener: (userId: string) => void): void {
    this.#listeners.push(listener);
  }

  /** Registers the key for a new session. A key already held for the user is kept (it is the
   * same data key) and the one passed in is wiped: one copy in memory is enough, and the caller
   * must not use it afterwards. */
  unlock(sessionHash: string, key: UserKey, expiresAt: Date): void {
    const slot = this.#slotFor(key);
    // Held while the session's previous registration goes, so that cannot wipe this key.
    slot.pins += 1;
    this.drop(sessionHash);
    slot.pins -= 1;
    if (slot.key !== key) key.wipe();
    slot.sessions.add(sessionHash);
    this.#sessions.set(sessionHash, { userId: key.userId, expiresAt: expiresAt.getTime() });
  }

  /** Holds the key without a session; call the returned function to let go. */
  pin(key: UserKey): () => void {
    const slot = this.#slotFor(key);
    slot.pins += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      slot.pins -= 1;
      this.#release(key.userId);
    };
  }

  /** Whether this session's key is in memory (and the session not past its expiry). */
  isUnlocked(sessionHash: string, now: Date): boolean {
    const slot = this.#sessions.get(sessionHash);
    if (!slot) return false;
    if (slot.expiresAt <= now.getTime()) {
      this.drop(sessionHash);
      return false;
    }
    return true;
  }

  /** Slides a session's expiry along with the database row. */
  extend(sessionHash: string, expiresAt: Date): void {
    const slot = this.#sessions.get(sessionHash);
    if (slot) slot.expiresAt = expiresAt.getTime();
  }

  keyFor(userId: string): UserKey | undefined {
    return this.#users.get(userId)?.key;
  }

  drop(sessionHash: string): void {
    const slot = this.#sessions.get(sessionHash);
    if (!slot) return;
    this.#sessions.delete(sessionHash);
    this.#users.get(slot.userId)?.sessions.delete(sessionHash);
    this.#release(slot.userId);
  }

  /** Drops every session's key of the user (log out everywhere, account deleted). */
  dropUser(userId: string): void {
    const slot = this.#users.get(userId);
    if (!slot) return;
    for (const hash of slot.sessions) this.#sessions.delete(hash);
    slot.sessions.clear();
    slot.pins = 0;
    this.#release(userId);
  }

  /** Drops keys of sessions past their expiry. */
  sweep(now: Date): void {
    for (const [hash, slot] of this.#sessions) {
      if (slot.expiresAt <= now.getTime()) this.drop(hash);
    }
  }

  get size(): number {
    return this.#users.size;
  }

  #slotFor(key: UserKey): UserSlot {
    const existing = this.#users.get(key.userId);
    if (existing) return existing;
    const slot: UserSlot = { key, sessions: new Set(), pins: 0 };
    this.#users.set(key.userId, slot);
    return slot;
  }

  #release(userId: string): void {
    const slot = this.#users.get(userId);
    if (!slot || slot.sessions.size > 0 || slot.pins > 0) return;
    this.#users.delete(userId);
    slot.key.wipe();
    for (const listener of this.#listeners) listener(userId);
  }
}
