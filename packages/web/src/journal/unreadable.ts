import type { UnreadableEntry } from "@meridian/core";

/** Entries the server holds but could not decrypt (a damaged record): the list names them
 * apart, so none disappears without a word. */

export function unreadableHeadline(count: number): string {
  return `${count} ${count === 1 ? "entry" : "entries"} could not be decrypted`;
}

/** The ones seen so far plus a further page's, each once. */
export function addUnreadable(
  seen: readonly UnreadableEntry[],
  more: readonly UnreadableEntry[] | undefined,
): UnreadableEntry[] {
  const ids = new Set(seen.map((u) => u.id));
  return [...seen, ...(more ?? []).filter((u) => !ids.has(u.id))];
}
