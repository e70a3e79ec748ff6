import type { Archive, ReadImport } from "@meridian/core";
import type { ParsedImport } from "./parse-import";

/**
 * How a parsed import crosses from the parse thread to the main thread: a head (the format,
 * warnings, an archive's account with empty lists), then the records in batches of about
 * BATCH_CHARS of text, then each media file (transferred, not copied), then "done". Each
 * batch is small enough to deserialise in a few milliseconds, so the main thread keeps
 * answering requests while a 50 MB file arrives.
 */

/** Index in the control Int32Array: batches the main thread has taken so far. */
export const TAKEN = 0;
export const CONTROL_LENGTH = 1;

const BATCH_CHARS = 256 * 1024;
const BATCH_RECORDS = 500;

const LISTS = ["entries", "prompts", "sessions", "sleepDiaries", "checkups", "presets", "media"] as const;
type ListName = (typeof LISTS)[number];

export type ParseThreadMessage =
  | { type: "head"; read: ReadImport; notes: string[]; zip: boolean }
  | { type: "records"; list: ListName; items: unknown[] }
  | { type: "file"; name: string; data: Uint8Array }
  | { type: "done" }
  | { type: "error"; limit: "size" | "files" | "records" | null; message: string };

/** Rough size of a record (its text fields dominate). */
function weight(record: unknown): number {
  const r = record as { body?: unknown; title?: unknown };
  return (
    200 +
    (typeof r.body === "string" ? r.body.length : 0) +
    (typeof r.title === "string" ? r.title.length : 0)
  );
}

function* batches(list: ListName, items: readonly unknown[]): Generator<ParseThreadMessage> {
  let batch: unknown[] = [];
  let chars = 0;
  for (const item of items) {
    batch.push(item);
    chars += weight(item);
    if (chars >= BATCH_CHARS || batch.length >= BATCH_RECORDS) {
      yield { type: "records", list, items: batch };
      batch = [];
      chars = 0;
    }
  }
  if (batch.length > 0) yield { type: "records", list, items: batch };
}

/** The messages that carry `parsed` (without "done"). */
export function* splitForTransfer(parsed: ParsedImport): Generator<ParseThreadMessage> {
  const { read } = parsed;
  const zip = parsed.files !== null;
  if (read.format === "meridian") {
    const emptied = { ...read.archive } as Archive;
    for (const list of LISTS) (emptied as Record<ListName, unknown[]>)[list] = [];
    yield { type: "head", read: { ...read, archive: emptied }, notes: parsed.notes, zip };
    for (const list of LISTS) yield* batches(list, read.archive[list]);
  } else {
    yield { type: "head", read: { ...read, entries: [] }, notes: parsed.notes, zip };
    yield* batches("entries", read.entries);
  }
  for (const [name, data] of parsed.files ?? []) yield { type: "file", name, data };
}

/** Puts the messages back together on the main thread. */
export class ParsedAssembler {
  private head: Extract<ParseThreadMessage, { type: "head" }> | null = null;
  private readonly files = new Map<string, Uint8Array>();

  take(message: ParseThreadMessage): void {
    if (message.type === "head") this.head = message;
    else if (message.type === "records") {
      const read = this.head?.read;
      if (!read) throw new Error("import thread: records before the head");
      const target: unknown[] =
        read.format === "meridian" ? read.archive[message.list] : (read.entries as unknown[]);
      for (const item of message.items) target.push(item);
    } else if (message.type === "file") this.files.set(message.name, message.data);
  }

  result(): ParsedImport {
    if (!this.head) throw new Error("import thread: finished without a result");
    return { read: this.head.read, notes: this.head.notes, files: this.head.zip ? this.files : null };
  }
}
