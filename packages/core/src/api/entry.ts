import { z } from "zod";
import { canonicalTag } from "../tags/tag";

export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, "Tags use letters, digits, spaces, dash or underscore")
  // One form everywhere: "Work Stress" and "work-stress" are the same tag, `work-stress`.
  .overwrite((t) => canonicalTag(t) ?? t);

export const MAX_BODY_CHARS = 200_000;

/** A journal entry as the API presents it. Times are ISO 8601 UTC; localDate is the
 * calendar day (YYYY-MM-DD) in the author's time zone when the entry was created. */
export const EntrySchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  body: z.string(),
  tags: z.array(z.string()),
  promptId: z.string().nullable(),
  promptText: z.string().nullable(),
  revision: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  localDate: z.string(),
  timeZone: z.string(),
  wordCount: z.number().int().min(0),
});
export type Entry = z.infer<typeof EntrySchema>;

const entryFields = {
  title: z.string().trim().max(200).nullable().optional(),
  body: z.string().max(MAX_BODY_CHARS),
  tags: z.array(TagSchema).max(30).optional(),
  promptId: z.string().max(80).nullable().optional(),
};

/** POST /api/entries. clientId makes a create idempotent: a retried create with the
 * same clientId returns the entry that already exists instead of a duplicate. */
export const CreateEntrySchema = z.object({
  ...entryFields,
  clientId: z.string().min(8).max(64).optional(),
});
export type CreateEntry = z.infer<typeof CreateEntrySchema>;

/** PUT /api/entries/:id. baseRevision is the revision the client edited; if the stored
 * revision differs the server answers 409 with the current entry and changes nothing. */
export const UpdateEntrySchema = z.object({
  ...entryFields,
  baseRevision: z.number().int().min(1),
});
export type UpdateEntry = z.infer<typeof UpdateEntrySchema>;

export const ConflictSchema = z.object({
  error: z.object({ code: z.literal("revision_conflict"), message: z.string() }),
  current: EntrySchema,
});

/** A record (entry, prompt, preset, media item, session, sleep diary) that is stored but could
 * not be decrypted: its id and local date only. Every list answer carries these as
 * `unreadable` (empty when all is well). */
export const UnreadableRecordSchema = z.object({ id: z.string(), date: z.string() });
export type UnreadableRecordInfo = z.infer<typeof UnreadableRecordSchema>;
/** An entry that is stored but could not be decrypted (the same shape as any record's). */
export const UnreadableEntrySchema = UnreadableRecordSchema;
export type UnreadableEntry = UnreadableRecordInfo;

/** A page of entries. `unreadable` names the entries of this page that did not decrypt (a
 * damaged record); they are left out of `entries`, every other entry is there. */
export const EntryListSchema = z.object({
  entries: z.array(EntrySchema),
  nextCursor: z.string().nullable(),
  unreadable: z.array(UnreadableEntrySchema),
});

export const DayCountSchema = z.object({ date: z.string(), count: z.number().int() });
export const TagCountSchema = z.object({ tag: z.string(), count: z.number().int() });

/** A search hit: snippet is plain text; highlights are [start, end) ranges into it. */
export const SearchHitSchema = z.object({
  entry: EntrySchema,
  score: z.number(),
  snippet: z.string(),
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export function countWords(markdown: string): number {
  const text = markdown.replace(/[#>*_`~[\]()!-]+/g, " ").trim();
  if (text === "") return 0;
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}
