import type { RecordList } from "./unreadable";

/** Storage of the studio (presets, own media), exposed as `Store.studio`. Like the rest of the
 * Store, every method takes the owning user's id and scopes its query by it. */

export interface PresetRecord {
  id: string;
  userId: string;
  name: string;
  /** The parsed scene JSON. */
  scene: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export interface PresetChanges {
  name?: string;
  scene?: Record<string, unknown>;
  updatedAt: string;
}

export type AudioFormat = "wav" | "mp3" | "ogg" | "opus" | "flac" | "m4a" | "aac";

export interface AudioDetails {
  format: AudioFormat;
  contentType: string;
  durationSeconds: number | null;
  loudnessLufs: number | null;
  gainDb: number;
  loudnessSource: "server" | "client" | null;
}

export type VideoFormat = "mp4" | "webm" | "mov";

/** A video file of your own (watched alongside, or attached to a session); not measured. */
export interface VideoDetails {
  format: VideoFormat;
  contentType: string;
}

export interface LinkDetails {
  url: string;
  embedUrl: string | null;
  provider: "youtube" | "other";
}

interface MediaBase {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
}

export type MediaRecord =
  | (MediaBase & { kind: "audio"; sizeBytes: number; details: AudioDetails })
  | (MediaBase & { kind: "video"; sizeBytes: number; details: VideoDetails })
  | (MediaBase & { kind: "link"; sizeBytes: 0; details: LinkDetails });

/** A media item as inserted (the owner comes separately). */
export type NewMedia = MediaRecord extends infer M ? (M extends unknown ? Omit<M, "userId"> : never) : never;

export interface MediaChanges {
  name?: string;
  details?: AudioDetails | VideoDetails | LinkDetails;
}

/** Asks for storage quota inside the per-user lock (see `StudioStore.reserveQuota`). */
export interface QuotaRequest {
  /** The reservation: created on first use, grown by later requests. */
  id: string;
  /** The grant fails unless at least this many more bytes fit. */
  minBytes: number;
  /** Grant up to this many more bytes when they fit (at least `minBytes`). */
  wantBytes: number;
  quotaBytes: number;
  /** Bytes counted outside the database (kept and queued renders), read inside the lock. */
  otherBytes: () => number;
  /** ISO time stamped on the reservation. */
  now: string;
  /** Reservations last stamped before this are a crashed process's: removed, not counted. */
  staleBefore: string;
}

export type QuotaGrant = { ok: true; grantedBytes: number } | { ok: false; usedBytes: number };

export interface StudioStore {
  listPresets(userId: string): Promise<RecordList<PresetRecord>>;
  findPreset(userId: string, id: string): Promise<PresetRecord | null>;
  insertPreset(userId: string, preset: Omit<PresetRecord, "userId">): Promise<PresetRecord>;
  /** Null when there is no such preset of this user. */
  updatePreset(userId: string, id: string, changes: PresetChanges): Promise<PresetRecord | null>;
  deletePreset(userId: string, id: string): Promise<boolean>;

  listMedia(userId: string): Promise<RecordList<MediaRecord>>;
  findMedia(userId: string, id: string): Promise<MediaRecord | null>;
  insertMedia(userId: string, item: NewMedia): Promise<MediaRecord>;
  updateMedia(userId: string, id: string, changes: MediaChanges): Promise<MediaRecord | null>;
  deleteMedia(userId: string, id: string): Promise<boolean>;

  /**
   * Atomically, per user (one at a time across connections and processes): counts media bytes,
   * live reservations and `otherBytes()`, and adds between `minBytes` and `wantBytes` to the
   * reservation `id` when they fit; otherwise grants nothing and answers the bytes in use.
   */
  reserveQuota(userId: string, request: QuotaRequest): Promise<QuotaGrant>;
  /** Removes a reservation (the upload was stored as media, or failed). */
  releaseQuota(userId: string, id: string): Promise<void>;
}
