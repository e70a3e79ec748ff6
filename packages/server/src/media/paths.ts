import { join } from "node:path";

/** Where the studio keeps files: `${dataDir}/media/<userId>/<id>` and `${dataDir}/renders/`. */
export interface StudioFiles {
  dataDir: string;
  /** Largest upload accepted, in bytes. */
  mediaLimitBytes: number;
}

export const DEFAULT_MEDIA_LIMIT_MB = 200;

export const mediaDir = (files: StudioFiles, userId: string) => join(files.dataDir, "media", userId);
export const mediaPath = (files: StudioFiles, userId: string, id: string) =>
  join(mediaDir(files, userId), id);
export const rendersDir = (files: StudioFiles) => join(files.dataDir, "renders");

/** MERIDIAN_MEDIA_LIMIT_MB → bytes (default 200 MB). */
export function mediaLimitFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_MEDIA_LIMIT_MB * 1024 * 1024;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 1_000_000)
    throw new Error(`MERIDIAN_MEDIA_LIMIT_MB must be a positive number of megabytes, got "${value}"`);
  return Math.round(mb * 1024 * 1024);
}
