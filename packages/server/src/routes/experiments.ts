/**
 * Blinded n-of-1 experiments (issue 15): create (freeze a plan with a seed only the server
 * knows), list, read, rename, stop or unblind early, tonight's assignment, record an evening, and
 * the report once the experiment has ended. Routes, fields and blinding rules:
 * docs/api-experiments.md. Presenters (presenters/experiments.ts) decide what a blinded person
 * may see; the seed, the plan hash and the A/B map stay sealed in the store until the end.
 */
import { randomInt } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  buildSchedule,
  CreateExperimentSchema,
  checkFrozenPlan,
  ExperimentErrorCode,
  ExperimentListSchema,
  ExperimentReportSchema,
  ExperimentSchema,
  ExperimentTodaySchema,
  freezePlan,
  GUESSES,
  OUTCOME_INFO,
  PowerGuidanceSchema,
  PowerQuerySchema,
  parseExperimentPlan,
  powerGuidance,
  RecordEveningSchema,
  UpdateExperimentSchema,
} from "@meridian/core";
import { BLINDING_LOST } from "../archive/experiment-blinding";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { presentEvening, presentExperiment, presentPower, presentProgress } from "../presenters/experiments";
import type { ExperimentRecord } from "../store/experiments-store";
import type { UserRecord } from "../store/store";
import { localDateIn } from "../time";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import { pinnedEvening, registerExperimentPinRoute } from "./experiments-pin";
import { revealSessions } from "./experiments-reveal";
import { buildArms, type Measurer } from "./experiments-scenes";
import {
  EXPECTATION_QUESTION,
  GUESS_QUESTION,
  RecordedEveningSchema,
  ReportQuerySchema,
} from "./experiments-schemas";
import {
  experimentReportFor,
  experimentState,
  experimentSummaries,
  outcomesOf,
  pastValues,
  sessionOutcome,
} from "./experiments-state";

const common = { tags: ["experiments"], security: sessionSecurity, middleware: requireUser };

const create = createRoute({
  ...common,
  method: "post",
  path: "/api/experiments",
  summary: "Start a blinded experiment from a plan (frozen; the server draws the seed)",
  request: { body: jsonBody(CreateExperimentSchema) },
  responses: {
    201: json(ExperimentSchema, "The experiment, with power guidance"),
    ...errors(400, 401, 403, 409),
  },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/experiments",
  summary: "The user's experiments, newest first (progress only, no condition)",
  responses: { 200: json(ExperimentListSchema, "Experiments"), ...errors(401) },
});

const today = createRoute({
  ...common,
  method: "get",
  path: "/api/experiments/today",
  summary: "Tonight's assignment of the running experiment: evening number and soundscape A or B",
  responses: { 200: json(ExperimentTodaySchema, "Tonight (experiment null when none runs)"), ...errors(401) },
});

const power = createRoute({
  ...common,
  method: "get",
  path: "/api/experiments/power",
  summary: "Power guidance before Start: pairs needed, from the person's own past evenings",
  request: { query: PowerQuerySchema },
  responses: {
    200: json(PowerGuidanceSchema, "The guidance (default 6 pairs without enough data)"),
    ...errors(400, 401),
  },
});

