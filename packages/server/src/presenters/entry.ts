import { countWords, type Entry } from "@meridian/core";
import type { EntryRecord } from "../store/store";

export function presentEntry(e: EntryRecord): Entry {
  return {
    id: e.id,
    title: e.title,
    body: e.body,
    tags: [...e.tags],
    promptId: e.promptId,
    promptText: e.promptText,
    revision: e.revision,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    localDate: e.localDate,
    timeZone: e.timeZone,
    wordCount: countWords(e.body),
  };
}
