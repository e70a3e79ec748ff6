/**
 * Tonight's evening pinned to its session. The web's Tonight flow starts the session here, not
 * through POST /api/sessions: the server checks that the evening is tonight's, and the session is
 * born masked with the experiment, the evening (blockIndex = index − 1) and the soundscape label
 * heard. Recording then reads the evening from the pin, not from the session's date, so a session
 * begun before midnight and checked out after it is still the evening that was heard, and an
 * ordinary session (or a past evening's) can't be recorded as tonight's.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { CheckInSchema, ExperimentErrorCode, SessionSchema } from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { presentSession } from "../presenters/session";
import type { RitualSessionRecord } from "../store/ritual-store";
import { localDateIn } from "../time";
import { errors, json, jsonBody, sessionSecurity } from "./common";
import { type ExperimentState, experimentState } from "./experiments-state";

export const PinParamsSchema = z.object({
  id: z.string().min(1).max(80),
  index: z.coerce.number().int().min(1).max(40),
});

export const PinnedSessionBodySchema = z.object({
  checkIn: CheckInSchema,
  clientId: z.string().min(8).max(64).optional(),
});

const pin = createRoute({
  tags: ["experiments"],
  security: sessionSecurity,
  middleware: requireUser,
  method: "post",
  path: "/api/experiments/{id}/evenings/{index}/session",
  summary: "Begin tonight's session, pinned to the evening and its masked soundscape",
  request: { params: PinParamsSchema, body: jsonBody(PinnedSessionBodySchema) },
  responses: {
    200: json(SessionSchema, "The session begun earlier with this clientId"),
    201: json(SessionSchema, "The new session, masked and pinned to the evening"),
    ...errors(400, 401, 404, 409),
  },
});

const conflict = (code: string, message: string) => new HttpError(409, code, message);

/** The scheduled evening a session is pinned to, or a 409 `session_not_pinned`. */
export function pinnedEvening(session: RitualSessionRecord, experimentId: string, state: ExperimentState) {
  const c = session.condition;
  if (c.kind !== "masked" || c.experimentId !== experimentId || c.blockIndex === undefined)
    throw conflict(
      ExperimentErrorCode.notPinned,
      "That session was not begun as an evening of this experiment (start it from Tonight)",
    );
  const evening = state.schedule.evenings[c.blockIndex];
  if (!evening || evening.condition !== c.armLabel)
    throw conflict(
      ExperimentErrorCode.notPinned,
      "That session's evening is not in this experiment's schedule",
    );
  return evening;
}

export function registerExperimentPinRoute(app: App, deps: AppDeps): void {
  const { experiments, ritual } = deps.store;
  app.openapi(pin, async (c) => {
    const user = userOf(c);
    const { id, index } = c.req.valid("param");
    const input = c.req.valid("json");
    const found = await experiments.findExperiment(user.id, id);
    if (!found) throw notFound("No such experiment");
    const now = deps.now();
    const date = localDateIn(user.timeZone, now);
    const evenings = await experiments.listEvenings(user.id, id);
    const state = experimentState(found, evenings, date);
    if (state.ended)
      throw conflict(
        ExperimentErrorCode.ended,
        `This experiment has ended (${state.status}); no more evenings`,
      );
    const tonight = state.today.evening;
    if (state.today.status !== "tonight" || !tonight || tonight.index !== index)
      throw conflict(ExperimentErrorCode.notAnEvening, `Evening ${index} is not tonight's evening`);
    const { session, created } = await ritual.createSession(user.id, {
      id: newId(),
      clientId: input.clientId ?? null,
      startedAt: now.toISOString(),
      timeZone: user.timeZone,
      localDate: date,
      checkIn: input.checkIn,
      // No scene kept: its generators would tell the arm (the web plays the masked scene itself).
      scene: null,
      media: [],
      promptId: null,
      condition: {
        kind: "masked",
        experimentId: id,
        armLabel: tonight.condition,
        blockIndex: tonight.index - 1,
        revealed: false,
      },
    });
    return c.json(presentSession(session), created ? 201 : 200);
  });
}
