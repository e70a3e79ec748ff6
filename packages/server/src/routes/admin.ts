import { createRoute, z } from "@hono/zod-openapi";
import { InstanceSettingsSchema, NewAccountSchema, SignupSchema, UserSchema } from "@meridian/core";
import { AccountError, createUser, listUsers } from "../accounts";
import type { App, AppDeps } from "../context";
import { requireOwner } from "../http/auth";
import { readInstanceSettings, writeInstanceSettings } from "../instance-settings";
import { accountHttpError, errors, json, jsonBody, sessionSecurity } from "./common";

export const UserListSchema = z.object({ users: z.array(UserSchema) });

const common = { tags: ["admin"], security: sessionSecurity, middleware: requireOwner };

const getSettings = createRoute({
  ...common,
  method: "get",
  path: "/api/admin/settings",
  summary: "Instance settings (owner only)",
  responses: { 200: json(InstanceSettingsSchema, "Instance settings"), ...errors(401, 403) },
});

const patchSettings = createRoute({
  ...common,
  method: "patch",
  path: "/api/admin/settings",
  summary: "Change instance settings (owner only)",
  request: { body: jsonBody(InstanceSettingsSchema) },
  responses: { 200: json(InstanceSettingsSchema, "Updated settings"), ...errors(400, 401, 403, 413) },
});

const getUsers = createRoute({
  ...common,
  method: "get",
  path: "/api/admin/users",
  summary: "Every account on the instance (owner only)",
  responses: { 200: json(UserListSchema, "Users"), ...errors(401, 403) },
});

const postUser = createRoute({
  ...common,
  method: "post",
  path: "/api/admin/users",
  summary: "Create a member account (owner only)",
  request: { body: jsonBody(SignupSchema) },
  responses: {
    201: json(NewAccountSchema, "The new member, with their recovery key (shown once)"),
    ...errors(400, 401, 403, 409, 413),
  },
});

export function registerAdminRoutes(app: App, deps: AppDeps): void {
  app.openapi(getSettings, async (c) => c.json(await readInstanceSettings(deps.store), 200));

  app.openapi(patchSettings, async (c) =>
    c.json(await writeInstanceSettings(deps.store, c.req.valid("json")), 200),
  );

  app.openapi(getUsers, async (c) => c.json({ users: await listUsers(deps.store) }, 200));

  app.openapi(postUser, async (c) => {
    try {
      const account = await createUser(deps.store, { ...c.req.valid("json"), role: "member" }, deps.accounts);
      account.key.wipe();
      return c.json({ ...account.user, recoveryKey: account.recoveryKey }, 201);
    } catch (error) {
      throw error instanceof AccountError ? accountHttpError(error) : error;
    }
  });
}
