import { createRoute, z } from "@hono/zod-openapi";
import {
  CreateSessionSchema,
  ErrorCode,
  findBuiltInPrompt,
  SessionSchema,
  SessionStatusSchema,
  sessionUpdateProblem,
  UpdateSessionSchema,
} from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { presentSession } from "../presenters/session";
import type { RitualSessionChanges, RitualSessionRecord, SessionCursor } from "../store/ritual-store";
import type { Store } from "../store/store";
import { slotsNewestFirst } from "../store/unreadable";
import { localDateIn } from "../time";
import { CalendarDateSchema, errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import { sceneFromBody } from "./studio-schemas";
import { UnreadableListSchema, unreadableOf } from "./unreadable";

/** Error code of a status change (or edit) the session's state doesn't allow. */
export const INVALID_TRANSITION = "invalid_transition";

export const SessionListQuerySchema = z
  .object({
    from: CalendarDateSchema.optional(),
    to: CalendarDateSchema.optional(),
    status: SessionStatusSchema.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(300).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "to must not be before from",
    path: ["to"],
  });

export const SessionListSchema = z.object({
  sessions: z.array(SessionSchema),
  nextCursor: z.string().nullable(),
  unreadable: UnreadableListSchema,
});

/** Opaque keyset cursor: base64url of [startedAt, id] of the last session on the page. */
export function encodeSessionCursor(c: SessionCursor): string {
  return Buffer.from(JSON.stringify([c.startedAt, c.id])).toString("base64url");
}

export function decodeSessionCursor(cursor: string): SessionCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "string" &&
      typeof value[1] === "string" &&
      !`${value[0]}${value[1]}`.includes("\u0000")
    ) {
      return { startedAt: value[0], id: value[1] };
    }
  } catch {
    // fall through
  }
  return null;
}

const common = { tags: ["sessions"], security: sessionSecurity, middleware: requireUser };

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/sessions",
  summary: "Sessions, newest first, filtered by local-date range and status, paginated by cursor",
  request: { query: SessionListQuerySchema },
  responses: { 200: json(SessionListSchema, "A page of sessions"), ...errors(400, 401) },
});

