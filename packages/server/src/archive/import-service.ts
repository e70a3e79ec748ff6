import {
  entryLabel,
  type ForeignImport,
  ImportFormatError,
  type ImportPreview,
  type ImportResult,
  type PlanItem,
  readImportText,
  summariseImport,
} from "@meridian/core";
import { findNulPath } from "../errors";
import { newId } from "../ids";
import type { StudioFiles } from "../media/paths";
import type { Store, UserRecord } from "../store/store";
import { planArchive } from "./import-archive";
import { unpack } from "./unpack";
import { type ImportSearch, inParallel, Undo, WRITE_CONCURRENCY } from "./write-plan";

/**
 * Import = read the whole file, validate all of it, plan (what is new, what is already
 * there), then write. A file with any error throws ImportFormatError before anything is
 * written. Every imported record carries a stable key (a jrnl/Day One/Daylio entry's clientId
 * is derived from its source; an archive's records map onto derived ids), so importing the
 * same file again writes nothing new. If a write fails part-way (the database goes away), the
 * records this import already wrote are removed again.
 */

export interface ImportDeps {
  store: Store;
  files: StudioFiles;
  /** Kept in step with imported entries (the app's search index). */
  search?: ImportSearch;
}

export interface PreparedImport {
  preview: ImportPreview;
  /** Writes the new records; resolves to the result shown after the import. */
  write(): Promise<ImportResult>;
}

export async function prepareImport(
  deps: ImportDeps,
  user: UserRecord,
  bytes: Uint8Array,
): Promise<PreparedImport> {
  const unpacked = unpack(bytes);
  const read = readImportText(unpacked.text, { timeZone: user.timeZone });
  // PostgreSQL can't store U+0000; refuse it on both backends alike, before writing.
  const nul = findNulPath(read.format === "meridian" ? read.archive : read.entries);
  if (nul) {
    const where =
      read.format === "meridian" ? `archive.json: ${nul.join(".")}` : `Entry ${Number(nul[0]) + 1}`;
    throw new ImportFormatError(`${where} contains a NUL character`);
  }
  if (read.format === "meridian") {
    const plan = await planArchive(deps.store, deps.files, deps.search, user, read.archive, unpacked.zip);
    const preview = summariseImport("meridian", plan.items, [...unpacked.notes, ...plan.warnings]);
    return { preview, write: () => run(preview, plan.write) };
  }
  const plan = await planForeign(deps, user, read);
  const preview = summariseImport(read.format, plan.items, [...unpacked.notes, ...read.warnings]);
  return { preview, write: () => run(preview, plan.write) };
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
  const keyed = read.entries.map((e) => ({ ...e, key: deps.store.importClientId(user.id, e.key) }));
  const fresh = keyed.filter((e) => !existing.has(e.key));
  const items: PlanItem[] = keyed.map((e) => ({
    kind: "entries",
    localDate: e.localDate,
    label: entryLabel(e.title, e.body),
    duplicate: existing.has(e.key),
  }));
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
