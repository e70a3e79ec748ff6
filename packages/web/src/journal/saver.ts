import type { CreateEntry, Entry, UpdateEntry } from "@meridian/core";
import { ApiError, ConflictError, NetworkError } from "../api/errors";
import { contentFromEntry, type EntryContent, sameContent } from "./content";
import type { SaveFn, SaveOutcome } from "./saveQueue";

export interface EntryWriter {
  createEntry(body: CreateEntry, opts: { keepalive?: boolean }): Promise<Entry>;
  updateEntry(id: string, body: UpdateEntry, opts: { keepalive?: boolean }): Promise<Entry>;
}

function fields(c: EntryContent) {
  const title = c.title.trim();
  return {
    title: title === "" ? null : title.slice(0, 200),
    body: c.body,
    tags: c.tags,
    promptId: c.promptId,
  };
}

function classify(err: unknown): SaveOutcome {
  if (err instanceof ConflictError) return { kind: "conflict", current: err.current };
  if (err instanceof NetworkError) return { kind: "offline", message: err.message };
  if (err instanceof ApiError) {
    const message =
      err.status === 401
        ? "You were signed out. Your text is kept on this device; sign in again to save it."
        : err.message;
    return { kind: "failed", message, code: err.code };
  }
  // fetch() rejects with TypeError when the network is gone.
  return { kind: "offline", message: err instanceof Error ? err.message : String(err) };
}

/** The SaveFn used by the editor: a create (idempotent by clientId) or a PUT against baseRevision. */
export function makeSaver(writer: EntryWriter): SaveFn {
  return async (content, target, { keepalive }) => {
    try {
      if (target.entryId === null) {
        const entry = await writer.createEntry(
          { ...fields(content), clientId: target.clientId },
          { keepalive },
        );
        if (sameContent(contentFromEntry(entry), content)) return { kind: "saved", entry };
        // A retried create found the entry an earlier (lost-answer) create made from this same draft.
        if (entry.revision !== 1) return { kind: "conflict", current: entry };
        const updated = await writer.updateEntry(
          entry.id,
          { ...fields(content), baseRevision: entry.revision },
          { keepalive },
        );
        return { kind: "saved", entry: updated };
      }
      const entry = await writer.updateEntry(
        target.entryId,
        { ...fields(content), baseRevision: target.baseRevision ?? 1 },
        { keepalive },
      );
      return { kind: "saved", entry };
    } catch (err) {
      return classify(err);
    }
  };
}
