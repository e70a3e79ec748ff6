/**
 * The server's render queue. Renders are kept on disk in `dir` until their owner deletes them:
 * the audio as `<id>.<format>` and its description as `<id>.json` (written when the render is
 * queued and again when it ends), so a restart lists the finished ones again; a render a restart
 * cut off is listed as failed ("interrupted") with its partial file removed. One render runs at a
 * time per user and the rest wait.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { VoiceSceneLayer } from "@meridian/core";
import type { Scene } from "@meridian/sound";
import { newId } from "../ids";
import { formatDuration } from "./duration";
import type { MediaRenderInput } from "./media-source";
import type { RenderFormat } from "./pipeline";
import { logRenderError, publicRenderError, withoutPaths } from "./public-error";
import { type RunningRender, startRender } from "./render-thread";

export type RenderStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface RenderView {
  id: string;
  status: RenderStatus;
  format: RenderFormat;
  durationSeconds: number;
  progress: number;
  etaSeconds: number | null;
  sizeBytes: number | null;
  fileName: string;
  error: string | null;
  /** What the render left out, e.g. an own-audio layer in a format the server can't decode. */
  warnings: string[];
  createdAt: string;
}

interface Job extends RenderView {
  userId: string;
  scene: Scene;
  media: MediaRenderInput[];
  voiceLayers: VoiceSceneLayer[];
  seed: number;
  path: string;
  running?: RunningRender;
  startedAt?: number;
  ended?: Promise<void>;
  /** Writes of the description, one after another. */
  saving?: Promise<void>;
  /** Stopped by the server shutting down (not by its owner): it reads failed, not cancelled. */
  interrupted?: boolean;
}

/** What `<id>.json` holds. */
interface StoredRender {
  id: string;
  userId: string;
  status: RenderStatus;
  format: RenderFormat;
  durationSeconds: number;
  sizeBytes: number | null;
  fileName: string;
  error: string | null;
  warnings: string[];
  createdAt: string;
}

export interface RenderServiceOptions {
  /** Folder of the render files (created on first use). */
  dir: string;
  now?: () => Date;
  /** Most unfinished (queued or running) renders per user (default 3). */
  maxPendingPerUser?: number;
  /** Render in worker threads (default true); false renders on the event loop in chunks. */
  threads?: boolean;
  sampleRate?: number;
}

export class TooManyRendersError extends Error {}

const RENDER_ID = /^[A-Za-z0-9_-]{22}$/;
const INTERRUPTED = "A server restart interrupted this render; start it again";
const MP3_KBPS = 160;

const LEFT_OUT = "Some of your own audio files were left out of this render.";

function neutralFileName(job: { durationSeconds: number; format: RenderFormat }): string {
  return `meridian-render-${formatDuration(job.durationSeconds)}.${job.format}`;
}

function slug(text: string): string {
  const s = text
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "-")
    .slice(0, 60);
  return s || "meridian-mix";
}

/** Bytes a render of this length and format will take (16-bit stereo WAV; 160 kbps MP3). */
export function estimateRenderBytes(seconds: number, format: RenderFormat, sampleRate = 48000): number {
  return format === "wav"
    ? Math.ceil(seconds * sampleRate) * 4 + 80
    : Math.ceil((seconds * MP3_KBPS * 1000) / 8);
}

export class RenderService {
  readonly #jobs = new Map<string, Job>();
  readonly #dir: string;
  readonly #now: () => Date;
  readonly #maxPending: number;
  readonly #sampleRate: number;
  #threads: boolean;
  #disposed = false;
  #loaded = false;

  constructor(options: RenderServiceOptions) {
    this.#dir = options.dir;
    this.#now = options.now ?? (() => new Date());
    this.#maxPending = options.maxPendingPerUser ?? 3;
    this.#threads = options.threads ?? true;
    this.#sampleRate = options.sampleRate ?? 48000;
  }

