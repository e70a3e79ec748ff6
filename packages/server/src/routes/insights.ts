import { createRoute, z } from "@hono/zod-openapi";
import { addDays, computeInsights } from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { requireUser } from "../http/auth";
import { AnswerCache } from "../insights/answer-cache";
import { answerJson } from "../insights/answer-json";
import { insightsInput } from "../insights/observations";
import { localDateIn } from "../time";
import { CalendarDateSchema, errors, json, sessionSecurity } from "./common";

/** docs/api-insights.md: the user's rows mapped onto core's computeInsights. */

export const InsightsQuerySchema = z
  .object({ from: CalendarDateSchema.optional(), to: CalendarDateSchema.optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "to must not be before from",
    path: ["to"],
  });

const IntervalSchema = z
  .object({ lower: z.number(), upper: z.number() })
  .catchall(z.unknown())
  .nullable()
  .describe("Interval at the requested level (see core's MeanInterval)");

/** One measure's estimate (core's MeasureEffect); documented loosely, the full shape is core's. */
export const MeasureEffectSchema = z
  .object({
    measure: z.string(),
    n: z.number(),
    meanChange: z.number().nullable(),
    interval: IntervalSchema,
    status: z.enum(["estimate", "not-enough-data", "no-variation"]),
    reason: z.string().nullable(),
    moreSessionsNeeded: z.number(),
  })
  .catchall(z.unknown());

/** computeInsights' result (core's `Insights`) plus when, for which zone and which range. */
export const InsightsSchema = z
  .object({
    generatedAt: z.string(),
    timeZone: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    counts: z.object({
      sessions: z.number(),
      completeSessions: z.number(),
      nights: z.number(),
      checkups: z.number(),
    }),
    overall: z.record(z.string(), z.unknown()),
    triggers: z.record(z.string(), z.unknown()),
    presets: z.record(z.string(), z.unknown()),
    media: z.record(z.string(), z.unknown()),
    sleep: z.record(z.string(), z.unknown()),
    trends: z.record(z.string(), z.unknown()),
    consistency: z.record(z.string(), z.unknown()),
    onThisDay: z.array(z.object({ id: z.string(), localDate: z.string() })),
    summary: z.record(z.string(), z.unknown()),
  })
  .openapi("Insights");

export const WeeklyInsightsSchema = z
  .object({
    generatedAt: z.string(),
    timeZone: z.string(),
    /** First and last local day of the week (today and the six days before it). */
    from: z.string(),
    to: z.string(),
    sessions: z.number(),
    completeSessions: z.number(),
    /** Mean anxiety change (check-out − check-in) over the week, or "not-enough-data". */
    anxiety: MeasureEffectSchema,
    /** Sleep diaries for the seven nights before today. */
    nightsLogged: z.number(),
  })
  .openapi("WeeklyInsights");

const common = { tags: ["insights"], security: sessionSecurity, middleware: requireUser };

const full = createRoute({
  ...common,
  method: "get",
  path: "/api/insights",
  summary: "Per-trigger effects with intervals, sleep, trends, consistency and a summary",
  request: { query: InsightsQuerySchema },
  responses: { 200: json(InsightsSchema, "The insights"), ...errors(400, 401) },
});

const weekly = createRoute({
  ...common,
  method: "get",
  path: "/api/insights/weekly",
  summary: "The last seven days, for the Today card",
  responses: { 200: json(WeeklyInsightsSchema, "The week"), ...errors(401) },
});

/** Bytes of answers kept for reuse (ten years of daily data answer with about 0.4 MB). */
const ANSWER_CACHE_BYTES = 32 * 1024 * 1024;

export function registerInsightsRoutes(app: App, deps: AppDeps): void {
  const { ritual } = deps.store;
  const answers = new AnswerCache(ANSWER_CACHE_BYTES);

  app.openapi(full, async (c) => {
    const user = userOf(c);
    const { from, to } = c.req.valid("query");
    const now = deps.now();
    const today = localDateIn(user.timeZone, now);
    // The answer computed for the same zone, day and range is reused until the user next writes a
    // session, diary or check-up (the stamp changes with every such write, in any process).
    const key = `${user.timeZone}|${today}|${from ?? ""}|${to ?? ""}`;
    const stamp = await ritual.insightsStamp(user.id);
    let bytes = answers.get(user.id, key, stamp);
    if (!bytes) {
      const rows = await ritual.insightsRows(user.id, {
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      });
      const insights = computeInsights(insightsInput(rows), { today });
      const answer = {
        ...insights,
        generatedAt: now.toISOString(),
        timeZone: user.timeZone,
        from: from ?? null,
        to: to ?? null,
      };
      // Sent as UTF-8 bytes made in one step (a string body is first checked character by
      // character for lone surrogates, then encoded).
      bytes = Buffer.from(answerJson(answer), "utf8");
      answers.set(user.id, key, stamp, bytes);
    }
    // (Cast: the route's typed answer is JSON; these bytes are that JSON.)
    return c.body(bytes, 200, { "content-type": "application/json; charset=UTF-8" }) as never;
  });

  app.openapi(weekly, async (c) => {
    const user = userOf(c);
    const now = deps.now();
    const today = localDateIn(user.timeZone, now);
    const from = addDays(today, -6);
    const rows = await ritual.insightsRows(user.id, { from: addDays(today, -7), to: today });
    const input = insightsInput({
      sessions: rows.sessions.filter((s) => s.localDate >= from),
      diaries: rows.diaries.filter((d) => d.nightOf < today),
      checkups: [],
    });
    const insights = computeInsights(input, { today });
    return c.json(
      {
        generatedAt: now.toISOString(),
        timeZone: user.timeZone,
        from,
        to: today,
        sessions: insights.counts.sessions,
        completeSessions: insights.counts.completeSessions,
        anxiety: insights.overall.anxiety,
        nightsLogged: input.sleep?.length ?? 0,
      },
      200,
    );
  });
}
