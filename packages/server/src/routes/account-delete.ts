import { createRoute, z } from "@hono/zod-openapi";
import { ErrorCode } from "@meridian/core";
import { deleteAccount } from "../archive/delete-account";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError } from "../errors";
import { clearSessionCookie, requireUser } from "../http/auth";
import type { StudioFiles } from "../media/paths";
import { verifyPassword } from "../passwords";
import type { RenderService } from "../render/render-service";
import { errors, json, jsonBody, sessionSecurity } from "./common";
import { DeleteAccountSchema } from "./data-schemas";

const remove = createRoute({
  method: "post",
  path: "/api/me/delete",
  tags: ["data"],
  summary: "Delete the signed-in account and everything in it (password and the username typed out)",
  description:
    "Removes every row of the account and its media files, then signs out. An owner can delete their account only when no other account exists (409 owner_has_members).",
  security: sessionSecurity,
  middleware: requireUser,
  request: { body: jsonBody(DeleteAccountSchema) },
  responses: {
    200: json(z.object({ deleted: z.literal(true) }), "Deleted; the session cookie is cleared"),
    ...errors(400, 401, 403, 409, 413, 429),
  },
});

export function registerAccountDeleteRoutes(
  app: App,
  deps: AppDeps,
  files: StudioFiles,
  renders: Pick<RenderService, "removeUser">,
): void {
  app.openapi(remove, async (c) => {
    const user = userOf(c);
    const { password, confirm } = c.req.valid("json");
    if (confirm.trim().toLowerCase() !== user.username) {
      throw new HttpError(
        400,
        ErrorCode.validation,
        `confirm: Type your username (${user.username}) to confirm`,
        "confirm",
      );
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new HttpError(403, ErrorCode.invalidCredentials, "That password is not right", "password");
    }
    const result = await deleteAccount(deps.store, files, user, (id) => deps.search.forget(id));
    if (result.status === "owner_has_members") {
      throw new HttpError(
        409,
        "owner_has_members",
        `You own this studio and ${result.members} other account${result.members === 1 ? "" : "s"} still use${result.members === 1 ? "s" : ""} it. Remove ${result.members === 1 ? "it" : "them"} first (Settings → Accounts or meridian user remove).`,
      );
    }
    // The account's data key leaves memory with it (every session of it is gone already).
    deps.keyRing.dropUser(user.id);
    await renders.removeUser(user.id);
    clearSessionCookie(c, deps);
    return c.json({ deleted: true as const }, 200);
  });
}
