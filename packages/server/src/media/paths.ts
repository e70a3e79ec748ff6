import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";

/** Where the studio keeps files: `${dataDir}/media/<userId>/<id>` and `${dataDir}/renders/`. */
export interface StudioFiles {
  dataDir: string;
  /** Largest upload accepted, in bytes. */
  mediaLimitBytes: number;
  /** Most bytes one user's uploads and kept renders may take together (default 2 GB). */
  quotaBytes?: number;
}

export const DEFAULT_MEDIA_LIMIT_MB = 200;
export const DEFAULT_MEDIA_QUOTA_MB = 2048;

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

/** MERIDIAN_MEDIA_QUOTA_MB → bytes (default 2048 MB): each user's uploads and kept renders together. */
export function mediaQuotaFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === "") return DEFAULT_MEDIA_QUOTA_MB * 1024 * 1024;
  const mb = Number(value);
  if (!Number.isFinite(mb) || mb <= 0 || mb > 100_000_000)
    throw new Error(`MERIDIAN_MEDIA_QUOTA_MB must be a positive number of megabytes, got "${value}"`);
  return Math.round(mb * 1024 * 1024);
}

/** Removes `*.upload` files an interrupted upload (a crash mid-request) left behind. */
export async function sweepUnfinishedUploads(files: StudioFiles): Promise<number> {
  const root = join(files.dataDir, "media");
  let removed = 0;
  let users: string[];
  try {
    users = await readdir(root);
  } catch {
    return 0;
  }
  for (const user of users) {
    let names: string[];
    try {
      names = await readdir(join(root, user));
    } catch {
      continue;
    }
    for (const name of names) {
      if (!name.endsWith(".upload")) continue;
      await rm(join(root, user, name), { force: true });
      removed++;
    }
  }
  return removed;
}
