import { HttpError } from "../errors";

/** 429: an import of this account is running, or the server has as many as it takes at once. */
export const IMPORT_BUSY = "import_busy";
/** What a refused client is told to wait (Retry-After), in seconds. */
export const IMPORT_RETRY_AFTER_SECONDS = 60;

/** 429 import_busy; the route sends `retryAfterSeconds` as Retry-After. */
export class ImportBusyError extends HttpError {
  readonly retryAfterSeconds = IMPORT_RETRY_AFTER_SECONDS;
  constructor(message: string) {
    super(429, IMPORT_BUSY, message);
    this.name = "ImportBusyError";
  }
}

/**
 * Who may start an import now: one at a time per account (a double click, or a script firing
 * many), and at most `concurrent` on the whole server, all accounts together. A place is taken
 * before the request's body is read and given back once it is answered (success, refusal or a
 * client gone mid-upload), so the memory imports hold is bounded by `concurrent` imports
 * however many members send files at once; past it they are refused at once, never queued.
 */
export class ImportGate {
  private readonly users = new Set<string>();

  constructor(readonly concurrent: number) {}

  /** Imports in flight now. */
  get inFlight(): number {
    return this.users.size;
  }

  /** Takes a place for `userId`'s import (ImportBusyError when there is none); the returned
   * function gives it back (calling it again does nothing). */
  enter(userId: string): () => void {
    if (this.users.has(userId)) {
      throw new ImportBusyError(
        "Another import of yours is still running; wait until it has finished, then try again",
      );
    }
    if (this.users.size >= this.concurrent) {
      throw new ImportBusyError("The server is busy with other imports; try again in a minute.");
    }
    this.users.add(userId);
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      this.users.delete(userId);
    };
  }
}
