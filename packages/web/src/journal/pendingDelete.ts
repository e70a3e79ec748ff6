import { ApiError } from "../api/errors";
import type { DraftStore } from "./draftMirror";
import type { DraftRecord } from "./restore";
import type { Timers } from "./saveQueue";

/** How long a deleted entry can still be brought back before the DELETE goes out. */
export const UNDO_MS = 10_000;

export type DeleteBanner =
  | { kind: "pending"; id: string; title: string }
  | { kind: "failed"; id: string; title: string; message: string }
  | null;

export interface PendingDeleteDeps {
  timers: Timers;
  /** Sends the DELETE; rejects on failure (ApiError 404 counts as done). */
  send(id: string): Promise<void>;
  /** Sends the DELETE from a dying page (fetch keepalive); no answer is awaited. */
  sendOnExit(id: string): void;
  drafts(): Promise<DraftStore>;
  /** Resolves once the closed editor's last save has landed (so no save overtakes the DELETE). */
  settled(): Promise<void>;
}

interface Pending {
  id: string;
  title: string;
  timer: unknown;
  /** Local drafts taken away so they cannot bring the entry back; put back on undo. */
  drafts: DraftRecord[];
  discarding: Promise<void>;
}

/**
 * Deletes with undo: an entry is hidden at once, its local drafts are discarded, and the DELETE is
 * only sent after UNDO_MS (or at once, with keepalive, when the page goes away). Lives outside React
 * so it survives the move from the entry page to the journal list.
 */
export class PendingDeletes {
  private pending: Pending | null = null;
  private readonly gone = new Set<string>();
  private banner: DeleteBanner = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly deps: PendingDeleteDeps) {}

  get state(): DeleteBanner {
    return this.banner;
  }

  /** Entries the list must not show: waiting for undo, or deleted on the server. */
  hidden(id: string): boolean {
    return this.gone.has(id) || this.pending?.id === id;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  schedule(id: string, title: string): void {
    // One undo at a time: an earlier deletion is committed now.
    if (this.pending && this.pending.id !== id) void this.commit(this.pending);
    else if (this.pending) this.deps.timers.clear(this.pending.timer);
    const p: Pending = { id, title, timer: null, drafts: [], discarding: Promise.resolve() };
    p.timer = this.deps.timers.set(() => void this.commit(p), UNDO_MS);
    this.pending = p;
    // Twice: now, and again after the closing editor's final save (which may write one more draft).
    p.discarding = this.discard(p).then(() => this.deps.settled().then(() => this.discard(p)));
    this.show({ kind: "pending", id, title });
  }

  async undo(): Promise<void> {
    const p = this.pending;
    if (!p) return;
    this.deps.timers.clear(p.timer);
    this.pending = null;
    this.show(null);
    await p.discarding.catch(() => {});
    const store = await this.deps.drafts();
    for (const d of p.drafts) await store.put(d);
  }

  dismiss(): void {
    if (this.banner?.kind === "failed") this.show(null);
  }

  /** The page is going away: send what is waiting now, with keepalive. */
  exit(): void {
    const p = this.pending;
    if (!p) return;
    this.deps.timers.clear(p.timer);
    this.pending = null;
    this.gone.add(p.id);
    this.deps.sendOnExit(p.id);
  }

  private async commit(p: Pending): Promise<void> {
    this.deps.timers.clear(p.timer);
    if (this.pending === p) this.pending = null;
    this.gone.add(p.id);
    if (this.banner?.kind === "pending" && this.banner.id === p.id) this.show(null);
    else this.emit();
    try {
      await p.discarding.catch(() => {});
      await this.deps.send(p.id);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return;
      this.gone.delete(p.id);
      const store = await this.deps.drafts().catch(() => null);
      if (store) for (const d of p.drafts) await store.put(d).catch(() => {});
      this.show({ kind: "failed", id: p.id, title: p.title, message: failureMessage(err) });
    }
  }

  private async discard(p: Pending): Promise<void> {
    const store = await this.deps.drafts();
    const found = await store.byDoc(p.id);
    for (const d of found) {
      if (!p.drafts.some((x) => x.key === d.key)) p.drafts.push(d);
      else p.drafts = p.drafts.map((x) => (x.key === d.key ? d : x));
      await store.delete(d.key);
    }
  }

  private show(b: DeleteBanner): void {
    this.banner = b;
    this.emit();
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

function failureMessage(err: unknown): string {
  if (err instanceof ApiError) return `The server refused: ${err.message}`;
  return "Meridian could not reach the server (offline?)";
}
