import { z } from "@hono/zod-openapi";
import { UnreadableRecordSchema } from "@meridian/core";
import type { UnreadableRecord } from "../store/unreadable";

/** A list answer's `unreadable`: the records of that list that are stored but did not decrypt
 * (left out of the list, logged on the server), by id and local date. Empty when all is well. */
export const UnreadableListSchema = z.array(UnreadableRecordSchema);

export function unreadableOf(list: {
  unreadable?: readonly UnreadableRecord[];
}): { id: string; date: string }[] {
  return (list.unreadable ?? []).map((u) => ({ id: u.id, date: u.localDate }));
}
