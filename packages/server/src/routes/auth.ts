import { createRoute } from "@hono/zod-openapi";
import { ErrorCode, LoginSchema, SignupSchema, UserSchema } from "@meridian/core";
import { getCookie } from "hono/cookie";
import { AccountError, createUser, verifyLogin } from "../accounts";
import type { App, AppDeps } from "../context";
import { HttpError } from "../errors";
import { clearSessionCookie, setSessionCookie } from "../http/auth";
import { readInstanceSettings } from "../instance-settings";
import { endSession, SESSION_COOKIE, startSession } from "../sessions";
import { accountHttpError, errors, json, jsonBody } from "./common";

const signup = createRoute({
  method: "post",
  path: "/api/auth/signup",
  tags: ["auth"],
  summary: "Create an account (when the owner has opened sign-ups) and sign in",
  request: { body: jsonBody(SignupSchema) },
  responses: { 201: json(UserSchema, "The new user, signed in"), ...errors(400, 403, 409, 413) },
});

const login = createRoute({
  method: "post",
  path: "/api/auth/login",
  tags: ["auth"],
  summary: "Sign in",
  request: { body: jsonBody(LoginSchema) },
  responses: { 200: json(UserSchema, "Signed in"), ...errors(400, 401, 403, 413) },
});

const logout = createRoute({
  method: "post",
  path: "/api/auth/logout",
  tags: ["auth"],
  summary: "Sign out: deletes the session and clears the cookie",
  responses: { 204: { description: "Signed out" }, ...errors(403) },
});

export function registerAuthRoutes(app: App, deps: AppDeps): void {
  app.openapi(signup, async (c) => {
    const input = c.req.valid("json");
    if (!(await readInstanceSettings(deps.store)).signupsOpen) {
      throw new HttpError(403, ErrorCode.signupsClosed, "Sign-ups are closed on this instance");
    }
    try {
      const user = await createUser(deps.store, { ...input, role: "member" }, deps.accounts);
      setSessionCookie(c, deps, await startSession(deps.store, user.id, deps.now()));
      return c.json(user, 201);
    } catch (error) {
      throw error instanceof AccountError ? accountHttpError(error) : error;
    }
  });

  app.openapi(login, async (c) => {
    const { username, password } = c.req.valid("json");
    const user = await verifyLogin(deps.store, username, password);
    if (!user) throw new HttpError(401, ErrorCode.invalidCredentials, "Wrong username or password");
    setSessionCookie(c, deps, await startSession(deps.store, user.id, deps.now()));
    return c.json(user, 200);
  });

  app.openapi(logout, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(deps.store, token);
    clearSessionCookie(c, deps);
    return c.body(null, 204);
  });
}
