import { createRoute, z } from "@hono/zod-openapi";
import {
  addCalendarDays,
  deriveSleep,
  ErrorCode,
  localToInstant,
  SleepDiaryInputSchema,
  SleepDiarySchema,
} from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { presentSleepDiary } from "../presenters/sleep-diary";
import type { RitualStore } from "../store/ritual-store";
import { CalendarDateSchema, errors, json, jsonBody, sessionSecurity } from "./common";
import { UnreadableListSchema, unreadableOf } from "./unreadable";

/** The evening a diary links to: sessions started from 18:00 on the night's date to 03:00 the
 * next morning, local time in the user's zone; the latest such session wins. */
export const EVENING_FROM = "18:00";
export const EVENING_TO = "03:00";

export const NightParamsSchema = z.object({ nightOf: CalendarDateSchema });

export const SleepDiaryListQuerySchema = z
  .object({ from: CalendarDateSchema.optional(), to: CalendarDateSchema.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "to must not be before from",
    path: ["to"],
  });

const common = { tags: ["sleep diaries"], security: sessionSecurity, middleware: requireUser };

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/sleep-diaries",
  summary: "Morning sleep diaries with derived measures, newest night first",
  request: { query: SleepDiaryListQuerySchema },
  responses: {
    200: json(z.object({ diaries: z.array(SleepDiarySchema), unreadable: UnreadableListSchema }), "Diaries"),
    ...errors(400, 401),
  },
});

const put = createRoute({
  ...common,
  method: "put",
  path: "/api/sleep-diaries/{nightOf}",
  summary: "Save the diary of one night (created or replaced); links the evening's session",
  request: { params: NightParamsSchema, body: jsonBody(SleepDiaryInputSchema) },
  responses: {
    200: json(SleepDiarySchema, "The replaced diary"),
    201: json(SleepDiarySchema, "The new diary"),
    ...errors(400, 401, 403, 413),
  },
});

const getOne = createRoute({
  ...common,
  method: "get",
  path: "/api/sleep-diaries/{nightOf}",
  summary: "The diary of one night",
  request: { params: NightParamsSchema },
  responses: { 200: json(SleepDiarySchema, "The diary"), ...errors(400, 401, 404, 422) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/sleep-diaries/{nightOf}",
  summary: "Delete the diary of one night",
  request: { params: NightParamsSchema },
  responses: { 204: { description: "Deleted" }, ...errors(400, 401, 403, 404) },
});

/** The id of the user's latest session started in the evening of `nightOf` (see EVENING_FROM). */
export async function eveningSessionId(
  ritual: RitualStore,
  userId: string,
  timeZone: string,
  nightOf: string,
): Promise<string | null> {
  const from = localToInstant(nightOf, EVENING_FROM, timeZone).instantMs;
  const to = localToInstant(addCalendarDays(nightOf, 1), EVENING_TO, timeZone).instantMs;
  return ritual.latestSessionStartedBetween(userId, new Date(from).toISOString(), new Date(to).toISOString());
}

export function registerSleepDiaryRoutes(app: App, deps: AppDeps): void {
  const { ritual } = deps.store;

  app.openapi(list, async (c) => {
    const { from, to } = c.req.valid("query");
    const diaries = await ritual.listSleepDiaries(userOf(c).id, {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
    });
    return c.json({ diaries: diaries.map(presentSleepDiary), unreadable: unreadableOf(diaries) }, 200);
  });

  app.openapi(put, async (c) => {
    const user = userOf(c);
    const { nightOf } = c.req.valid("param");
    const input = c.req.valid("json");
    if (input.nightOf !== nightOf) {
      throw new HttpError(
        400,
        ErrorCode.validation,
        "nightOf: The night in the body must match the night in the address",
        "nightOf",
      );
    }
    const sessionId = await eveningSessionId(ritual, user.id, user.timeZone, nightOf);
    const { diary, created } = await ritual.upsertSleepDiary(user.id, {
      id: newId(),
      nightOf,
      fields: input,
      derived: deriveSleep(input),
      sessionId,
      now: deps.now().toISOString(),
    });
    const body = presentSleepDiary(diary);
    return created ? c.json(body, 201) : c.json(body, 200);
  });

  app.openapi(getOne, async (c) => {
    const diary = await ritual.getSleepDiary(userOf(c).id, c.req.valid("param").nightOf);
    if (!diary) throw notFound("No diary for that night");
    return c.json(presentSleepDiary(diary), 200);
  });

  app.openapi(remove, async (c) => {
    if (!(await ritual.deleteSleepDiary(userOf(c).id, c.req.valid("param").nightOf)))
      throw notFound("No diary for that night");
    return c.body(null, 204);
  });
}
