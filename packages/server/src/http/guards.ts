import { ErrorCode } from "@meridian/core";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { errorBody, ServerErrorCode } from "../errors";
import { SESSION_COOKIE } from "../sessions";

export const ENTRY_BODY_LIMIT = 256 * 1024;
export const DEFAULT_BODY_LIMIT = 16 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * 256 KiB for /api/entries (a keepalive draft flush carries the whole body), 16 KiB elsewhere
 * except media uploads (POST /api/media and /api/media/videos) and imports, which enforce their
 * own, larger limits as they stream.
 *
 * Decided from the headers wherever they settle it, as Hono's bodyLimit itself does: GET and
 * HEAD carry no body, and a Content-Length without Transfer-Encoding is the body's exact size
 * (Node's HTTP parser holds the client to it). Only the rest (chunked bodies, or requests
 * built in-process without a length) go through bodyLimit, which counts the bytes as they
 * stream. Asking bodyLimit first would make @hono/node-server build a web Request with a body
 * stream and an AbortController for every request, which cost more than the save it carried.
 */
export function apiBodyLimits(): MiddlewareHandler {
  const onError: Parameters<typeof bodyLimit>[0]["onError"] = (c) =>
    c.json(errorBody(ErrorCode.tooLarge, "Request body is too large"), 413);
  const entries = bodyLimit({ maxSize: ENTRY_BODY_LIMIT, onError });
  const other = bodyLimit({ maxSize: DEFAULT_BODY_LIMIT, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD") return next();
    const path = c.req.path;
    // Media uploads (audio and video) stream to disk and count their own limit (MERIDIAN_MEDIA_LIMIT_MB).
    if (method === "POST" && (path === "/api/media" || path === "/api/media/videos")) return next();
    // Imports read their body with their own 50 MB limit (routes/import.ts).
    if (method === "POST" && (path === "/api/import" || path === "/api/import/preview")) return next();
    const isEntries = path === "/api/entries" || path.startsWith("/api/entries/");
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      const size = Number.parseInt(length, 10);
      if (size > (isEntries ? ENTRY_BODY_LIMIT : DEFAULT_BODY_LIMIT)) return onError(c);
      return next();
    }
    return (isEntries ? entries : other)(c, next);
  };
}

/** A change request carrying the session cookie must also carry X-Meridian-Client, which a
 * cross-site form cannot set. */
export const csrfGuard: MiddlewareHandler = async (c, next) => {
  if (
    !SAFE_METHODS.has(c.req.method) &&
    getCookie(c, SESSION_COOKIE) !== undefined &&
    !c.req.header("x-meridian-client")
  ) {
    return c.json(errorBody(ServerErrorCode.csrf, "Missing X-Meridian-Client header"), 403);
  }
  await next();
};