  /** Reads what earlier runs left in the folder (once): finished renders come back; renders a
   * restart cut off are marked failed and their partial audio removed; stray files go. */
  #load(): void {
    if (this.#loaded) return;
    this.#loaded = true;
    mkdirSync(this.#dir, { recursive: true });
    const names = readdirSync(this.#dir);
    const described = new Set<string>();
    const stored: StoredRender[] = [];
    for (const name of names) {
      const m = /^(.+)\.json$/.exec(name);
      if (!m?.[1] || !RENDER_ID.test(m[1])) continue;
      try {
        const r = JSON.parse(readFileSync(join(this.#dir, name), "utf8")) as StoredRender;
        if (r.id !== m[1] || (r.format !== "wav" && r.format !== "mp3") || typeof r.userId !== "string")
          continue;
        described.add(r.id);
        stored.push(r);
      } catch {
        // An unreadable description (cut off mid-write): the render is dropped below.
      }
    }
    for (const name of names) {
      const m = /^([A-Za-z0-9_-]{22})\.(wav|mp3|json|json\.[A-Za-z0-9_-]+\.tmp)$/.exec(name);
      const temp = name.endsWith(".tmp");
      if (m?.[1] && (temp || !described.has(m[1]))) rmSync(join(this.#dir, name), { force: true });
    }
    stored.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    for (const r of stored) {
      const path = join(this.#dir, `${r.id}.${r.format}`);
      const job: Job = {
        ...r,
        error: withoutPaths(typeof r.error === "string" ? r.error : null),
        warnings: Array.isArray(r.warnings) ? r.warnings : [],
        progress: r.status === "done" ? 1 : 0,
        etaSeconds: null,
        scene: { version: 1, layers: [] },
        media: [],
        voiceLayers: [],
        seed: 1,
        path,
      };
      if (r.status === "done") {
        try {
          job.sizeBytes = statSync(path).size;
        } catch {
          job.status = "failed";
          job.error = "The rendered file is missing on the server";
        }
      } else if (r.status === "queued" || r.status === "running") {
        rmSync(path, { force: true });
        job.status = "failed";
        job.error = INTERRUPTED;
        void this.#save(job);
      } else rmSync(path, { force: true });
      this.#jobs.set(job.id, job);
    }
  }

  /** Writes the description (or, for a cancelled render, removes it): queued behind earlier writes. */
  #save(job: Job): Promise<void> {
    const next = (job.saving ?? Promise.resolve()).catch(() => {}).then(() => this.#write(job));
    job.saving = next;
    return next;
  }

  async #write(job: Job): Promise<void> {
    const file = join(this.#dir, `${job.id}.json`);
    if (job.status === "cancelled" || !this.#jobs.has(job.id)) {
      // A cancelled render leaves nothing on disk (it does not come back after a restart).
      await rm(file, { force: true });
      return;
    }
    const stored: StoredRender = {
      id: job.id,
      userId: job.userId,
      status: job.status,
      format: job.format,
      durationSeconds: job.durationSeconds,
      sizeBytes: job.sizeBytes,
      // The scene's name and the own-audio names in warnings are the user's text, sealed in
      // the database: the description on disk keeps neither (after a restart the render is
      // listed under a neutral name).
      fileName: neutralFileName(job),
      error: job.error,
      warnings: job.warnings.length === 0 ? [] : [LEFT_OUT],
      createdAt: job.createdAt,
    };
    // Write then rename: a crash never leaves half a description (a unique temp name, so a
    // server still shutting down and its successor never share one).
    const temp = `${file}.${newId()}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(stored));
      await rename(temp, file);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  create(
    userId: string,
    input: {
      scene: Scene;
      seconds: number;
      format: RenderFormat;
      seed?: number;
      media?: MediaRenderInput[];
      /** The scene's voice layers, narrated into `scene.pcmLayers`. */
      voiceLayers?: readonly VoiceSceneLayer[];
      warnings?: string[];
    },
  ): RenderView {
    this.#load();
    const pending = [...this.#jobs.values()].filter(
      (j) => j.userId === userId && (j.status === "queued" || j.status === "running"),
    );
    if (pending.length >= this.#maxPending) {
      throw new TooManyRendersError(`At most ${this.#maxPending} renders can wait or run at once`);
    }
    const id = newId();
    const job: Job = {
      id,
      userId,
      status: "queued",
      format: input.format,
      durationSeconds: input.seconds,
      progress: 0,
      etaSeconds: null,
      sizeBytes: null,
      fileName: `${slug(input.scene.name ?? "meridian-mix")}-${formatDuration(input.seconds)}.${input.format}`,
      error: null,
      warnings: input.warnings ?? [],
      createdAt: this.#now().toISOString(),
      scene: input.scene,
      media: input.media ?? [],
      voiceLayers: [...(input.voiceLayers ?? [])],
      seed: input.seed ?? 1,
      path: join(this.#dir, `${id}.${input.format}`),
    };
    this.#jobs.set(id, job);
    job.ended = this.#save(job).then(
      () => this.#pump(userId),
      (error: unknown) => {
        logRenderError(job.id, userId, error);
        job.error = publicRenderError(error);
        job.status = "failed";
      },
    );
    return this.#view(job);
  }

  get(userId: string, id: string): RenderView | null {
    this.#load();
    const job = this.#jobs.get(id);
    return job && job.userId === userId ? this.#view(job) : null;
  }

  list(userId: string): RenderView[] {
    this.#load();
    return [...this.#jobs.values()]
      .filter((j) => j.userId === userId)
      .reverse()
      .map((j) => this.#view(j));
  }

  /** Bytes the user's renders take or will take on disk (finished: their size; unfinished: the estimate). */
  usedBytes(userId: string): number {
    this.#load();
    let sum = 0;
    for (const j of this.#jobs.values()) {
      if (j.userId !== userId) continue;
      if (j.status === "done") sum += j.sizeBytes ?? 0;
      else if (j.status === "queued" || j.status === "running")
        sum += estimateRenderBytes(j.durationSeconds, j.format, this.#sampleRate);
    }
    return sum;
  }

  /** The file of a render (null: no such render of this user). */
  file(userId: string, id: string): { view: RenderView; path: string } | null {
    this.#load();
    const job = this.#jobs.get(id);
    if (!job || job.userId !== userId) return null;
    return { view: this.#view(job), path: job.path };
  }

  /**
   * Cancels a queued or running render (it reads `cancelled`, its file removed) or deletes a
   * finished one with its file. False when there is no such render of this user.
   */
  async cancel(userId: string, id: string): Promise<boolean> {
    this.#load();
    const job = this.#jobs.get(id);
    if (!job || job.userId !== userId) return false;
    if (job.status === "queued") {
      await this.#finish(job, "cancelled");
      return true;
    }
    if (job.status === "running") {
      job.status = "cancelled";
      job.running?.cancel();
      await job.ended;
      return true;
    }
    await this.#forget(job);
    return true;
  }

  /** Deletes every render of a user with its files (the account is being removed). */
  async removeUser(userId: string): Promise<void> {
    for (const job of [...this.#jobs.values()]) if (job.userId === userId) await this.cancel(userId, job.id);
    for (const job of [...this.#jobs.values()]) if (job.userId === userId) await this.#forget(job);
  }

  /** Stops every render (the server is shutting down): running ones end with their partial file
   * removed and read failed ("interrupted"), queued ones stay queued on disk and read the same
   * after the next start. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const ended: Promise<void>[] = [];
    for (const job of this.#jobs.values()) {
      if (job.status === "running") {
        job.interrupted = true;
        job.status = "cancelled";
        job.running?.cancel();
        if (job.ended) ended.push(job.ended);
      }
      if (job.saving) ended.push(job.saving.catch(() => {}));
    }
    await Promise.all(ended);
    // A render that ended just now queued its final description ("interrupted") behind the
    // writes awaited above: wait until no description write is left, so a successor process
    // never sees one land after it has started.
    for (let round = 0; round < 10; round++) {
      const writes = [...this.#jobs.values()].map((j) => j.saving).filter((w) => w !== undefined);
      await Promise.all(writes.map((w) => w.catch(() => {})));
      if ([...this.#jobs.values()].every((j) => j.saving === undefined || writes.includes(j.saving))) break;
    }
  }

  #view(job: Job): RenderView {
    let eta: number | null = null;
    if (job.status === "running" && job.startedAt !== undefined && job.progress > 0) {
      const elapsed = (performance.now() - job.startedAt) / 1000;
      if (elapsed > 0.5 || job.progress > 0.05)
        eta = Math.round((elapsed / job.progress) * (1 - job.progress) * 10) / 10;
    }
    return {
      id: job.id,
      status: job.status,
      format: job.format,
      durationSeconds: job.durationSeconds,
      progress: job.status === "done" ? 1 : Math.min(1, job.progress),
      etaSeconds: job.status === "done" ? 0 : eta,
      sizeBytes: job.sizeBytes,
      fileName: job.fileName,
      error: job.error,
      warnings: [...job.warnings],
      createdAt: job.createdAt,
    };
  }

  #pump(userId: string): void {
    if (this.#disposed) return;
    const jobs = [...this.#jobs.values()].filter((j) => j.userId === userId);
    if (jobs.some((j) => j.status === "running")) return;
    const next = jobs.find((j) => j.status === "queued");
    if (next) next.ended = this.#run(next);
  }

  async #run(job: Job): Promise<void> {
    job.status = "running";
    job.startedAt = performance.now();
    const spec = {
      scene: job.scene,
      seconds: job.durationSeconds,
      sampleRate: this.#sampleRate,
      seed: job.seed,
      format: job.format,
      out: job.path,
      media: job.media,
      voiceLayers: job.voiceLayers,
    };
    const onProgress = (done: number, total: number) => {
      job.progress = total > 0 ? done / total : 1;
    };
    try {
      let outcome: { frames: number; aborted: boolean };
      try {
        job.running = startRender(spec, onProgress, { thread: this.#threads });
        outcome = await job.running.finished;
      } catch (error) {
        // No TypeScript loader in a thread here: render on the event loop from now on.
        const failedToStart =
          error instanceof Error && error.message.startsWith("render thread failed to start");
        if (!failedToStart || !job.running?.threaded || (job.status as RenderStatus) === "cancelled")
          throw error;
        console.warn(`${error.message}; rendering on the event loop instead`);
        this.#threads = false;
        job.running = startRender(spec, onProgress, { thread: false });
        outcome = await job.running.finished;
      }
      if (outcome.aborted || (job.status as RenderStatus) === "cancelled") {
        await rm(job.path, { force: true });
        if (job.interrupted) {
          job.error = INTERRUPTED;
          await this.#finish(job, "failed");
        } else await this.#finish(job, "cancelled");
      } else {
        job.sizeBytes = (await stat(job.path)).size;
        await this.#finish(job, "done");
      }
    } catch (error) {
      await rm(job.path, { force: true });
      if ((job.status as RenderStatus) === "cancelled") await this.#finish(job, "cancelled");
      else {
        logRenderError(job.id, job.userId, error);
        job.error = publicRenderError(error);
        await this.#finish(job, "failed");
      }
    } finally {
      delete job.running;
      this.#pump(job.userId);
    }
  }

  async #finish(job: Job, status: RenderStatus): Promise<void> {
    job.status = status;
    if (status === "done") job.progress = 1;
    await this.#save(job).catch((error: unknown) => console.error("Saving a render's description:", error));
  }

  async #forget(job: Job): Promise<void> {
    this.#jobs.delete(job.id);
    await rm(job.path, { force: true });
    await this.#save(job);
  }
}

/**
 * Removes every render of `userId` from a renders folder (audio and description), for account
 * removal while no server runs (`meridian user remove`); a running server's RenderService has
 * `removeUser` for the same. Returns how many renders were removed.
 */
export function removeUserRenders(dir: string, userId: string): number {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const m = /^([A-Za-z0-9_-]{22})\.json$/.exec(name);
    if (!m?.[1]) continue;
    try {
      const r = JSON.parse(readFileSync(join(dir, name), "utf8")) as Partial<StoredRender>;
      if (r.userId !== userId) continue;
      for (const ext of ["wav", "mp3", "json"]) rmSync(join(dir, `${m[1]}.${ext}`), { force: true });
      removed++;
    } catch {
      // Unreadable: left for the server's start-up sweep.
    }
  }
  return removed;
}
