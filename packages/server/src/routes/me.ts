import { createRoute } from "@hono/zod-openapi";
import {
  ChangePasswordSchema,
  PasswordConfirmSchema,
  RecoveryKeySchema,
  UpdateMeSchema,
  UserSchema,
} from "@meridian/core";
import { AccountError, changePassword, regenerateRecoveryKey } from "../accounts";
import { type App, type AppDeps, userOf } from "../context";
import { requireUser, setSessionCookie } from "../http/auth";
import { presentUser } from "../presenters/user";
import { endAllSessions, startSession } from "../sessions";
import { accountHttpError, errors, json, jsonBody, sessionSecurity } from "./common";

const getMe = createRoute({
  method: "get",
  path: "/api/me",
  tags: ["me"],
  summary: "The signed-in user",
  security: sessionSecurity,
  middleware: requireUser,
  responses: { 200: json(UserSchema, "The signed-in user"), ...errors(401) },
});

const patchMe = createRoute({
  method: "patch",
  path: "/api/me",
  tags: ["me"],
  summary: "Change the signed-in user's preferences",
  security: sessionSecurity,
  middleware: requireUser,
  request: { body: jsonBody(UpdateMeSchema) },
  responses: { 200: json(UserSchema, "The updated user"), ...errors(400, 401, 403, 413) },
});

const postPassword = createRoute({
  method: "post",
  path: "/api/me/password",
  tags: ["me"],
  summary: "Change the password (re-wraps the encryption key; entries are not re-encrypted)",
  description: "Ends every other session of the account; this client gets a fresh session.",
  security: sessionSecurity,
  middleware: requireUser,
  request: { body: jsonBody(ChangePasswordSchema) },
  responses: { 200: json(UserSchema, "Password changed"), ...errors(400, 401, 403, 413, 429) },
});

const postRecoveryKey = createRoute({
  method: "post",
  path: "/api/me/recovery-key",
  tags: ["me"],
  summary: "Make a new recovery key (password required); the previous one stops working",
  security: sessionSecurity,
  middleware: requireUser,
  request: { body: jsonBody(PasswordConfirmSchema) },
  responses: {
    200: json(RecoveryKeySchema, "The new recovery key, shown this once"),
    ...errors(400, 401, 403, 413, 429),
  },
});

export function registerMeRoutes(app: App, deps: AppDeps): void {
  app.openapi(getMe, (c) => c.json(presentUser(userOf(c)), 200));

  app.openapi(patchMe, async (c) => {
    const user = userOf(c);
    const { timeZone } = c.req.valid("json");
    const updated = timeZone === undefined ? user : await deps.store.updateUserTimeZone(user.id, timeZone);
    return c.json(presentUser(updated ?? user), 200);
  });

  app.openapi(postPassword, async (c) => {
    const user = userOf(c);
    const { currentPassword, newPassword } = c.req.valid("json");
    try {
      const key = await changePassword(deps.store, user.id, currentPassword, newPassword, deps.accounts);
      await endAllSessions(deps.store, deps.keyRing, user.id);
      setSessionCookie(c, deps, await startSession(deps.store, deps.keyRing, key, deps.now()));
      return c.json(presentUser(user), 200);
    } catch (error) {
      throw error instanceof AccountError ? accountHttpError(error) : error;
    }
  });

  app.openapi(postRecoveryKey, async (c) => {
    const user = userOf(c);
    const { password } = c.req.valid("json");
    try {
      const recoveryKey = await regenerateRecoveryKey(deps.store, user.id, password, deps.accounts);
      return c.json({ recoveryKey }, 200);
    } catch (error) {
      throw error instanceof AccountError ? accountHttpError(error) : error;
    }
  });
}
