import type { CheckOut, MediaUsed, SleepDiaryInput } from "@meridian/core";
import { openText, sealText } from "./cipher";
import { SessionLockedError } from "./errors";
import type { UserKey } from "./keys";

/**
 * Which parts of a record are sealed, in one place, shared by the encrypting store and the
 * legacy migration. Field names are "table.column[.path]"; the record id is the row's stable
 * id (a sleep diary's night, because a diary upsert keeps the first id it got).
 */

/** The content key, or SessionLockedError when the key was wiped meanwhile (never zero bytes). */
function contentKey(key: UserKey): Buffer {
  if (key.wiped) throw new SessionLockedError();
  return key.contentKey;
}

export const seal = (key: UserKey, field: string, recordId: string, plaintext: string): string =>
  sealText(contentKey(key), plaintext, { userId: key.userId, field, recordId });

export const open = (key: UserKey, field: string, recordId: string, sealed: string): string =>
  openText(contentKey(key), sealed, { userId: key.userId, field, recordId });

const sealNullable = (key: UserKey, field: string, id: string, v: string | null | undefined) =>
  v === null || v === undefined ? v : seal(key, field, id, v);
const openNullable = (key: UserKey, field: string, id: string, v: string | null | undefined) =>
  v === null || v === undefined ? v : open(key, field, id, v);

export { openNullable, sealNullable };

/** Optional notes inside JSON columns: an empty or absent note stays as it is. */
const sealNote = (key: UserKey, field: string, id: string, v: string | null | undefined) =>
  typeof v === "string" && v !== "" ? seal(key, field, id, v) : v;
const openNote = (key: UserKey, field: string, id: string, v: string | null | undefined) =>
  typeof v === "string" && v !== "" ? open(key, field, id, v) : v;

export function sealCheckOut(key: UserKey, sessionId: string, c: CheckOut): CheckOut;
export function sealCheckOut(key: UserKey, sessionId: string, c: CheckOut | null): CheckOut | null;
export function sealCheckOut(key: UserKey, sessionId: string, c: CheckOut | null): CheckOut | null {
  if (!c || typeof c.note !== "string" || c.note === "") return c;
  return { ...c, note: sealNote(key, "ritual_sessions.check_out.note", sessionId, c.note) };
}

export function openCheckOut(key: UserKey, sessionId: string, c: CheckOut | null): CheckOut | null {
  if (!c || typeof c.note !== "string" || c.note === "") return c;
  return { ...c, note: openNote(key, "ritual_sessions.check_out.note", sessionId, c.note) };
}

type Codec = (
  key: UserKey,
  field: string,
  id: string,
  v: string | null | undefined,
) => string | null | undefined;

/** Every kind of media item carries its text as `name` and/or `title`; both are sealed, so a
 * kind added later is covered without a change here. */
function mapMediaNames(
  key: UserKey,
  sessionId: string,
  media: readonly MediaUsed[],
  codec: Codec,
): MediaUsed[] {
  return media.map((m, i): MediaUsed => {
    const field = `ritual_sessions.media.${i}.name`;
    const out: Record<string, unknown> = { ...m };
    if ("name" in m && typeof m.name === "string") out.name = codec(key, field, sessionId, m.name);
    if ("title" in m && typeof m.title === "string") out.title = codec(key, field, sessionId, m.title);
    return out as MediaUsed;
  });
}

/** Names and titles inside a session's media list (they repeat preset and media names). */
export const sealMedia = (key: UserKey, sessionId: string, media: readonly MediaUsed[]) =>
  mapMediaNames(key, sessionId, media, sealNote);
export const openMedia = (key: UserKey, sessionId: string, media: readonly MediaUsed[]) =>
  mapMediaNames(key, sessionId, media, openNote);

export function sealDiaryFields(key: UserKey, nightOf: string, f: SleepDiaryInput): SleepDiaryInput {
  if (typeof f.comments !== "string" || f.comments === "") return f;
  return { ...f, comments: seal(key, "sleep_diaries.fields.comments", nightOf, f.comments) };
}

export function openDiaryFields(key: UserKey, nightOf: string, f: SleepDiaryInput): SleepDiaryInput {
  if (typeof f.comments !== "string" || f.comments === "") return f;
  return { ...f, comments: open(key, "sleep_diaries.fields.comments", nightOf, f.comments) };
}

/** Where a scene is stored: a preset's scene or a session's snapshot. */
export type SceneTable = "presets" | "ritual_sessions";

/**
 * The text inside a scene: its `name` and `description` (the web app copies a preset's name into
 * its scene) and each own-audio layer's `name` (a copy of the file's name). Everything else in a
 * scene describes sounds (generators, levels, positions) and stays plain, so insights can read
 * the generators. Non-object values pass through untouched.
 */
function mapSceneText<T>(key: UserKey, table: SceneTable, recordId: string, scene: T, codec: Codec): T {
  if (!scene || typeof scene !== "object" || Array.isArray(scene)) return scene;
  const out: Record<string, unknown> = { ...(scene as Record<string, unknown>) };
  for (const prop of ["name", "description"] as const) {
    const value = out[prop];
    if (typeof value === "string") out[prop] = codec(key, `${table}.scene.${prop}`, recordId, value);
  }
  if (Array.isArray(out.mediaLayers)) {
    out.mediaLayers = out.mediaLayers.map((layer: unknown, i) => {
      if (!layer || typeof layer !== "object" || !("name" in layer) || typeof layer.name !== "string") {
        return layer;
      }
      return { ...layer, name: codec(key, `${table}.scene.mediaLayers.${i}.name`, recordId, layer.name) };
    });
  }
  return out as T;
}

export const sealScene = <T>(key: UserKey, table: SceneTable, recordId: string, scene: T): T =>
  mapSceneText(key, table, recordId, scene, sealNote);
export const openScene = <T>(key: UserKey, table: SceneTable, recordId: string, scene: T): T =>
  mapSceneText(key, table, recordId, scene, openNote);
