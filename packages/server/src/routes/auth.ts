import { createRoute } from "@hono/zod-openapi";
import {
  ErrorCode,
  LoginSchema,
  NewAccountSchema,
  RecoveryResetSchema,
  SignedInSchema,
  SignupSchema,
  UserSchema,
} from "@meridian/core";
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import {
  AccountError,
  createUser,
  resetPasswordWithRecoveryKey,
  signIn,
  type UnlockedAccount,
} from "../accounts";
import { type App, type AppDeps, type AppEnv, userOf } from "../context";
import { readBackAccount } from "../crypto/legacy";
import { HttpError } from "../errors";
import { clearSessionCookie, requireUser, setSessionCookie } from "../http/auth";
import { readInstanceSettings } from "../instance-settings";
import { endAllSessions, endSession, SESSION_COOKIE, startSession } from "../sessions";
import { accountHttpError, errors, json, jsonBody, sessionSecurity } from "./common";

const signup = createRoute({
  method: "post",
  path: "/api/auth/signup",
  tags: ["auth"],
  summary: "Create an account (when the owner has opened sign-ups) and sign in",
  description: "The answer carries the account's recovery key: shown this one time, never stored readable.",
  request: { body: jsonBody(SignupSchema) },
  responses: {
    201: json(NewAccountSchema, "The new user, signed in, with the recovery key"),
    ...errors(400, 403, 409, 413),
  },
});

const login = createRoute({
  method: "post",
  path: "/api/auth/login",
  tags: ["auth"],
  summary: "Sign in (a fresh session; the one the request carried, if any, ends)",
  request: { body: jsonBody(LoginSchema) },
  responses: { 200: json(SignedInSchema, "Signed in"), ...errors(400, 401, 403, 413, 503) },
});

const logout = createRoute({
  method: "post",
  path: "/api/auth/logout",
  tags: ["auth"],
  summary: "Sign out: deletes the session, drops its key from memory and clears the cookie",
  responses: { 204: { description: "Signed out" }, ...errors(403) },
});

const logoutAll = createRoute({
  method: "post",
  path: "/api/auth/logout-all",
  tags: ["auth"],
  summary: "Log out everywhere: deletes every session of the user and drops their key",
  security: sessionSecurity,
  middleware: requireUser,
  responses: { 204: { description: "Every session ended" }, ...errors(401, 403) },
});

const recover = createRoute({
  method: "post",
  path: "/api/auth/recover",
  tags: ["auth"],
  summary: "Set a new password with the recovery key (forgotten password); every entry stays readable",
  description:
    "Ends every other session of the account and signs this client in. The recovery key stays valid.",
  request: { body: jsonBody(RecoveryResetSchema) },
  responses: { 200: json(UserSchema, "Signed in with the new password"), ...errors(400, 403, 413) },
});

/** Ends the session the request carried (rotation: sign-in never keeps a pre-login session). */
async function endCarriedSession(c: Context<AppEnv>, deps: AppDeps): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await endSession(deps.store, deps.keyRing, token);
}

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  app.openapi(signup, async (c) => {
    const input = c.req.valid("json");
    if (!(await readInstanceSettings(deps.store)).signupsOpen) {
      throw new HttpError(403, ErrorCode.signupsClosed, "Sign-ups are closed on this instance");
    }
    try {
      const account = await createUser(deps.store, { ...input, role: "member" }, deps.accounts);
      await endCarriedSession(c, deps);
      setSessionCookie(c, deps, await startSession(deps.store, deps.keyRing, account.key, deps.now()));
      return c.json({ ...account.user, recoveryKey: account.recoveryKey }, 201);
    } catch (error) {
      throw error instanceof AccountError ? accountHttpError(error) : error;
    }
  });

  app.openapi(login, async (c) => {
    const { username, password } = c.req.valid("json");
    let account: UnlockedAccount | null;
    try {
      account = await signIn(deps.store, username, password, deps.accounts);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      console.error("Sign-in could not open or encrypt the account:", error);
      throw new HttpError(
        503,
        "account_unavailable",
        "Your journal could not be opened right now; nothing was changed. The server log says why.",
      );
    }
    if (!account) throw new HttpError(401, ErrorCode.invalidCredentials, "Wrong username or password");
    await endCarriedSession(c, deps);
    setSessionCookie(c, deps, await startSession(deps.store, deps.keyRing, account.key, deps.now()));
    if (account.backup) {
      // A pre-encryption account was just encrypted: read everything back through the
      // encrypting store, and only then remove the plaintext backup taken before.
      await readBackAccount(deps.store, account.user.id);
      await account.backup.discard();
    }
    const { user, recoveryKey } = account;
    return c.json(recoveryKey ? { ...user, recoveryKey } : user, 200);
  });

  app.openapi(logout, async (c) => {
    await endCarriedSession(c, deps);
    clearSessionCookie(c, deps);
    return c.body(null, 204);
  });

  app.openapi(logoutAll, async (c) => {
    const user = userOf(c);
    await endAllSessions(deps.store, deps.keyRing, user.id);
    deps.search.forget(user.id);
    clearSessionCookie(c, deps);
    return c.body(null, 204);
  });

  app.openapi(recover, async (c) => {
    const { username, recoveryKey, newPassword } = c.req.valid("json");
    try {
      const account = await resetPasswordWithRecoveryKey(
        deps.store,
        username,
        recoveryKey,
        newPassword,
        deps.accounts,
      );
      await endAllSessions(deps.store, deps.keyRing, account.user.id);
      await endCarriedSession(c, deps);
      setSessionCookie(c, deps, await startSession(deps.store, deps.keyRing, account.key, deps.now()));
      return c.json(account.user, 200);
    } catch (error) {
      throw error instanceof AccountError ? accountHttpError(error) : error;
    }
  });
}
