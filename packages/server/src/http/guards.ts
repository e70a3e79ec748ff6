import { ErrorCode } from "@meridian/core";
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { getCookie } from "hono/cookie";
import { errorBody, ServerErrorCode } from "../errors";
import { SESSION_COOKIE } from "../sessions";

export const ENTRY_BODY_LIMIT = 256 * 1024;
export const DEFAULT_BODY_LIMIT = 16 * 1024;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** 256 KiB for /api/entries (a keepalive draft flush carries the whole body), 16 KiB elsewhere. */
export function apiBodyLimits(): MiddlewareHandler {
  const onError: Parameters<typeof bodyLimit>[0]["onError"] = (c) =>
    c.json(errorBody(ErrorCode.tooLarge, "Request body is too large"), 413);
  const entries = bodyLimit({ maxSize: ENTRY_BODY_LIMIT, onError });
  const other = bodyLimit({ maxSize: DEFAULT_BODY_LIMIT, onError });
  return (c, next) => {
    const path = c.req.path;
    const isEntries = path === "/api/entries" || path.startsWith("/api/entries/");
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
