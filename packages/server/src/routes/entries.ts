import { createRoute, z } from "@hono/zod-openapi";
import {
  ConflictSchema,
  CreateEntrySchema,
  DayCountSchema,
  EntryListSchema,
  EntrySchema,
  ErrorCode,
  TagCountSchema,
  UpdateEntrySchema,
} from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { createJournalEntry, deleteJournalEntry, updateJournalEntry } from "../journal";
import { presentEntry } from "../presenters/entry";
import type { EntryRecord, UnreadableRecord } from "../store/store";
import { localDateIn } from "../time";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import {
  DaysQuerySchema,
  decodeCursor,
  EntriesSchema,
  EntryListQuerySchema,
  encodeCursor,
  OnThisDayQuerySchema,
} from "./entries-schemas";

/** The list order: createdAt desc, then id desc (as the store sorts). */
function newestFirst(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

const common = { tags: ["entries"], security: sessionSecurity, middleware: requireUser };

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/entries",
  summary: "Entries, newest first, filtered by tag and local-date range, paginated by cursor",
  request: { query: EntryListQuerySchema },
  responses: { 200: json(EntryListSchema, "A page of entries"), ...errors(400, 401) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/api/entries",
  summary: "Create an entry (idempotent on clientId)",
  request: { body: jsonBody(CreateEntrySchema) },
  responses: {
    200: json(EntrySchema, "The entry created earlier with this clientId"),
    201: json(EntrySchema, "The new entry"),
    ...errors(400, 401, 403, 413),
  },
});

const days = createRoute({
  ...common,
  method: "get",
  path: "/api/entries/days",
  summary: "Number of entries per local date in a range",
  request: { query: DaysQuerySchema },
  responses: { 200: json(z.object({ days: z.array(DayCountSchema) }), "Counts by day"), ...errors(400, 401) },
});

const onThisDay = createRoute({
  ...common,
  method: "get",
  path: "/api/entries/on-this-day",
  summary: "Entries written on the same month and day in earlier years",
  request: { query: OnThisDayQuerySchema },
  responses: { 200: json(EntriesSchema, "Earlier entries"), ...errors(400, 401) },
});

const getOne = createRoute({
  ...common,
  method: "get",
  path: "/api/entries/{id}",
  summary: "One entry",
  request: { params: IdParamsSchema },
  responses: { 200: json(EntrySchema, "The entry"), ...errors(401, 404, 422) },
});

const update = createRoute({
  ...common,
  method: "put",
  path: "/api/entries/{id}",
  summary: "Update an entry against the revision the client edited",
  request: { params: IdParamsSchema, body: jsonBody(UpdateEntrySchema) },
  responses: {
    200: json(EntrySchema, "The updated entry (revision + 1)"),
    409: json(ConflictSchema, "baseRevision is stale; nothing changed; the current entry is included"),
    ...errors(400, 401, 403, 404, 413),
  },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/entries/{id}",
  summary: "Delete an entry",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
});

const tags = createRoute({
  ...common,
  tags: ["tags"],
  method: "get",
  path: "/api/tags",
  summary: "Tags in use, most used first",
  responses: { 200: json(z.object({ tags: z.array(TagCountSchema) }), "Tag counts"), ...errors(401) },
});

export function registerEntryRoutes(app: App, deps: AppDeps): void {
  const { store } = deps;

  app.openapi(list, async (c) => {
    const user = userOf(c);
    const { tag, from, to, limit, cursor } = c.req.valid("query");
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (after === null) throw new HttpError(400, ErrorCode.validation, "cursor: Invalid cursor", "cursor");
    const rows = await store.listEntries(user.id, {
      limit: limit + 1,
      ...(tag !== undefined ? { tag } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(after ? { after } : {}),
    });
    // Entries that did not decrypt are left out of `rows` and named apart; the page counts
    // them in their place (newest first), so paging neither stops early nor skips one.
    const all: { createdAt: string; id: string; entry?: EntryRecord; unreadable?: UnreadableRecord }[] = [
      ...rows.map((entry) => ({ createdAt: entry.createdAt, id: entry.id, entry })),
      ...(rows.unreadable ?? []).map((u) => ({ createdAt: u.createdAt, id: u.id, unreadable: u })),
    ].sort(newestFirst);
    const page = all.slice(0, limit);
    const last = page[page.length - 1];
    const nextCursor = all.length > limit && last ? encodeCursor(last) : null;
    return c.json(
      {
        entries: page.flatMap((r) => (r.entry ? [presentEntry(r.entry)] : [])),
        nextCursor,
        unreadable: page.flatMap((r) => (r.unreadable ? [{ id: r.id, date: r.unreadable.localDate }] : [])),
      },
      200,
    );
  });

  app.openapi(create, async (c) => {
    const { entry, created } = await createJournalEntry(deps, userOf(c), c.req.valid("json"));
    return created ? c.json(presentEntry(entry), 201) : c.json(presentEntry(entry), 200);
  });

  // Registered before /api/entries/{id} so these fixed paths win.
  app.openapi(days, async (c) => {
    const { from, to } = c.req.valid("query");
    return c.json({ days: await store.countByDay(userOf(c).id, from, to) }, 200);
  });

  app.openapi(onThisDay, async (c) => {
    const user = userOf(c);
    const date = c.req.valid("query").date ?? localDateIn(user.timeZone, deps.now());
    const entries = await store.entriesOnMonthDay(user.id, date.slice(5), `${date.slice(0, 4)}-01-01`);
    return c.json({ entries: entries.map(presentEntry) }, 200);
  });

  app.openapi(getOne, async (c) => {
    const entry = await store.getEntry(userOf(c).id, c.req.valid("param").id);
    if (!entry) throw notFound("No such entry");
    return c.json(presentEntry(entry), 200);
  });

  app.openapi(update, async (c) => {
    const result = await updateJournalEntry(deps, userOf(c), c.req.valid("param").id, c.req.valid("json"));
    if (result.status === "not_found") throw notFound("No such entry");
    if (result.status === "conflict") {
      const error = {
        code: "revision_conflict" as const,
        message: "The entry changed since you started editing",
      };
      return c.json({ error, current: presentEntry(result.current) }, 409);
    }
    return c.json(presentEntry(result.entry), 200);
  });

  app.openapi(remove, async (c) => {
    if (!(await deleteJournalEntry(deps, userOf(c), c.req.valid("param").id)))
      throw notFound("No such entry");
    return c.body(null, 204);
  });

  app.openapi(tags, async (c) => c.json({ tags: await store.countTags(userOf(c).id) }, 200));
}
