/**
 * The test clock's routes, registered ONLY when the server starts with MERIDIAN_TEST_CLOCK=1
 * (serve.ts → createApp's `testClock`): end-to-end tests move the server's time on to run a
 * twelve-evening experiment in a minute. Without the flag these paths answer 404 like any unknown
 * API route. GET reads the clock; POST sets it (`now`, an ISO instant) or moves it on
 * (`advanceMs`); it never goes back, nor more than 400 days ahead of real time.
 */
import { createRoute, z } from "@hono/zod-openapi";
import type { App } from "../context";
import { HttpError } from "../errors";
import { TEST_CLOCK_MAX_AHEAD_MS, type TestClock, type TestClockMove } from "../time";
import { errors, json, jsonBody } from "./common";

const DAY_MS = 24 * 60 * 60 * 1000;

export const TestClockSchema = z.object({ now: z.string() });

export const SetTestClockSchema = z
  .object({
    now: z.iso.datetime({ offset: true, error: "must be an ISO 8601 instant" }).optional(),
    advanceMs: z
      .number()
      .int("must be whole milliseconds")
      .min(0, "must not be negative")
      .max(400 * DAY_MS, "must be at most 400 days")
      .optional(),
  })
  .refine((b) => (b.now === undefined) !== (b.advanceMs === undefined), {
    message: "Give either now or advanceMs",
  });

const read = createRoute({
  method: "get",
  path: "/api/test/clock",
  tags: ["test"],
  summary: "The test clock's time (only with MERIDIAN_TEST_CLOCK=1)",
  responses: { 200: json(TestClockSchema, "The server's time") },
});

const set = createRoute({
  method: "post",
  path: "/api/test/clock",
  tags: ["test"],
  summary: "Set or move on the server's clock (only with MERIDIAN_TEST_CLOCK=1; never back)",
  request: { body: jsonBody(SetTestClockSchema) },
  responses: { 200: json(TestClockSchema, "The server's new time"), ...errors(400) },
});

export function registerTestClockRoutes(app: App, clock: TestClock): void {
  app.openapi(read, (c) => c.json({ now: clock.now().toISOString() }, 200));
  app.openapi(set, (c) => {
    const body = c.req.valid("json");
    const field = body.advanceMs !== undefined ? "advanceMs" : "now";
    const moved: TestClockMove =
      body.advanceMs !== undefined ? clock.advance(body.advanceMs) : clock.set(new Date(body.now ?? ""));
    if (moved === "back")
      throw new HttpError(400, "validation_failed", "The test clock only moves forward", field);
    if (moved === "too_far")
      throw new HttpError(
        400,
        "validation_failed",
        `The test clock goes at most ${TEST_CLOCK_MAX_AHEAD_MS / DAY_MS} days ahead of real time`,
        field,
      );
    return c.json({ now: clock.now().toISOString() }, 200);
  });
}
