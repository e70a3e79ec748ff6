import {
  entryLabel,
  type ForeignImport,
  type ImportedEntry,
  type ImportPreview,
  type ImportResult,
  type PlanItem,
  summariseImport,
} from "@meridian/core";
import { newId } from "../ids";
import type { StudioFiles } from "../media/paths";
import { type QuotaContext, reserveStorage } from "../media/quota";
import type { Store, UserRecord } from "../store/store";
import { planArchive } from "./import-archive";
import { type ImportLimits, importLimits } from "./import-limits";
import { type ParseOptions, parseImport } from "./parse-runner";
import { type ImportSearch, inParallel, Undo, WRITE_CONCURRENCY } from "./write-plan";

/**
 * Import = read the whole file, validate all of it (off the event loop, under the caps of
 * import-limits.ts), plan (what is new, what is already there), then write. A file with any
 * error throws ImportFormatError (ImportLimitError past a cap) before anything is written. Every imported record carries a stable key (a jrnl/Day One/Daylio entry's clientId
 * is derived from its source; an archive's records map onto derived ids), so importing the
 * same file again writes nothing new. If a write fails part-way (the database goes away), the
 * records this import already wrote are removed again. An archive's audio and video files count
 * against the storage quota: the room is reserved (media/quota.ts) before the first write and
 * released after the last, so an import racing uploads cannot pass it either; past it, the
 * preview and the import answer 413 quota_exceeded.
 */

/** Entries planned between two turns of the event loop. */
const PLAN_SLICE = 2000;

export interface ImportDeps {
  store: Store;
  files: StudioFiles;
  /** Kept in step with imported entries (the app's search index). */
  search?: ImportSearch;
  /** The renders counted in the storage quota (the app's render service; none from the CLI). */
  renders?: QuotaContext["renders"];
  now?: () => Date;
}

export interface PreparedImport {
  preview: ImportPreview;
  /** Writes the new records; resolves to the result shown after the import. */
  write(): Promise<ImportResult>;
}

export interface PrepareOptions extends ParseOptions {
  /** The caps (default DEFAULT_IMPORT_LIMITS): past one, ImportLimitError (HTTP 413). */
  limits?: Partial<ImportLimits>;
}

/** Reads and validates `bytes` (in a worker thread, see parse-runner.ts), then plans against
 * the account. `bytes` may sit on a SharedArrayBuffer (routes/import-body.ts) to spare a copy. */
export async function prepareImport(
  deps: ImportDeps,
  user: UserRecord,
  bytes: Uint8Array,
  options: PrepareOptions = {},
): Promise<PreparedImport> {
  const parsed = await parseImport(bytes, user.timeZone, importLimits(options.limits), options);
  const read = parsed.read;
  if (read.format === "meridian") {
    const plan = await planArchive(
      deps.store,
      deps.files,
      deps.search,
      user,
      read.archive,
      parsed.files,
      deps.now?.(),
    );
    const preview = summariseImport("meridian", plan.items, [...parsed.notes, ...plan.warnings]);
    const reserve = () => reserveMediaRoom(deps, user.id, plan.mediaBytes);
    // The preview tells now whether the files fit (holding the room only for the look).
    await (await reserve())?.release();
    const write = async () => {
      const reservation = await reserve();
      try {
        return await run(preview, plan.write);
      } finally {
        // The media rows now count what the reservation held (or the import was undone).
        await reservation?.release();
      }
    };
    return { preview, write };
  }
  const plan = await planForeign(deps, user, read);
  const preview = summariseImport(read.format, plan.items, [...parsed.notes, ...read.warnings]);
  return { preview, write: () => run(preview, plan.write) };
}

/** Holds `bytes` of the user's quota, or throws 413 quota_exceeded; null when nothing is needed. */
async function reserveMediaRoom(deps: ImportDeps, userId: string, bytes: number) {
  if (bytes === 0) return null;
  const quota: QuotaContext = {
    files: deps.files,
    studio: deps.store.studio,
    renders: deps.renders ?? { usedBytes: () => 0 },
    now: deps.now ?? (() => new Date()),
  };
  return reserveStorage(quota, userId, bytes, "The audio and video files of the archive");
}

async function run(preview: ImportPreview, write: (undo: Undo) => Promise<number>): Promise<ImportResult> {
  const undo = new Undo();
  try {
    const imported = await write(undo);
    return { ...preview, imported };
  } catch (error) {
    await undo.run();
    throw error;
  }
}

async function planForeign(
  deps: ImportDeps,
  user: UserRecord,
  read: ForeignImport,
): Promise<{ items: PlanItem[]; write: (undo: Undo) => Promise<number> }> {
  const existing = new Set(
    (await deps.store.allEntries(user.id)).flatMap((e) => (e.clientId === null ? [] : [e.clientId])),
  );
  // Stored keyed per account (crypto/import-keys.ts), so compared and written in that form.
  // A large file is planned a slice at a time, letting other requests in between.
  const keyed: ImportedEntry[] = [];
  const items: PlanItem[] = [];
  for (const [i, e] of read.entries.entries()) {
    if (i > 0 && i % PLAN_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    const k = { ...e, key: deps.store.importClientId(user.id, e.key) };
    keyed.push(k);
    items.push({
      kind: "entries",
      localDate: k.localDate,
      label: entryLabel(k.title, k.body),
      duplicate: existing.has(k.key),
    });
  }
  const fresh = keyed.filter((e) => !existing.has(e.key));
  const write = async (undo: Undo) => {
    let written = 0;
    await inParallel(fresh, WRITE_CONCURRENCY, async (e) => {
      const { entry, created } = await deps.store.createEntry(user.id, {
        id: newId(),
        clientId: e.key,
        title: e.title,
        body: e.body,
        promptId: null,
        promptText: null,
        tags: e.tags,
        createdAt: e.createdAt,
        updatedAt: e.updatedAt ?? e.createdAt,
        localDate: e.localDate,
        timeZone: e.timeZone,
      });
      if (!created) return; // a concurrent import of the same file wrote it first
      written++;
      deps.search?.upsert(user.id, entry);
      undo.push(async () => {
        await deps.store.deleteEntry(user.id, entry.id);
        deps.search?.remove(user.id, entry.id);
      });
    });
    return written;
  };
  return { items, write };
}
