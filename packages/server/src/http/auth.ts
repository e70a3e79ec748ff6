import { ErrorCode } from "@meridian/core";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppDeps, AppEnv } from "../context";
import { HttpError } from "../errors";
import { resolveSession, SESSION_COOKIE, SESSION_TTL_MS } from "../sessions";

export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === "https:") return true;
  return trustProxy && c.req.header("x-forwarded-proto")?.split(",")[0]?.trim() === "https";
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

/** Resolves the session cookie (if any) into c.var.user, sliding the expiry. */
export function sessionMiddleware(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("user", undefined);
    c.set("sessionTokenHash", undefined);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      const session = await resolveSession(deps.store, token, deps.now());
      if (session) {
        c.set("user", session.user);
        c.set("sessionTokenHash", session.tokenHash);
        if (session.renewed) setSessionCookie(c, deps, token);
      }
    }
    await next();
  };
}

export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get("user")) throw new HttpError(401, ErrorCode.unauthenticated, "Sign in first");
  await next();
};

export const requireOwner: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.get("user");
  if (!user) throw new HttpError(401, ErrorCode.unauthenticated, "Sign in first");
  if (user.role !== "owner")
    throw new HttpError(403, ErrorCode.forbidden, "Only the instance owner can do this");
  await next();
};
