import type { UnreadableRecordInfo } from "@meridian/core";

/** Records the server holds but could not decrypt (a damaged record): every list names them
 * apart (`unreadable`), so none disappears without a word. */

/** What a list holds, in the singular and plural. */
export interface UnreadableNoun {
  one: string;
  many: string;
}

export const UNREADABLE_NOUNS = {
  entry: { one: "entry", many: "entries" },
  preset: { one: "preset", many: "presets" },
  media: { one: "media item", many: "media items" },
  session: { one: "session", many: "sessions" },
  prompt: { one: "own prompt", many: "own prompts" },
  diary: { one: "sleep diary", many: "sleep diaries" },
} as const satisfies Record<string, UnreadableNoun>;

export function unreadableHeadline(count: number, noun: UnreadableNoun = UNREADABLE_NOUNS.entry): string {
  return `${count} ${count === 1 ? noun.one : noun.many} could not be decrypted`;
}

/** The ones seen so far plus a further page's, each once. */
export function addUnreadable(
  seen: readonly UnreadableRecordInfo[],
  more: readonly UnreadableRecordInfo[] | undefined,
): UnreadableRecordInfo[] {
  const ids = new Set(seen.map((u) => u.id));
  return [...seen, ...(more ?? []).filter((u) => !ids.has(u.id))];
}