const current = createRoute({
  ...common,
  method: "get",
  path: "/api/sessions/current",
  summary: "The user's active session (to resume after a closed tab)",
  responses: { 200: json(SessionSchema, "The active session"), ...errors(401, 404, 422) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/api/sessions",
  summary: "Begin a session with its check-in (idempotent on clientId)",
  request: { body: jsonBody(CreateSessionSchema) },
  responses: {
    200: json(SessionSchema, "The session created earlier with this clientId"),
    201: json(SessionSchema, "The new, active session"),
    ...errors(400, 401, 403, 413),
  },
});

const getOne = createRoute({
  ...common,
  method: "get",
  path: "/api/sessions/{id}",
  summary: "One session",
  request: { params: IdParamsSchema },
  responses: { 200: json(SessionSchema, "The session"), ...errors(401, 404, 422) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/api/sessions/{id}",
  summary: "Attach an entry, check out, abandon or resume a session",
  request: { params: IdParamsSchema, body: jsonBody(UpdateSessionSchema) },
  responses: {
    200: json(SessionSchema, "The updated session"),
    ...errors(400, 401, 403, 404, 409, 413),
  },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/sessions/{id}",
  summary: "Delete a session",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
});

/** A prompt id must be built in or one of the user's own; anything else is a 400 on promptId. */
async function checkPrompt(store: Store, userId: string, promptId: string | null | undefined): Promise<void> {
  if (promptId === undefined || promptId === null) return;
  if (findBuiltInPrompt(promptId) || (await store.getPrompt(userId, promptId))) return;
  throw new HttpError(400, ErrorCode.validation, "promptId: Unknown prompt", "promptId");
}

/** JSON with object keys sorted, to compare two check-outs by value. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** How far ahead of the server's clock a backfilled startedAt may be (clock skew). */
export const BACKFILL_SKEW_MS = 5 * 60_000;

const conflict = (message: string) => new HttpError(409, INVALID_TRANSITION, message);

export function registerSessionRoutes(app: App, deps: AppDeps): void {
  const { store } = deps;
  const ritual = store.ritual;

  app.openapi(list, async (c) => {
    const user = userOf(c);
    const { from, to, status, limit, cursor } = c.req.valid("query");
    const after = cursor === undefined ? undefined : decodeSessionCursor(cursor);
    if (after === null) throw new HttpError(400, ErrorCode.validation, "cursor: Invalid cursor", "cursor");
    const rows = await ritual.listSessions(user.id, {
      limit: limit + 1,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(after ? { after } : {}),
    });
    // Sessions that did not decrypt are left out of `rows` and named apart; the page counts
    // them in their place (newest first), so paging neither stops early nor skips one.
    const all = slotsNewestFirst(
      rows,
      (s) => s.startedAt,
      (u) => u.startedAt ?? u.createdAt,
    );
    const page = all.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor =
      all.length > limit && last ? encodeSessionCursor({ startedAt: last.at, id: last.id }) : null;
    const unreadable = page.flatMap((r) => (r.unreadable ? [r.unreadable] : []));
    return c.json(
      {
        sessions: page.flatMap((r) => (r.record ? [presentSession(r.record)] : [])),
        nextCursor,
        unreadable: unreadableOf({ unreadable }),
      },
      200,
    );
  });

  // Registered before /api/sessions/{id} so the fixed path wins.
  app.openapi(current, async (c) => {
    const session = await ritual.currentSession(userOf(c).id);
    if (!session) throw notFound("No active session");
    return c.json(presentSession(session), 200);
  });

  app.openapi(create, async (c) => {
    const user = userOf(c);
    const input = c.req.valid("json");
    const scene = sessionScene(input.scene);
    await checkPrompt(store, user.id, input.promptId);
    const now = deps.now();
    const started = input.startedAt === undefined ? now : new Date(input.startedAt);
    if (started.getTime() > now.getTime() + BACKFILL_SKEW_MS) {
      throw new HttpError(400, ErrorCode.validation, "startedAt: Can't be in the future", "startedAt");
    }
    const { session, created } = await ritual.createSession(user.id, {
      id: newId(),
      clientId: input.clientId ?? null,
      startedAt: started.toISOString(),
      ...(input.endedAt !== undefined ? { endedAt: new Date(input.endedAt).toISOString() } : {}),
      timeZone: user.timeZone,
      localDate: localDateIn(user.timeZone, started),
      checkIn: input.checkIn,
      scene: scene ?? null,
      media: input.media ?? [],
      promptId: input.promptId ?? null,
    });
    return created ? c.json(presentSession(session), 201) : c.json(presentSession(session), 200);
  });

  app.openapi(getOne, async (c) => {
    const session = await ritual.getSession(userOf(c).id, c.req.valid("param").id);
    if (!session) throw notFound("No such session");
    return c.json(presentSession(session), 200);
  });

  app.openapi(update, async (c) => {
    const user = userOf(c);
    const { id } = c.req.valid("param");
    const input = c.req.valid("json");
    // The write applies only while the status is still the one checked here; if another request
    // moved it meanwhile, look again (the second look usually answers 409 or a no-op).
    for (let attempt = 0; attempt < 3; attempt++) {
      const session = await ritual.getSession(user.id, id);
      if (!session) throw notFound("No such session");
      const changes = await planUpdate(store, user.id, session, input, deps.now().toISOString());
      if (changes === null) return c.json(presentSession(session), 200);
      const updated = await ritual.updateSession(user.id, id, session.status, changes);
      if (updated) return c.json(presentSession(updated), 200);
    }
    throw conflict("The session changed while this update was being saved. Please try again.");
  });

  app.openapi(remove, async (c) => {
    if (!(await ritual.deleteSession(userOf(c).id, c.req.valid("param").id)))
      throw notFound("No such session");
    return c.body(null, 204);
  });
}

/**
 * A session's scene snapshot, validated like a preset's scene (core's scene schema: unknown keys
 * and unknown generators answer 400 naming the field, e.g. `scene.layers[0].generator`) and kept
 * in the current format with every default filled in. Insights read the generators of these
 * snapshots, so only registered generator ids get in. null and undefined pass through.
 */
function sessionScene(
  input: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null | undefined {
  if (input === null || input === undefined) return input;
  return sceneFromBody(input) as unknown as Record<string, unknown>;
}

/** What a PATCH changes, after every check; null when it changes nothing (a repeated check-out). */
async function planUpdate(
  store: Store,
  userId: string,
  session: RitualSessionRecord,
  input: z.infer<typeof UpdateSessionSchema>,
  now: string,
): Promise<RitualSessionChanges | null> {
  const problem = sessionUpdateProblem(session, input);
  if (problem) throw conflict(problem);
  if (session.condition.kind === "masked" && (input.scene !== undefined || input.media !== undefined)) {
    throw conflict("A masked session's sound is set by its experiment.");
  }
  const scene = sessionScene(input.scene);
  const to = input.status ?? session.status;
  const repeatedCheckOut = session.status === "checked-out" && input.checkOut !== undefined;
  if (repeatedCheckOut && canonical(input.checkOut) !== canonical(session.checkOut)) {
    throw conflict("A finished session's check-out answers are kept as they were.");
  }
  if (input.entryId !== undefined && input.entryId !== null) {
    // Same answer for another user's entry and a missing one: nothing leaks.
    if (!(await store.ritual.ownsEntry(userId, input.entryId))) {
      throw new HttpError(400, ErrorCode.validation, "entryId: Unknown entry", "entryId");
    }
  }
  await checkPrompt(store, userId, input.promptId);

  const changes: RitualSessionChanges = { updatedAt: now };
  let changed = false;
  if (to !== session.status) {
    changed = true;
    changes.status = to;
    // A backfilled session (created with endedAt) keeps the end it was logged with.
    if (to === "checked-out") {
      changes.checkOut = input.checkOut ?? null;
      changes.endedAt = session.endedAt ?? now;
    } else if (to === "abandoned") {
      changes.endedAt = session.endedAt ?? now;
    } else {
      changes.endedAt = null; // resumed
    }
  }
  if (scene !== undefined) changes.scene = scene;
  if (input.media !== undefined) changes.media = input.media;
  if (input.entryId !== undefined) changes.entryId = input.entryId;
  if (input.promptId !== undefined) changes.promptId = input.promptId;
  changed ||= [input.scene, input.media, input.entryId, input.promptId].some((v) => v !== undefined);
  return changed ? changes : null;
}
