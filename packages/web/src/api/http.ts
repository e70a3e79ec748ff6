import type { Entry } from "@meridian/core";
import { ApiError, ConflictError, NetworkError } from "./errors";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Query = Record<string, string | number | undefined | null>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  keepalive?: boolean;
  signal?: AbortSignal;
}

/** Browsers cap the total body of in-flight keepalive requests at 64 KiB. */
const KEEPALIVE_LIMIT = 60 * 1024;

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; field?: unknown };
  current?: Entry;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as ErrorBody;
  const code = typeof b.error?.code === "string" ? b.error.code : `http_${status}`;
  const message = typeof b.error?.message === "string" ? b.error.message : `Request failed (${status})`;
  const field = typeof b.error?.field === "string" ? b.error.field : undefined;
  if (status === 409 && code === "revision_conflict" && b.current) {
    return new ConflictError(message, b.current);
  }
  return new ApiError(status, code, message, field);
}

/** One JSON request to the Meridian API: same-origin cookies, CSRF header on every change. */
export async function request<T>(method: Method, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  let body: string | undefined;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["Content-Type"] = "application/json";
  }
  if (method !== "GET") headers["X-Meridian-Client"] = "web";
  const keepalive = opts.keepalive === true && (body?.length ?? 0) < KEEPALIVE_LIMIT;

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: "same-origin",
      cache: "no-store",
      keepalive,
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new NetworkError(err instanceof Error ? err.message : "Network error");
  }
  const data = await readJson(res).catch(() => null);
  // 5xx (including a proxy's 502/503 while the server restarts) is worth retrying: treat like offline.
  if (res.status >= 500) throw new NetworkError(`Server error (${res.status})`, res.status);
  if (!res.ok) {
    const error = toApiError(res.status, data);
    if (res.status === 401) announceSignedOut(error);
    throw error;
  }
  return data as T;
}

/** Fired on window when the server says the session is gone or locked (e.g. it restarted and
 * no longer holds the journal's key): the app shows sign-in; unsaved text stays in drafts. */
export const SIGNED_OUT_EVENT = "meridian:signed-out";

function announceSignedOut(error: ApiError): void {
  if (error.code !== "session_locked" && error.code !== "unauthenticated") return;
  if (typeof window === "undefined") return;
  window.dispatchEvent(
    new CustomEvent(SIGNED_OUT_EVENT, { detail: { code: error.code, message: error.message } }),
  );
}