const get = createRoute({
  ...common,
  method: "get",
  path: "/api/experiments/{id}",
  summary: "One experiment (seed, plan hash and control recipe only once it has ended)",
  request: { params: IdParamsSchema },
  responses: { 200: json(ExperimentSchema, "The experiment"), ...errors(401, 404) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/api/experiments/{id}",
  summary: "Rename an experiment; a changed plan is refused (409 plan_frozen)",
  request: { params: IdParamsSchema, body: jsonBody(UpdateExperimentSchema) },
  responses: { 200: json(ExperimentSchema, "The experiment"), ...errors(400, 401, 403, 404, 409) },
});

const stop = createRoute({
  ...common,
  method: "post",
  path: "/api/experiments/{id}/stop",
  summary: "Stop early (recorded as a deviation; the report becomes available)",
  request: { params: IdParamsSchema },
  responses: { 200: json(ExperimentSchema, "The stopped experiment"), ...errors(401, 403, 404, 409) },
});

const unblind = createRoute({
  ...common,
  method: "post",
  path: "/api/experiments/{id}/unblind",
  summary: "Unblind early (recorded as a deviation; the report becomes available)",
  request: { params: IdParamsSchema },
  responses: { 200: json(ExperimentSchema, "The unblinded experiment"), ...errors(401, 403, 404, 409) },
});

const record = createRoute({
  ...common,
  method: "post",
  path: "/api/experiments/{id}/evenings",
  summary: "Record an evening: its checked-out session, the expectation and the guess",
  request: { params: IdParamsSchema, body: jsonBody(RecordEveningSchema) },
  responses: {
    201: json(RecordedEveningSchema, "The evening (no outcome shown while blinded)"),
    ...errors(400, 401, 403, 404, 409),
  },
});

const report = createRoute({
  ...common,
  method: "get",
  path: "/api/experiments/{id}/report",
  summary: "The report (409 experiment_not_ended while running); ?format=markdown for CENT Markdown",
  request: { params: IdParamsSchema, query: ReportQuerySchema },
  responses: {
    200: {
      description: "The report as JSON, or as Markdown with format=markdown",
      content: {
        "application/json": { schema: ExperimentReportSchema },
        "text/markdown": { schema: z.string() },
      },
    },
    ...errors(400, 401, 404, 409),
  },
});

const conflict = (code: string, message: string) => new HttpError(409, code, message);
const invalid = (message: string, field?: string) => new HttpError(400, "validation_failed", message, field);

export function registerExperimentRoutes(app: App, deps: AppDeps, levels: Measurer): void {
  const { experiments, ritual, studio } = deps.store;
  const todayOf = (user: UserRecord) => localDateIn(user.timeZone, deps.now());

  async function load(user: UserRecord, id: string) {
    const found = await experiments.findExperiment(user.id, id);
    if (!found) throw notFound("No such experiment");
    const evenings = await experiments.listEvenings(user.id, id);
    const state = experimentState(found, evenings, todayOf(user));
    if (state.ended) await reveal(found, evenings);
    return { found, evenings, state };
  }

  /** An ended experiment's masked sessions are revealed (experiments-reveal.ts). */
  function reveal(found: ExperimentRecord, evenings: Parameters<typeof revealSessions>[2]) {
    return revealSessions(ritual, found, evenings, deps.now().toISOString());
  }

  async function running(user: UserRecord) {
    const date = todayOf(user);
    for (const e of await experiments.listExperiments(user.id)) {
      if (e.status !== "running") continue;
      const evenings = await experiments.listEvenings(user.id, e.id);
      const state = experimentState(e, evenings, date);
      if (!state.ended) return { found: e, evenings, state };
      await reveal(e, evenings);
    }
    return null;
  }

  app.openapi(create, async (c) => {
    const user = userOf(c);
    const body = c.req.valid("json");
    if ("seed" in body.plan)
      throw invalid("The seed is drawn by the server, so that nobody knows the order", "plan.seed");
    const date = todayOf(user);
    const startDate = body.plan.startDate === undefined ? date : body.plan.startDate;
    const parsed = parseExperimentPlan({ ...body.plan, startDate, seed: randomInt(0, 0x1_0000_0000) });
    if (!parsed.ok) {
      const first = parsed.errors[0];
      throw invalid(
        first ? `${first.field}: ${first.message}` : "Not a valid plan",
        first && `plan.${first.field}`,
      );
    }
    if (parsed.plan.startDate < date)
      throw invalid("The first evening can't be in the past", "plan.startDate");
    if (await running(user))
      throw conflict(
        ExperimentErrorCode.running,
        "Another experiment is running; stop it or wait for its end",
      );
    const frozen = freezePlan(parsed.plan);
    const { plan } = frozen;
    const schedule = buildSchedule(plan);
    const arms = await buildArms(plan, schedule.blinding.condition, studio, user.id, levels);
    const past = await pastValues(ritual, user.id, plan.primaryOutcome);
    const power = powerGuidance(plan.primaryOutcome, past, plan.minimalImportantDifference);
    const now = deps.now().toISOString();
    const stored = await experiments.insertExperiment(user.id, {
      id: newId(),
      name: body.name,
      plan: frozen.canonical,
      arms,
      power: power as unknown as Record<string, unknown>,
      status: "running",
      startDate: schedule.startDate,
      endDate: schedule.endDate,
      totalEvenings: schedule.evenings.length,
      stoppedOn: null,
      unblindedOn: null,
      createdAt: now,
      updatedAt: now,
    });
    return c.json(presentExperiment(stored, experimentState(stored, [], date)), 201);
  });

  app.openapi(list, async (c) => {
    const user = userOf(c);
    return c.json({ experiments: await experimentSummaries(deps.store, user, todayOf(user)) }, 200);
  });

  app.openapi(today, async (c) => {
    const current = await running(userOf(c));
    if (!current) return c.json({ experiment: null }, 200);
    const { found, state } = current;
    const evening = state.today.evening;
    const soundscape = evening ? evening.condition : null;
    return c.json(
      {
        experiment: {
          id: found.id,
          name: found.name,
          progress: presentProgress(state),
          soundscape,
          soundscapeLabel: soundscape ? `Soundscape ${soundscape}` : null,
          scene: soundscape ? found.arms[soundscape] : null,
          expectationQuestion: EXPECTATION_QUESTION,
          guessQuestion: GUESS_QUESTION,
          guesses: [...GUESSES],
        },
      },
      200,
    );
  });

  // Before the {id} route, so "power" is not taken for an id. Same computation as at create.
  app.openapi(power, async (c) => {
    const { outcome, mid } = c.req.valid("query");
    const past = await pastValues(ritual, userOf(c).id, outcome);
    const guidance = powerGuidance(outcome, past, mid ?? OUTCOME_INFO[outcome].defaultMid);
    return c.json(presentPower(guidance as unknown as Record<string, unknown>), 200);
  });

  app.openapi(get, async (c) => {
    const { found, state } = await load(userOf(c), c.req.valid("param").id);
    return c.json(presentExperiment(found, state), 200);
  });

  app.openapi(update, async (c) => {
    const user = userOf(c);
    const id = c.req.valid("param").id;
    const body = c.req.valid("json");
    const { found, state } = await load(user, id);
    if (body.plan !== undefined) {
      const check = checkFrozenPlan(freezePlan(JSON.parse(found.plan)).hash, {
        ...body.plan,
        seed: state.plan.seed,
      });
      // Core's message never quotes the plan hash, which must stay hidden until the end.
      if (!check.ok) throw conflict(check.code, check.message);
    }
    if (body.name === undefined) return c.json(presentExperiment(found, state), 200);
    const updated = await experiments.updateExperiment(user.id, id, {
      name: body.name,
      updatedAt: deps.now().toISOString(),
    });
    if (!updated) throw notFound("No such experiment");
    return c.json(presentExperiment(updated, state), 200);
  });

  async function end(user: UserRecord, id: string, how: "stopped" | "unblinded"): Promise<ExperimentRecord> {
    const { state } = await load(user, id);
    if (state.ended)
      throw conflict(ExperimentErrorCode.ended, `This experiment has already ended (${state.status})`);
    const date = todayOf(user);
    const updated = await experiments.updateExperiment(user.id, id, {
      status: how,
      ...(how === "stopped" ? { stoppedOn: date } : { unblindedOn: date }),
      updatedAt: deps.now().toISOString(),
    });
    if (!updated) throw notFound("No such experiment");
    return updated;
  }

  for (const [route, how] of [
    [stop, "stopped"],
    [unblind, "unblinded"],
  ] as const) {
    app.openapi(route, async (c) => {
      const user = userOf(c);
      const updated = await end(user, c.req.valid("param").id, how);
      const evenings = await experiments.listEvenings(user.id, updated.id);
      await reveal(updated, evenings);
      return c.json(presentExperiment(updated, experimentState(updated, evenings, todayOf(user))), 200);
    });
  }

  registerExperimentPinRoute(app, deps);

  app.openapi(record, async (c) => {
    const user = userOf(c);
    const id = c.req.valid("param").id;
    const body = c.req.valid("json");
    const { state, evenings } = await load(user, id);
    const session = await ritual.getSession(user.id, body.sessionId);
    if (!session) throw notFound("No such session");
    // The evening is the one the session was begun as (experiments-pin.ts), not its date's: a
    // session begun before midnight and checked out after it stays the evening heard.
    const evening = pinnedEvening(session, id, state);
    if (evenings.some((e) => e.index === evening.index))
      throw conflict(ExperimentErrorCode.eveningRecorded, `Evening ${evening.index} is already recorded`);
    // Finished by the date alone, its last evening may still be recorded (checked out after midnight).
    if (state.ended && state.status !== "finished")
      throw conflict(
        ExperimentErrorCode.ended,
        `This experiment has ended (${state.status}); no more evenings`,
      );
    if (session.status !== "checked-out" || !session.checkOut)
      throw new HttpError(
        400,
        ExperimentErrorCode.outcomeMissing,
        "The session has no check-out yet, so tonight's outcome has no data; check out first",
        "sessionId",
      );
    const outcomes: Partial<Record<string, number | null>> = {};
    for (const o of outcomesOf(state.plan)) {
      if (!OUTCOME_INFO[o].sleep) outcomes[o] = sessionOutcome(o, session.checkIn, session.checkOut);
    }
    // The session becomes a masked one of this experiment: no scene kept (it would tell the arm;
    // the web sends none), and the API hides what was played until the end (redactMaskedSession).
    // Before the evening is written, so a recorded evening never has an unmasked session.
    const masked = await ritual.updateSession(user.id, session.id, "checked-out", {
      scene: null,
      condition: {
        kind: "masked",
        experimentId: id,
        armLabel: evening.condition,
        blockIndex: evening.index - 1,
        expectation: body.expectation,
        revealed: false,
      },
      updatedAt: deps.now().toISOString(),
    });
    if (!masked) throw notFound("No such session");
    const result = await experiments.insertEvening(user.id, {
      id: newId(),
      experimentId: id,
      index: evening.index,
      localDate: evening.date,
      sessionId: session.id,
      data: { outcomes, expectation: body.expectation, guess: body.guess },
      createdAt: deps.now().toISOString(),
    });
    if (!result.ok)
      throw conflict(ExperimentErrorCode.eveningRecorded, `Evening ${evening.index} is already recorded`);
    const after = await load(user, id);
    return c.json({ evening: presentEvening(result.evening), progress: presentProgress(after.state) }, 201);
  });

  app.openapi(report, async (c) => {
    const user = userOf(c);
    const found = await experimentReportFor(deps.store, user, c.req.valid("param").id, todayOf(user));
    if (found.status === "not_found") throw notFound("No such experiment");
    if (found.status === "not_ended")
      throw conflict(
        ExperimentErrorCode.notEnded,
        "The results are shown only at the end (or after stopping or unblinding), so nobody stops on a lucky streak",
      );
    if (found.status === "blinding_lost")
      throw conflict(
        ExperimentErrorCode.blindingLost,
        `No report: this experiment was ${BLINDING_LOST}, so which soundscape was which is not known`,
      );
    await load(user, c.req.valid("param").id);
    if (c.req.valid("query").format === "markdown") {
      return c.body(found.report.markdown, 200, { "Content-Type": "text/markdown; charset=utf-8" });
    }
    return c.json(found.report, 200);
  });
}
