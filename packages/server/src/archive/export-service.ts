import { stat } from "node:fs/promises";
import {
  ARCHIVE_JSON_NAME,
  type Archive,
  addDays,
  archiveJson,
  entryToMarkdown,
  type MarkdownEntry,
  markdownFileName,
} from "@meridian/core";
import { mediaPath, type StudioFiles } from "../media/paths";
import type { RitualSessionRecord } from "../store/ritual-store";
import type { EntryRecord, Store, UserRecord } from "../store/store";
import { readAccount } from "./read-account";
import { type ZipInput, zipChunks } from "./zip-stream";

/** Exports an account: the JSON archive with the media files, or the entries as Markdown. */

export type ExportFormat = "archive" | "markdown";

const encoder = new TextEncoder();

/** The zip's file name for a download: meridian-<username>-<YYYY-MM-DD>[-markdown].zip */
export function exportFileName(user: UserRecord, format: ExportFormat, at: Date): string {
  return `meridian-${user.username}-${at.toISOString().slice(0, 10)}${format === "markdown" ? "-markdown" : ""}.zip`;
}

export async function exportZip(
  store: Store,
  files: StudioFiles,
  user: UserRecord,
  format: ExportFormat,
  at: Date,
): Promise<AsyncGenerator<Uint8Array>> {
  const read = await readAccount(store, user, at);
  // A media file gone from disk (removed by hand, a lost volume) must not cut the zip short
  // mid-download: its item is left out of the archive and named in MISSING-FILES.txt.
  const missing: string[] = [];
  const present = await Promise.all(
    read.media.map(async (m) => {
      if (m.file === null) return true;
      const ok = await stat(mediaPath(files, user.id, m.id)).then(
        (st) => st.isFile(),
        () => false,
      );
      if (!ok) missing.push(`${m.name} (${m.kind}, id ${m.id})`);
      return ok;
    }),
  );
  const archive = { ...read, media: read.media.filter((_, i) => present[i]) };
  const note =
    missing.length === 0
      ? []
      : [
          {
            name: "MISSING-FILES.txt",
            source: {
              kind: "bytes" as const,
              data: encoder.encode(
                `These media files were missing on the server when this archive was made, so they are not in it:\n${missing.join("\n")}\n`,
              ),
            },
          },
        ];
  const inputs: ZipInput[] =
    format === "archive"
      ? [
          { name: ARCHIVE_JSON_NAME, source: { kind: "bytes", data: encoder.encode(archiveJson(archive)) } },
          ...note,
          ...archive.media.flatMap((m): ZipInput[] =>
            m.file === null
              ? []
              : [{ name: m.file, source: { kind: "file", path: mediaPath(files, user.id, m.id) } }],
          ),
        ]
      : markdownFiles(archive).map((f) => ({
          name: `journal/${f.name}`,
          source: { kind: "bytes", data: encoder.encode(f.text) },
        }));
  return zipChunks(inputs, at);
}

type SessionLike = Pick<RitualSessionRecord, "checkIn" | "checkOut" | "scene" | "media" | "startedAt">;

/** The scene's name as the person saw it: a preset's name, else the scene snapshot's name. */
export function sceneName(session: Pick<SessionLike, "scene" | "media">): string | null {
  const preset = session.media.find((m) => m.kind === "preset");
  if (preset?.kind === "preset" && preset.name) return preset.name;
  const name = session.scene?.name;
  return typeof name === "string" && name.trim() !== "" ? name : null;
}

export function markdownEntry(
  entry: Omit<EntryRecord, "userId" | "id" | "clientId" | "promptId" | "revision">,
  session: SessionLike | undefined,
): MarkdownEntry {
  return {
    title: entry.title,
    body: entry.body,
    tags: entry.tags,
    promptText: entry.promptText,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    localDate: entry.localDate,
    timeZone: entry.timeZone,
    moodBefore: session?.checkIn ?? null,
    moodAfter: session?.checkOut ?? null,
    scene: session ? sceneName(session) : null,
  };
}

/** One Markdown file per entry, with the mood and scene of the session it was written in. */
export function markdownFiles(archive: Archive): { name: string; text: string }[] {
  const sessionOf = new Map<string, SessionLike>();
  for (const s of archive.sessions) if (s.entryId !== null) sessionOf.set(s.entryId, s);
  const taken = new Set<string>();
  return archive.entries.map((e) => ({
    name: markdownFileName(e, taken),
    text: entryToMarkdown(markdownEntry({ ...e }, sessionOf.get(e.id))),
  }));
}

/** One entry as Markdown (the entry page's "Export" button). Null when it is not the user's. */
export async function exportEntryMarkdown(
  store: Store,
  userId: string,
  entryId: string,
): Promise<{ name: string; text: string } | null> {
  const entry = await store.getEntry(userId, entryId);
  if (!entry) return null;
  const session = (
    await store.ritual.listSessions(userId, { limit: 1000, from: addDays(entry.localDate, -2) })
  ).find((s) => s.entryId === entry.id);
  return {
    name: markdownFileName(entry, new Set()),
    text: entryToMarkdown(markdownEntry(entry, session)),
  };
}
