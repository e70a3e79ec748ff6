import type { Entry } from "@meridian/core";

/** A failed request that the server answered with `{ error: { code, message, field? } }`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor(status: number, code: string, message: string, field?: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

/** 409 revision_conflict on PUT /api/entries/:id: `current` is the entry as stored now. */
export class ConflictError extends ApiError {
  readonly current: Entry;

  constructor(message: string, current: Entry) {
    super(409, "revision_conflict", message);
    this.name = "ConflictError";
    this.current = current;
  }
}

/** The request never got an answer (offline, server down, aborted), or a 5xx/502/503. */
export class NetworkError extends Error {
  readonly status: number | null;

  constructor(message: string, status: number | null = null) {
    super(message);
    this.name = "NetworkError";
    this.status = status;
  }
}

export function isUnauthenticated(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof NetworkError) return "Can't reach the Meridian server right now.";
  if (err instanceof Error) return err.message;
  return "Something went wrong.";
}
