/**
 * Tags stored before they had one form ("Work Stress" beside "work-stress", each with its own
 * blind index) are merged into the canonical tag once per unlocked key: every sealed tag name
 * of the user is opened, and each that is not canonical has its entries moved onto the
 * canonical tag's index (its sealed name stored first). Blind indexes need the user's key, so
 * this cannot be a SQL migration; it runs the first time the key counts, searches or exports
 * tags, and costs one read of the user's tag names afterwards when nothing is left to merge.
 */
import { canonicalTag } from "@meridian/core";
import { DecryptError } from "../crypto/errors";
import { open, seal } from "../crypto/field-codec";
import type { UserKey } from "../crypto/keys";
import { logDecryptFailure } from "./encrypted-helpers";
import type { Store } from "./store";

const merged = new WeakSet<UserKey>();
const running = new WeakMap<UserKey, Promise<number>>();

/** Merges the user's non-canonical tags (see above); returns how many tag names moved. Requests
 * that arrive while a merge for the same key runs wait for it (and get 0) rather than start a
 * second one; a merge for another key of the same user is safe too (every write is idempotent). */
export async function mergeLegacyTags(inner: Store, key: UserKey): Promise<number> {
  if (merged.has(key)) return 0;
  const inFlight = running.get(key);
  if (inFlight) return inFlight.then(() => 0);
  const run = mergeOnce(inner, key).finally(() => running.delete(key));
  running.set(key, run);
  return run;
}

async function mergeOnce(inner: Store, key: UserKey): Promise<number> {
  const sealed = await inner.vault.tagNames(key.userId);
  const moves: { from: string; to: string; name: string }[] = [];
  for (const [index, value] of sealed) {
    let name: string;
    try {
      name = open(key, "tag_names.name", index, value);
    } catch (error) {
      if (!(error instanceof DecryptError)) throw error;
      logDecryptFailure(error);
      continue;
    }
    const canonical = canonicalTag(name);
    if (canonical === null || canonical === name) continue;
    moves.push({ from: index, to: key.blindIndex(canonical), name: canonical });
  }
  if (moves.length > 0) {
    const fresh = new Map<string, string>();
    for (const m of moves) {
      if (!sealed.has(m.to)) fresh.set(m.to, seal(key, "tag_names.name", m.to, m.name));
    }
    await inner.vault.putTagNames(
      key.userId,
      [...fresh].map(([index, name]) => ({ index, name })),
    );
    for (const m of moves) {
      key.tagNames.set(m.to, m.name);
      await inner.mergeTag(key.userId, m.from, m.to);
    }
  }
  merged.add(key);
  return moves.length;
}
