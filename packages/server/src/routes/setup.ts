import { createRoute } from "@hono/zod-openapi";
import { NewAccountSchema, SetupStatusSchema, SignupSchema } from "@meridian/core";
import { AccountError, createOwner } from "../accounts";
import type { App, AppDeps } from "../context";
import { setSessionCookie } from "../http/auth";
import { readInstanceSettings } from "../instance-settings";
import { startSession } from "../sessions";
import { accountHttpError, errors, json, jsonBody } from "./common";

const status = createRoute({
  method: "get",
  path: "/api/setup",
  tags: ["setup"],
  summary: "Whether the instance still needs its owner",
  responses: { 200: json(SetupStatusSchema, "Setup status") },
});

const createOwnerRoute = createRoute({
  method: "post",
  path: "/api/setup",
  tags: ["setup"],
  summary: "Create the instance owner (first run only) and sign in",
  request: { body: jsonBody(SignupSchema) },
  responses: {
    201: json(NewAccountSchema, "The owner, signed in, with the recovery key (shown once)"),
    ...errors(400, 403, 409, 413),
  },
});

export function registerSetupRoutes(app: App, deps: AppDeps): void {
  app.openapi(status, async (c) => {
    const { signupsOpen } = await readInstanceSettings(deps.store);
    return c.json({ needsOwner: !(await deps.store.hasOwner()), signupsOpen }, 200);
  });

  app.openapi(createOwnerRoute, async (c) => {
    const input = c.req.valid("json");
    try {
      const account = await createOwner(deps.store, input, deps.accounts);
      setSessionCookie(c, deps, await startSession(deps.store, deps.keyRing, account.key, deps.now()));
      return c.json({ ...account.user, recoveryKey: account.recoveryKey }, 201);
    } catch (error) {
      throw error instanceof AccountError ? accountHttpError(error) : error;
    }
  });
}
