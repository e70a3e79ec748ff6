/**
 * The per-user storage quota of the studio: uploaded files plus kept renders (finished ones by
 * their size, unfinished ones by their expected size). Exceeding it answers 413 with the code
 * `quota_exceeded` and a message that says how much is used and what to delete.
 */
import { HttpError } from "../errors";
import type { RenderService } from "../render/render-service";
import type { StudioStore } from "../store/studio-store";
import { DEFAULT_MEDIA_QUOTA_MB, type StudioFiles } from "./paths";

export const QUOTA_EXCEEDED = "quota_exceeded";

export interface StorageUsage {
  quotaBytes: number;
  usedBytes: number;
  mediaBytes: number;
  renderBytes: number;
}

export const quotaOf = (files: StudioFiles) => files.quotaBytes ?? DEFAULT_MEDIA_QUOTA_MB * 1024 * 1024;

export async function storageUsage(
  files: StudioFiles,
  studio: StudioStore,
  renders: RenderService,
  userId: string,
): Promise<StorageUsage> {
  const media = await studio.listMedia(userId);
  const mediaBytes = media.reduce((sum, m) => sum + m.sizeBytes, 0);
  const renderBytes = renders.usedBytes(userId);
  return { quotaBytes: quotaOf(files), usedBytes: mediaBytes + renderBytes, mediaBytes, renderBytes };
}

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/** The 413 answer when `adding` more bytes would pass the quota. */
export function quotaError(usage: StorageUsage, adding: number | null, what: string): HttpError {
  return new HttpError(
    413,
    QUOTA_EXCEEDED,
    `${what}${adding === null ? "" : ` (${mb(adding)})`} would pass your storage quota: ${mb(usage.usedBytes)} of ${mb(usage.quotaBytes)} used. Delete files or renders you no longer need.`,
  );
}
