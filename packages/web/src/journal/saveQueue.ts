import type { Entry } from "@meridian/core";
import { backoffDelay } from "./backoff";
import { contentFromEntry, type EntryContent, isBlank, sameContent } from "./content";

export type SaveStatus = "saved" | "pending" | "saving" | "offline" | "conflict" | "error";

/** Where a save goes: a create (entryId null, idempotent by clientId) or an update from baseRevision. */
export interface SaveTarget {
  entryId: string | null;
  clientId: string;
  baseRevision: number | null;
}

export type SaveOutcome =
  | { kind: "saved"; entry: Entry }
  | { kind: "offline"; message: string }
  | { kind: "conflict"; current: Entry }
  | { kind: "failed"; message: string; code: string };

export type SaveFn = (
  content: EntryContent,
  target: SaveTarget,
  opts: { keepalive: boolean },
) => Promise<SaveOutcome>;

/** A save request whose answer has not come back yet. */
export interface SentSave {
  content: EntryContent;
  baseRevision: number | null;
  keepalive: boolean;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface SaveQueueState {
  status: SaveStatus;
  entryId: string | null;
  baseRevision: number | null;
  conflict: { mine: EntryContent; theirs: Entry } | null;
  error: string | null;
  errorCode: string | null;
  /** Consecutive failed attempts while offline. */
  attempt: number;
  retryInMs: number | null;
}

export interface SaveQueueOptions {
  save: SaveFn;
  timers: Timers;
  /** Quiet time after the last edit before saving. */
  debounceMs?: number;
  /** Continuous typing still saves at least this often. */
  maxWaitMs?: number;
  backoff?: (attempt: number) => number;
  onState?: (state: SaveQueueState) => void;
  /** A save succeeded. `dirty` says whether newer edits still wait to be saved. */
  onSaved?: (entry: Entry, saved: EntryContent, dirty: boolean) => void;
  /** A request is going out now; `unanswered` lists every request still waiting for its answer,
   * this one included (the page keeps them in the local draft: if it dies before the answers come,
   * the next load can tell the server's newer revision is this page's own save). */
  onSend?: (unanswered: readonly SentSave[]) => void;
}

export interface SaveQueueInit {
  content: EntryContent;
  entryId: string | null;
  clientId: string;
  baseRevision: number | null;
  /** What the server holds now (null when nothing has been created yet). */
  saved: EntryContent | null;
}

/**
 * Autosave state machine. Edits are debounced; normally one request is in flight and edits made
 * meanwhile are coalesced into the next request; failures to reach the server back off and retry;
 * a revision conflict stops everything until the writer settles it. DOM-free: timers and the
 * transport are injected.
 *
 * The exception is a keepalive flush (tab hidden, page closing) while a request is in flight: the
 * page may be gone before that answer arrives, so the latest text goes out at once in its own
 * keepalive request from the same base. The two race; whichever loses gets a 409 whose current
 * version is the winner, i.e. this queue's own words, which is recognised and adopted (never shown
 * as a conflict). Creates are not raced (the local draft carries the rest; see decideRestore).
 */
export class SaveQueue {
  private latest: EntryContent;
  private saved: EntryContent | null;
  private entryId: string | null;
  private readonly clientId: string;
  private baseRevision: number | null;
  private status: SaveStatus;
  private conflict: { mine: EntryContent; theirs: Entry } | null = null;
  private error: string | null = null;
  private errorCode: string | null = null;
  private attempt = 0;
  private retryInMs: number | null = null;
  /** Requests sent and not answered yet, oldest first. */
  private sending: SentSave[] = [];
  private flushAfterFlight = false;
  private keepaliveNext = false;
  private debounceTimer: unknown = null;
  private maxWaitTimer: unknown = null;
  private retryTimer: unknown = null;
  private disposed = false;
  private readonly opts: Required<Omit<SaveQueueOptions, "onState" | "onSaved" | "onSend">> &
    Pick<SaveQueueOptions, "onState" | "onSaved" | "onSend">;

  constructor(init: SaveQueueInit, opts: SaveQueueOptions) {
    this.opts = { debounceMs: 700, maxWaitMs: 5000, backoff: (n) => backoffDelay(n), ...opts };
    this.latest = init.content;
    this.saved = init.saved;
    this.entryId = init.entryId;
    this.clientId = init.clientId;
    this.baseRevision = init.baseRevision;
    this.status = this.isDirty() ? "pending" : "saved";
  }

