import { DecryptError, RecordUnreadableError, SessionLockedError } from "../crypto/errors";
import type { KeyRing } from "../crypto/key-ring";
import type { UserKey } from "../crypto/keys";
import type { RecordList, UnreadableRecord } from "./unreadable";

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

/** What an unreadable row is named by, apart from where it failed. */
export type UnreadableInfo = Omit<UnreadableRecord, "field">;

/**
 * Opens each row; a row that does not decrypt is logged (field and id, never a value), left
 * out, and named in the list's `unreadable`, so one bad ciphertext does not hide the others.
 */
export function openEach<R, T>(
  rows: readonly R[],
  openRow: (row: R) => T,
  describe: (row: R) => UnreadableInfo,
): RecordList<T> {
  const opened: RecordList<T> = [];
  const unreadable: UnreadableRecord[] = [];
  for (const row of rows) {
    try {
      opened.push(openRow(row));
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      logDecryptFailure(error);
      const info = describe(row);
      unreadable.push({ ...info, field: error.where ?? info.table });
    }
  }
  if (unreadable.length > 0) opened.unreadable = unreadable;
  return opened;
}

/** Opens one record asked for on its own: one that does not decrypt is logged and answered
 * 422 record_unreadable (`what` names it to the person: "preset", "session"…). */
export function openOne<R, T>(row: R | null, openRow: (row: R) => T, what: string): T | null {
  if (row === null) return null;
  try {
    return openRow(row);
  } catch (error) {
    if (!(error instanceof DecryptError)) throw error;
    logDecryptFailure(error);
    throw new RecordUnreadableError(what);
  }
}
