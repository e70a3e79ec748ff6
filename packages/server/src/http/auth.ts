import { ErrorCode } from "@meridian/core";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppDeps, AppEnv } from "../context";
import { SessionLockedError } from "../crypto/errors";
import { HttpError } from "../errors";
import { sha256Hex } from "../ids";
import { resolveSession, SESSION_COOKIE, SESSION_TTL_MS } from "../sessions";

/**
 * Whether the client's connection is https: the request's own URL, or with MERIDIAN_TRUST_PROXY
 * (a TLS-terminating proxy in front) always, unless the proxy says in X-Forwarded-Proto that
 * this client came over plain http.
 */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  if (!trustProxy) return false;
  const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return !proto || proto === "https";
}

export function setSessionCookie(c: Context, deps: AppDeps, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure: isHttps(c, deps.trustProxy),
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
  });
}

export function clearSessionCookie(c: Context, deps: AppDeps): void {
  deleteCookie(c, SESSION_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c, deps.trustProxy),
  });
}

/**
 * Resolves the session cookie (if any) into c.var.user, sliding the expiry. A session whose
 * key is not in memory (the server restarted since sign-in) counts as signed out: the user
 * stays unset and `sessionLocked` tells requireUser to answer 401 session_locked.
 */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("user", undefined);
    c.set("sessionTokenHash", undefined);
    c.set("sessionLocked", false);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const now = deps.now();
      const session = await resolveSession(deps.store, token, now);
      if (!session) {
        deps.keyRing.drop(sha256Hex(token));
      } else if (!deps.keyRing.isUnlocked(session.tokenHash, now)) {
        c.set("sessionLocked", true);
      } else {
        c.set("user", session.user);
        c.set("sessionTokenHash", session.tokenHash);
        if (session.renewed) {
          deps.keyRing.extend(session.tokenHash, new Date(now.getTime() + SESSION_TTL_MS));
          setSessionCookie(c, deps, token);
        }
      }
    }
    await next();
  };
}

function signInFirst(c: Context<AppEnv>): HttpError {
  return c.get("sessionLocked")
    ? new SessionLockedError()
    : new HttpError(401, ErrorCode.unauthenticated, "Sign in first");
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("user")) throw signInFirst(c);
  await next();
};

export const requireOwner: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get("user");
  if (!user) throw signInFirst(c);
  if (user.role !== "owner")
    throw new HttpError(403, ErrorCode.forbidden, "Only the instance owner can do this");
  await next();
};
