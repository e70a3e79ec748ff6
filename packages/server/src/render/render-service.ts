/**
 * The server's render queue: renders live in memory (a restart forgets them; the first render
 * after a start clears the folder's leftovers), one runs at a time per user and the rest wait. Files go to `${dir}/<id>.<format>`;
 * a finished render is forgotten with its file after a download or after `keepMs`.
 */
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Scene } from "@meridian/sound";
import { newId } from "../ids";
import { formatDuration } from "./duration";
import type { RenderFormat } from "./pipeline";
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
  createdAt: string;
}

interface Job extends RenderView {
  userId: string;
  scene: Scene;
  seed: number;
  path: string;
  running?: RunningRender;
  startedAt?: number;
  ended?: Promise<void>;
  expiry?: ReturnType<typeof setTimeout>;
}

export interface RenderServiceOptions {
  /** Folder of the render files (created; leftovers of an earlier run are removed). */
  dir: string;
  now?: () => Date;
  /** How long a finished render is kept (default one hour). */
  keepMs?: number;
  /** Most unfinished (queued or running) renders per user (default 3). */
  maxPendingPerUser?: number;
  /** Render in worker threads (default true); false renders on the event loop in chunks. */
  threads?: boolean;
  sampleRate?: number;
}

export class TooManyRendersError extends Error {}

const RENDER_FILE = /^[A-Za-z0-9_-]{22}\.(wav|mp3)$/;

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

export class RenderService {
  readonly #jobs = new Map<string, Job>();
  readonly #dir: string;
  readonly #now: () => Date;
  readonly #keepMs: number;
  readonly #maxPending: number;
  readonly #sampleRate: number;
  #threads: boolean;
  #disposed = false;
  #prepared = false;

  constructor(options: RenderServiceOptions) {
    this.#dir = options.dir;
    this.#now = options.now ?? (() => new Date());
    this.#keepMs = options.keepMs ?? 3600_000;
    this.#maxPending = options.maxPendingPerUser ?? 3;
    this.#threads = options.threads ?? true;
    this.#sampleRate = options.sampleRate ?? 48000;
  }

  /** Creates the folder on first use; renders do not outlive the process, so what a previous
   * run left behind is unreachable and removed. */
  #prepare(): void {
    if (this.#prepared) return;
    mkdirSync(this.#dir, { recursive: true });
    for (const name of readdirSync(this.#dir)) {
      if (RENDER_FILE.test(name)) rmSync(join(this.#dir, name), { force: true });
    }
    this.#prepared = true;
  }

  create(
    userId: string,
    input: { scene: Scene; seconds: number; format: RenderFormat; seed?: number },
  ): RenderView {
    const pending = [...this.#jobs.values()].filter(
      (j) => j.userId === userId && (j.status === "queued" || j.status === "running"),
    );
    if (pending.length >= this.#maxPending) {
      throw new TooManyRendersError(`At most ${this.#maxPending} renders can wait or run at once`);
    }
    this.#prepare();
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
      createdAt: this.#now().toISOString(),
      scene: input.scene,
      seed: input.seed ?? 1,
      path: join(this.#dir, `${id}.${input.format}`),
    };
    this.#jobs.set(id, job);
    this.#pump(userId);
    return this.#view(job);
  }

  get(userId: string, id: string): RenderView | null {
    const job = this.#jobs.get(id);
    return job && job.userId === userId ? this.#view(job) : null;
  }

  list(userId: string): RenderView[] {
    return [...this.#jobs.values()]
      .filter((j) => j.userId === userId)
      .reverse()
      .map((j) => this.#view(j));
  }

  /** The finished file of a done render (null: no such render of this user). */
  file(userId: string, id: string): { view: RenderView; path: string } | null {
    const job = this.#jobs.get(id);
    if (!job || job.userId !== userId) return null;
    return { view: this.#view(job), path: job.path };
  }

  /** After a completed download: forget the render and remove its file. */
  downloaded(id: string): void {
    const job = this.#jobs.get(id);
    if (job?.status === "done") void this.#forget(job);
  }

  /**
   * Cancels a queued or running render (it reads `cancelled`, its file removed) or forgets a
   * finished one with its file. False when there is no such render of this user.
   */
  async cancel(userId: string, id: string): Promise<boolean> {
    const job = this.#jobs.get(id);
    if (!job || job.userId !== userId) return false;
    if (job.status === "queued") {
      this.#finish(job, "cancelled");
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

  /** Stops every render and timer (the files of unfinished renders are removed). */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const ended: Promise<void>[] = [];
    for (const job of this.#jobs.values()) {
      if (job.expiry) clearTimeout(job.expiry);
      if (job.status === "running") {
        job.status = "cancelled";
        job.running?.cancel();
        if (job.ended) ended.push(job.ended);
      }
    }
    await Promise.all(ended);
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
        this.#finish(job, "cancelled");
      } else {
        job.sizeBytes = (await stat(job.path)).size;
        this.#finish(job, "done");
      }
    } catch (error) {
      await rm(job.path, { force: true });
      if ((job.status as RenderStatus) === "cancelled") this.#finish(job, "cancelled");
      else {
        job.error = error instanceof Error ? error.message : String(error);
        this.#finish(job, "failed");
      }
    } finally {
      delete job.running;
      this.#pump(job.userId);
    }
  }

  #finish(job: Job, status: RenderStatus): void {
    job.status = status;
    if (status === "done") job.progress = 1;
    if (this.#disposed) return;
    job.expiry = setTimeout(() => void this.#forget(job), this.#keepMs);
    job.expiry.unref?.();
  }

  async #forget(job: Job): Promise<void> {
    if (job.expiry) clearTimeout(job.expiry);
    await rm(job.path, { force: true });
    this.#jobs.delete(job.id);
  }
}
