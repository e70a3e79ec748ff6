import type { ImportPreview, ImportResult } from "@meridian/core";
import { ApiError, NetworkError } from "../api/errors";
import { SIGNED_OUT_EVENT } from "../api/http";

/** The "Your data" routes: import uploads the file itself as the body (not JSON). The server
 * decides how large a file may be (MERIDIAN_IMPORT_LIMIT_MB) and answers 413 with a sentence
 * past it (at once, from Content-Length), which the page shows. */

async function call<T>(path: string, init: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      credentials: "same-origin",
      cache: "no-store",
      headers: { Accept: "application/json", "X-Meridian-Client": "web", ...init.headers },
    });
  } catch (err) {
    throw new NetworkError(err instanceof Error ? err.message : "Network error");
  }
  const data = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; field?: string };
  } | null;
  if (!res.ok) {
    if (res.status >= 500) throw new NetworkError(`The server answered ${res.status}`, res.status);
    // A 4xx without our JSON came from something in front of Meridian (a reverse proxy's own
    // body limit, most often): say what happened instead of "can't reach the server".
    if (!data?.error) throw proxyError(res.status);
    const error = new ApiError(
      res.status,
      data.error.code ?? `http_${res.status}`,
      data.error.message ?? "Request failed",
      data.error.field,
    );
    // The session ended or lost its key (a restart): the app goes to sign-in, as for any request.
    if (res.status === 401 && (error.code === "session_locked" || error.code === "unauthenticated")) {
      window.dispatchEvent(
        new CustomEvent(SIGNED_OUT_EVENT, { detail: { code: error.code, message: error.message } }),
      );
    }
    throw error;
  }
  return data as T;
}

/** A 4xx answered without Meridian's error body (by a proxy in front of the server). */
export function proxyError(status: number): ApiError {
  if (status === 413) {
    return new ApiError(
      413,
      "payload_too_large",
      "The file is larger than the server (or a proxy in front of it) accepts. Nothing was imported.",
    );
  }
  return new ApiError(status, `http_${status}`, `The server refused the request (HTTP ${status}).`);
}

const upload = (file: Blob) => ({
  method: "POST",
  body: file,
  headers: { "Content-Type": "application/octet-stream" },
});

export const dataApi = {
  previewImport: (file: Blob) => call<ImportPreview>("/api/import/preview", upload(file)),
  runImport: (file: Blob) => call<ImportResult>("/api/import", upload(file)),
  deleteAccount: (password: string, confirm: string) =>
    call<{ deleted: true }>("/api/me/delete", {
      method: "POST",
      body: JSON.stringify({ password, confirm }),
      headers: { "Content-Type": "application/json" },
    }),
};

export const exportUrl = (format: "archive" | "markdown") => `/api/export?format=${format}`;
export const entryExportUrl = (id: string) => `/api/export/entries/${encodeURIComponent(id)}`;