  get state(): SaveQueueState {
    return {
      status: this.status,
      entryId: this.entryId,
      baseRevision: this.baseRevision,
      conflict: this.conflict,
      error: this.error,
      errorCode: this.errorCode,
      attempt: this.attempt,
      retryInMs: this.retryInMs,
    };
  }

  get content(): EntryContent {
    return this.latest;
  }

  get busy(): boolean {
    return this.sending.length > 0;
  }

  /** Requests still waiting for their answer, oldest first. */
  get unanswered(): readonly SentSave[] {
    return this.sending;
  }

  /** Unsaved text exists (what the writer sees differs from what the server holds). */
  isDirty(): boolean {
    if (this.saved === null) return !isBlank(this.latest);
    return !sameContent(this.latest, this.saved);
  }

  edit(content: EntryContent): void {
    if (this.disposed) return;
    this.latest = content;
    if (this.status === "conflict" || this.status === "offline") {
      this.emit();
      return;
    }
    if (!this.isDirty()) {
      this.clearTimer("debounceTimer");
      this.clearTimer("maxWaitTimer");
      if (!this.busy) this.setStatus("saved");
      return;
    }
    this.error = null;
    this.errorCode = null;
    if (!this.busy) this.status = "pending";
    this.clearTimer("debounceTimer");
    this.debounceTimer = this.opts.timers.set(() => {
      this.debounceTimer = null;
      this.kick();
    }, this.opts.debounceMs);
    if (this.maxWaitTimer === null) {
      this.maxWaitTimer = this.opts.timers.set(() => {
        this.maxWaitTimer = null;
        this.kick();
      }, this.opts.maxWaitMs);
    }
    this.emit();
  }

  /** Save now (tab hidden, page closing, leaving the editor). */
  flush(opts: { keepalive?: boolean } = {}): void {
    if (this.disposed) return;
    if (opts.keepalive) this.keepaliveNext = true;
    if (this.status === "offline" || this.status === "error") {
      this.clearTimer("retryTimer");
    }
    this.kick();
  }

  /** Connectivity came back (the 'online' event) or the writer asked to retry. */
  retryNow(): void {
    if (this.status !== "offline" && this.status !== "error") return;
    this.clearTimer("retryTimer");
    this.kick();
  }

  /** The writer settled a conflict: save `content` on top of the version saved elsewhere. */
  resolveConflict(content: EntryContent): void {
    const c = this.conflict;
    if (!c) return;
    this.conflict = null;
    this.entryId = c.theirs.id;
    this.baseRevision = c.theirs.revision;
    this.saved = contentFromEntry(c.theirs);
    this.latest = content;
    if (!this.isDirty()) {
      this.setStatus("saved");
      this.opts.onSaved?.(c.theirs, this.saved, false);
      return;
    }
    this.status = "pending";
    this.kick();
  }

  /** Stop timers. An in-flight request still completes and reports. */
  dispose(): void {
    this.disposed = true;
    this.clearTimer("debounceTimer");
    this.clearTimer("maxWaitTimer");
    this.clearTimer("retryTimer");
  }

  private kick(): void {
    this.clearTimer("debounceTimer");
    this.clearTimer("maxWaitTimer");
    if (this.status === "conflict") return;
    if (this.busy) {
      if (this.keepaliveNext && this.needsKeepaliveNow()) {
        this.send();
        return;
      }
      this.flushAfterFlight = true;
      return;
    }
    if (!this.isDirty()) {
      this.setStatus("saved");
      return;
    }
    this.send();
  }

  /** With a request in flight, must the latest text go out now in its own keepalive request? Yes,
   * unless a keepalive request already carries exactly this text: waiting for the in-flight answer
   * is not an option when the page may be closing. A create is never raced (a second create with
   * the same clientId returns the first one's entry); its text stays in the local draft. */
  private needsKeepaliveNow(): boolean {
    if (this.entryId === null) return false;
    return !this.sending.some((s) => s.keepalive && sameContent(s.content, this.latest));
  }

