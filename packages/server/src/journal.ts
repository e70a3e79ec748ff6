import { type CreateEntry, ErrorCode, findBuiltInPrompt, type UpdateEntry } from "@meridian/core";
import type { AppDeps } from "./context";
import { HttpError } from "./errors";
import { newId } from "./ids";
import type { EntryRecord, Store, UpdateResult, UserRecord } from "./store/store";
import { localDateIn } from "./time";

/** Journal use cases behind the entry routes: prompt snapshots, local dates, search upkeep. */

/** The prompt text to store with an entry: built-in prompts first, then the user's own. */
async function snapshotPrompt(
  store: Store,
  userId: string,
  promptId: string | null | undefined,
): Promise<{ promptId: string | null; promptText: string | null } | undefined> {
  if (promptId === undefined) return undefined;
  if (promptId === null) return { promptId: null, promptText: null };
  const text = findBuiltInPrompt(promptId)?.text ?? (await store.getPrompt(userId, promptId))?.text;
  if (text === undefined)
    throw new HttpError(400, ErrorCode.validation, "promptId: Unknown prompt", "promptId");
  return { promptId, promptText: text };
}

export async function createJournalEntry(
  deps: AppDeps,
  user: UserRecord,
  input: CreateEntry,
): Promise<{ entry: EntryRecord; created: boolean }> {
  const now = deps.now();
  const prompt = await snapshotPrompt(deps.store, user.id, input.promptId);
  const result = await deps.store.createEntry(user.id, {
    id: newId(),
    clientId: input.clientId ?? null,
    title: input.title || null,
    body: input.body,
    promptId: prompt?.promptId ?? null,
    promptText: prompt?.promptText ?? null,
    tags: input.tags ?? [],
    createdAt: now.toISOString(),
    localDate: localDateIn(user.timeZone, now),
    timeZone: user.timeZone,
  });
  if (result.created) deps.search.upsert(user.id, result.entry);
  return result;
}

/** Applies a PUT: fields left out keep their stored value; a stale baseRevision changes nothing. */
export async function updateJournalEntry(
  deps: AppDeps,
  user: UserRecord,
  id: string,
  input: UpdateEntry,
): Promise<UpdateResult> {
  const prompt = await snapshotPrompt(deps.store, user.id, input.promptId);
  const result = await deps.store.updateEntry(user.id, id, input.baseRevision, {
    body: input.body,
    updatedAt: deps.now().toISOString(),
    ...(input.title !== undefined ? { title: input.title || null } : {}),
    ...(input.tags !== undefined ? { tags: input.tags } : {}),
    ...(prompt ? prompt : {}),
  });
  if (result.status === "updated") deps.search.upsert(user.id, result.entry);
  return result;
}

export async function deleteJournalEntry(deps: AppDeps, user: UserRecord, id: string): Promise<boolean> {
  const deleted = await deps.store.deleteEntry(user.id, id);
  if (deleted) deps.search.remove(user.id, id);
  return deleted;
}
