/**
 * The per-user storage quota of the studio: uploaded files plus kept renders (finished ones by
 * their size, unfinished ones by their expected size) plus what uploads on their way hold.
 * Exceeding it answers 413 with the code `quota_exceeded` and a message that says how much is
 * used and what to delete.
 *
 * Room is reserved before a byte is written (`reserveStorage`), atomically per user in the
 * database (quota_reservations), so parallel uploads, renders and other server processes on the
 * same PostgreSQL cannot all see the same free space. An upload of unknown length grows its
 * reservation as bytes arrive; the reservation goes when the file is stored or fails.
 */
import { HttpError } from "../errors";
import { newId } from "../ids";
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
  const mediaBytes = [...media, ...(media.unreadable ?? [])].reduce((sum, m) => sum + (m.sizeBytes ?? 0), 0);
  const renderBytes = renders.usedBytes(userId);
  return { quotaBytes: quotaOf(files), usedBytes: mediaBytes + renderBytes, mediaBytes, renderBytes };
}

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;

/** The 413 answer when `adding` more bytes would pass the quota. */
export function quotaError(
  usage: Pick<StorageUsage, "usedBytes" | "quotaBytes">,
  adding: number | null,
  what: string,
): HttpError {
  return new HttpError(
    413,
    QUOTA_EXCEEDED,
    `${what}${adding === null ? "" : ` (${mb(adding)})`} would pass your storage quota: ${mb(usage.usedBytes)} of ${mb(usage.quotaBytes)} used. Delete files or renders you no longer need.`,
  );
}

/** A reservation is grown in steps of this much at least (fewer database round trips). */
const GROW_STEP = 1024 * 1024;
/** How often a reservation of a long upload is stamped again. */
const REFRESH_MS = 60_000;
/** A reservation not stamped for this long belongs to a process that died: ignored, removed. */
export const STALE_RESERVATION_MS = 15 * 60_000;

export interface QuotaContext {
  files: StudioFiles;
  studio: StudioStore;
  /** The renders this process runs or keeps (an import from the CLI, with no render service, counts none). */
  renders: Pick<RenderService, "usedBytes">;
  now: () => Date;
}

/** Room held for one upload or render until `release()`. */
export class StorageReservation {
  readonly #ctx: QuotaContext;
  readonly #userId: string;
  readonly #id = newId();
  readonly #limit: number;
  #held = 0;
  #stamped = 0;
  #released = false;
  /** Bytes in use when the last grant failed (for the 413 message). */
  usedBytes = 0;

  constructor(ctx: QuotaContext, userId: string, limitBytes: number) {
    this.#ctx = ctx;
    this.#userId = userId;
    this.#limit = limitBytes;
  }

  get heldBytes(): number {
    return this.#held;
  }

  /** Adds between `min` and `want` bytes to what is held; false when `min` does not fit. */
  async grow(min: number, want: number): Promise<boolean> {
    const now = this.#ctx.now();
    const grant = await this.#ctx.studio.reserveQuota(this.#userId, {
      id: this.#id,
      minBytes: min,
      wantBytes: Math.max(min, want),
      quotaBytes: quotaOf(this.#ctx.files),
      otherBytes: () => this.#ctx.renders.usedBytes(this.#userId),
      now: now.toISOString(),
      staleBefore: new Date(now.getTime() - STALE_RESERVATION_MS).toISOString(),
    });
    this.#stamped = Date.now();
    if (!grant.ok) {
      this.usedBytes = grant.usedBytes;
      return false;
    }
    this.#held += grant.grantedBytes;
    return true;
  }

  /** Makes sure `total` bytes are held (an upload's size so far); false when they do not fit. */
  async cover(total: number): Promise<boolean> {
    if (total <= this.#held) {
      // A long upload stamps its reservation now and then, so it never reads as stale.
      if (Date.now() - this.#stamped > REFRESH_MS) return this.grow(0, 0);
      return true;
    }
    const need = total - this.#held;
    return this.grow(need, Math.min(Math.max(need, GROW_STEP), this.#limit - this.#held));
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    await this.#ctx.studio.releaseQuota(this.#userId, this.#id);
  }

  /** The 413 answer for this reservation's last failed grant. */
  error(adding: number | null, what: string): HttpError {
    return quotaError({ usedBytes: this.usedBytes, quotaBytes: quotaOf(this.#ctx.files) }, adding, what);
  }
}

/**
 * Holds `bytes` of the user's quota (0 for an upload of unknown length, which grows it with
 * `cover`) or throws the 413 `quota_exceeded` answer. `limitBytes` caps what it may grow to.
 */
export async function reserveStorage(
  ctx: QuotaContext,
  userId: string,
  bytes: number,
  what: string,
  limitBytes = bytes,
): Promise<StorageReservation> {
  const reservation = new StorageReservation(ctx, userId, Math.max(bytes, limitBytes));
  if (!(await reservation.grow(bytes, bytes))) throw reservation.error(bytes === 0 ? null : bytes, what);
  return reservation;
}
