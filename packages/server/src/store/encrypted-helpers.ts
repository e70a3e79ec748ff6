import { DecryptError, SessionLockedError } from "../crypto/errors";
import type { KeyRing } from "../crypto/key-ring";
import type { UserKey } from "../crypto/keys";

/** An object answering `overrides` first and everything else from `inner` (methods bound). */
export function forwardRest<T extends object>(overrides: Partial<T>, inner: T): T {
  return new Proxy(overrides as T, {
    get(target, prop) {
      if (prop in target) return Reflect.get(target, prop);
      const value = Reflect.get(inner, prop, inner);
      return typeof value === "function" ? value.bind(inner) : value;
    },
    has: (target, prop) => prop in target || prop in inner,
  });
}

export function keyOf(ring: KeyRing, userId: string): UserKey {
  const key = ring.keyFor(userId);
  if (!key) throw new SessionLockedError();
  return key;
}

/** Logs where a decryption failed (the field and record id, never the value). */
export function logDecryptFailure(error: DecryptError): void {
  console.error(`decrypt_failed: ${error.context}`);
}

/** Logs a decryption failure with where it happened (never the value) and rethrows it. */
export async function loudly<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DecryptError) logDecryptFailure(error);
    throw error;
  }
}
