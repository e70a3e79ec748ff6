import { createRoute, z } from "@hono/zod-openapi";
import {
  careLevel,
  ErrorCode,
  INSTRUMENT_IDS,
  INSTRUMENTS,
  InstrumentResponseSchema,
  InstrumentSubmissionSchema,
  scoreInstrument,
} from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { presentCheckup } from "../presenters/checkup";
import type { CheckupRecord } from "../store/ritual-store";
import { localDateIn } from "../time";
import {
  CheckupListQuerySchema,
  DueCheckupSchema,
  InstrumentSchema,
  ScoredResponseSchema,
} from "./checkups-schemas";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead of the server's clock a client's completedAt may be (clock skew). */
const FUTURE_SKEW_MS = 5 * 60 * 1000;

const common = { tags: ["check-ups"], security: sessionSecurity, middleware: requireUser };

const instruments = createRoute({
  ...common,
  method: "get",
  path: "/api/checkups/instruments",
  summary: "The questionnaires: items, options, bands, cadence and credit lines",
  responses: {
    200: json(z.object({ instruments: z.array(InstrumentSchema).readonly() }), "Instruments"),
    ...errors(401),
  },
});

const submit = createRoute({
  ...common,
  method: "post",
  path: "/api/checkups",
  summary: "Submit a completed questionnaire; the server scores it",
  request: { body: jsonBody(InstrumentSubmissionSchema) },
  responses: {
    201: json(ScoredResponseSchema, "The stored response with its result and care advice"),
    ...errors(400, 401, 403, 413),
  },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/checkups",
  summary: "Questionnaire responses, oldest first (for the history chart)",
  request: { query: CheckupListQuerySchema },
  responses: {
    200: json(z.object({ responses: z.array(InstrumentResponseSchema) }), "Responses"),
    ...errors(400, 401),
  },
});

const due = createRoute({
  ...common,
  method: "get",
  path: "/api/checkups/due",
  summary: "When each questionnaire is next due, from its suggested cadence",
  responses: { 200: json(z.object({ due: z.array(DueCheckupSchema) }), "Due dates"), ...errors(401) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/checkups/{id}",
  summary: "Delete a questionnaire response",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
});

/** Stored answers: the given ones only (an optional item left null is not stored). */
function answeredOnly(answers: Readonly<Record<string, unknown>>): Record<string, number | string[]> {
  const out: Record<string, number | string[]> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (typeof value === "number") out[id] = value;
    else if (Array.isArray(value)) out[id] = value.filter((v): v is string => typeof v === "string");
  }
  return out;
}

export function registerCheckupRoutes(app: App, deps: AppDeps): void {
  const { ritual } = deps.store;

  app.openapi(instruments, (c) => c.json({ instruments: INSTRUMENT_IDS.map((id) => INSTRUMENTS[id]) }, 200));

  app.openapi(submit, async (c) => {
    const user = userOf(c);
    const input = c.req.valid("json");
    const now = deps.now();
    const completed = input.completedAt === undefined ? now : new Date(input.completedAt);
    if (completed.getTime() > now.getTime() + FUTURE_SKEW_MS) {
      throw new HttpError(400, ErrorCode.validation, "completedAt: Can't be in the future", "completedAt");
    }
    const instrument = INSTRUMENTS[input.instrumentId];
    const answers = answeredOnly(input.answers);
    // Scored here from the answers alone: a client's own score is never trusted.
    const result = scoreInstrument(instrument, answers);
    if (!result.complete) {
      const itemId = result.issues[0]?.itemId ?? result.missing[0] ?? "";
      const field = `answers.${itemId}`;
      throw new HttpError(400, ErrorCode.validation, `${field}: Please answer every question`, field);
    }
    const record: CheckupRecord = {
      id: newId(),
      userId: user.id,
      instrumentId: input.instrumentId,
      answers,
      total: result.total,
      bandId: result.band?.id ?? null,
      completedAt: completed.toISOString(),
      localDate: localDateIn(user.timeZone, completed),
      timeZone: user.timeZone,
      createdAt: now.toISOString(),
    };
    await ritual.insertCheckup(record);
    return c.json({ ...presentCheckup(record), result, care: careLevel(result) }, 201);
  });

  app.openapi(list, async (c) => {
    const { instrumentId } = c.req.valid("query");
    const responses = await ritual.listCheckups(userOf(c).id, instrumentId);
    return c.json({ responses: responses.map(presentCheckup) }, 200);
  });

  app.openapi(due, async (c) => {
    const last = await ritual.lastCheckupTimes(userOf(c).id);
    const now = deps.now().getTime();
    const list = INSTRUMENT_IDS.map((instrumentId) => {
      const lastAt = last.get(instrumentId) ?? null;
      const dueMs =
        lastAt === null ? null : Date.parse(lastAt) + INSTRUMENTS[instrumentId].cadenceDays * DAY_MS;
      return {
        instrumentId,
        lastAt,
        dueAt: dueMs === null ? null : new Date(dueMs).toISOString(),
        overdue: dueMs !== null && now >= dueMs,
      };
    });
    return c.json({ due: list }, 200);
  });

  app.openapi(remove, async (c) => {
    if (!(await ritual.deleteCheckup(userOf(c).id, c.req.valid("param").id)))
      throw notFound("No such check-up");
    return c.body(null, 204);
  });
}
