/** Kysely table types of the studio (presets, own media). JSON columns are text on both
 * backends; timestamps are ISO 8601 UTC strings, as in schema.ts. */

export interface PresetsTable {
  id: string;
  user_id: string;
  name: string;
  /** JSON Scene, as parsed by core's parseScene (defaults filled in). */
  scene: string;
  created_at: string;
  updated_at: string;
}

export interface MediaTable {
  id: string;
  user_id: string;
  kind: "audio" | "video" | "link";
  name: string;
  /** Bytes on disk (0 for links); bigint, which PostgreSQL answers as a string. */
  size_bytes: number | string;
  /** JSON: AudioDetails, VideoDetails or LinkDetails (studio-store.ts), by kind. */
  details: string;
  created_at: string;
}

/** Quota held by an upload or render still on its way (0007_quota_reservations). */
export interface QuotaReservationsTable {
  id: string;
  user_id: string;
  /** bigint, which PostgreSQL answers as a string. */
  bytes: number | string;
  updated_at: string;
}

/** A type alias (not an interface) so it fits Kysely's `withTables` constraint. */
export type StudioTables = {
  presets: PresetsTable;
  media: MediaTable;
  quota_reservations: QuotaReservationsTable;
};