  private send(): void {
    const content = this.latest;
    const target: SaveTarget = {
      entryId: this.entryId,
      clientId: this.clientId,
      baseRevision: this.baseRevision,
    };
    const keepalive = this.keepaliveNext;
    this.keepaliveNext = false;
    const sent: SentSave = { content, baseRevision: this.baseRevision, keepalive };
    this.sending = [...this.sending, sent];
    this.flushAfterFlight = false;
    this.retryInMs = null;
    this.opts.onSend?.(this.sending);
    this.setStatus("saving");
    let outcome: Promise<SaveOutcome>;
    try {
      outcome = this.opts.save(content, target, { keepalive });
    } catch (err) {
      outcome = Promise.resolve({
        kind: "offline",
        message: err instanceof Error ? err.message : String(err),
      });
    }
    outcome
      .catch(
        (err: unknown): SaveOutcome => ({
          kind: "offline",
          message: err instanceof Error ? err.message : String(err),
        }),
      )
      .then((o) => this.settle(o, sent));
  }

  /** True when `entry` is a revision this queue already holds or has moved past. */
  private known(entry: Entry): boolean {
    return entry.id === this.entryId && this.baseRevision !== null && entry.revision <= this.baseRevision;
  }

  private settle(outcome: SaveOutcome, sent: SentSave): void {
    this.sending = this.sending.filter((s) => s !== sent);
    if (this.status === "conflict") return; // a sibling request already stopped for the writer
    switch (outcome.kind) {
      case "saved": {
        this.attempt = 0;
        this.error = null;
        this.errorCode = null;
        // A sibling's answer may already have moved the base past this one: never go back.
        if (!this.known(outcome.entry)) {
          this.entryId = outcome.entry.id;
          this.baseRevision = outcome.entry.revision;
          this.saved = sent.content;
          this.opts.onSaved?.(outcome.entry, sent.content, this.isDirty());
        }
        this.next();
        return;
      }
      case "conflict": {
        const theirs = outcome.current;
        // A 409 against a revision this queue already adopted: its sibling request won the race.
        if (this.known(theirs)) {
          this.next();
          return;
        }
        const theirContent = contentFromEntry(theirs);
        const ours =
          sameContent(this.latest, theirContent) ||
          this.sending.some((s) => sameContent(s.content, theirContent));
        if (!ours) {
          this.conflict = { mine: this.latest, theirs };
          this.clearTimer("debounceTimer");
          this.clearTimer("maxWaitTimer");
          this.setStatus("conflict");
          return;
        }
        // The server already holds words this queue sent (a sibling request from the same base got
        // there first, its answer still on the way) or is showing now: adopt that revision.
        this.entryId = theirs.id;
        this.baseRevision = theirs.revision;
        this.saved = theirContent;
        this.attempt = 0;
        this.error = null;
        this.errorCode = null;
        this.opts.onSaved?.(theirs, this.saved, this.isDirty());
        this.next();
        return;
      }
      case "offline": {
        if (this.busy) {
          // A sibling request is still out; its answer decides what happens next.
          this.flushAfterFlight = true;
          this.emit();
          return;
        }
        this.attempt += 1;
        this.error = outcome.message;
        this.errorCode = null;
        this.status = "offline";
        if (!this.disposed) {
          const delay = this.opts.backoff(this.attempt);
          this.retryInMs = delay;
          this.clearTimer("retryTimer");
          this.retryTimer = this.opts.timers.set(() => {
            this.retryTimer = null;
            this.kick();
          }, delay);
        }
        this.emit();
        return;
      }
      case "failed": {
        this.error = outcome.message;
        this.errorCode = outcome.code;
        this.setStatus("error");
        return;
      }
    }
  }

  /** After an answer: wait for the others still out, or send what is left, or rest. */
  private next(): void {
    if (this.busy) {
      this.setStatus("saving");
      return;
    }
    if (!this.isDirty()) {
      this.setStatus("saved");
    } else if (this.disposed || this.flushAfterFlight || this.debounceTimer === null) {
      // Edits arrived while the request was in flight: send them as one coalesced save.
      this.send();
    } else {
      this.setStatus("pending");
    }
  }

  private clearTimer(name: "debounceTimer" | "maxWaitTimer" | "retryTimer"): void {
    const h = this[name];
    if (h !== null) this.opts.timers.clear(h);
    this[name] = null;
  }

  private setStatus(status: SaveStatus): void {
    this.status = status;
    this.emit();
  }

  private emit(): void {
    this.opts.onState?.(this.state);
  }
}
