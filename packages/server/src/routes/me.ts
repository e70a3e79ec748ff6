import { createRoute } from "@hono/zod-openapi";
import { UpdateMeSchema, UserSchema } from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { requireUser } from "../http/auth";
import { presentUser } from "../presenters/user";
import { errors, json, jsonBody, sessionSecurity } from "./common";

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

export function registerMeRoutes(app: App, deps: AppDeps): void {
  app.openapi(getMe, (c) => c.json(presentUser(userOf(c)), 200));

  app.openapi(patchMe, async (c) => {
    const user = userOf(c);
    const { timeZone } = c.req.valid("json");
    const updated = timeZone === undefined ? user : await deps.store.updateUserTimeZone(user.id, timeZone);
    return c.json(presentUser(updated ?? user), 200);
  });
}
