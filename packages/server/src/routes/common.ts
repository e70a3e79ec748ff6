import { z } from "@hono/zod-openapi";
import { ApiErrorSchema } from "@meridian/core";
import type { AccountError } from "../accounts";
import { HttpError } from "../errors";
import { isCalendarDate } from "../time";

/** Pieces every route group uses to describe itself in the OpenAPI document. */

export const sessionSecurity = [{ session: [] as string[] }];

const errorDescriptions: Record<number, string> = {
  400: "Invalid input (validation_failed or malformed_json)",
  401: "Not signed in (unauthenticated)",
  403: "Not allowed (forbidden, csrf_header_missing, signups_closed)",
  404: "Not found, or not yours (not_found)",
  409: "Conflict",
  413: "Body too large (payload_too_large)",
};

export function errors(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: errorDescriptions[s] ?? "Error",
        content: { "application/json": { schema: ApiErrorSchema } },
      },
    ]),
  );
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { "application/json": { schema } }, required: true };
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}

export const CalendarDateSchema = z.string().refine(isCalendarDate, "Use a real date written YYYY-MM-DD");

export const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** Maps account-service failures onto HTTP answers. */
export function accountHttpError(error: AccountError): HttpError {
  switch (error.code) {
    case "validation_failed":
    case "weak_password":
      return new HttpError(400, error.code, error.message, error.field);
    case "already_exists":
    case "setup_already_done":
      return new HttpError(409, error.code, error.message, error.field);
    case "not_found":
      return new HttpError(404, error.code, error.message);
    case "last_owner":
      return new HttpError(409, error.code, error.message);
    case "invalid_credentials":
    case "recovery_key_invalid":
      return new HttpError(400, error.code, error.message, error.field);
  }
}
