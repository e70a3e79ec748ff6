/** The tables whose rows hold sealed text and can therefore be unreadable. */
export type UnreadableTable =
  | "entries"
  | "prompts"
  | "presets"
  | "media"
  | "ritual_sessions"
  | "sleep_diaries";

/** A stored record that did not decrypt (flipped bytes, a value moved from another record…). */
export interface UnreadableRecord {
  table: UnreadableTable;
  id: string;
  createdAt: string;
  /** The record's local date (YYYY-MM-DD): an entry's or session's day, a diary's night, else
   * the UTC day it was created. */
  localDate: string;
  /** Where it failed, e.g. "entries.body" or "tag_names.name"; never a value. */
  field: string;
  /** A session's start, which orders the session list (its pages count this record in place). */
  startedAt?: string;
  /** A media item's stored size: its file still counts against the storage quota. */
  sizeBytes?: number;
}

/** Records as a list method gives them. The encrypting store leaves out the rows that do not
 * decrypt (and logs them) and names them in `unreadable`, so one bad ciphertext does not hide
 * every other record; the plain store never sets it. Mapping or spreading the array drops
 * `unreadable`: read it first. */
export type RecordList<T> = T[] & { unreadable?: UnreadableRecord[] };

/** One place in a list: a record that opened, or one that did not. */
export interface ListSlot<T> {
  id: string;
  /** The time the list is ordered by (a session's start, an entry's creation). */
  at: string;
  record?: T;
  unreadable?: UnreadableRecord;
}

/** Opened and unreadable records together, newest first (`at` desc, then id desc, as the keyset
 * queries order them), so a page counts an unreadable record in its place and paging neither
 * stops early nor skips one. */
export function slotsNewestFirst<T extends { id: string }>(
  list: RecordList<T>,
  at: (record: T) => string,
  atUnreadable: (u: UnreadableRecord) => string,
): ListSlot<T>[] {
  const slots: ListSlot<T>[] = [
    ...list.map((record) => ({ id: record.id, at: at(record), record })),
    ...(list.unreadable ?? []).map((u) => ({ id: u.id, at: atUnreadable(u), unreadable: u })),
  ];
  return slots.sort((a, b) =>
    a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  );
}
