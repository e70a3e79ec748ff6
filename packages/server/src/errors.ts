import type { Hook, z } from "@hono/zod-openapi";
import { ErrorCode } from "@meridian/core";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Codes the server uses beyond core's ErrorCode. */
export const ServerErrorCode = {
  csrf: "csrf_header_missing",
  unsupportedMediaType: "unsupported_media_type",
  badRequest: "bad_request",
  internal: "internal_error",
} as const;

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export function errorBody(code: string, message: string, field?: string): ErrorBody {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

/** Thrown anywhere in a request; onError turns it into the JSON error answer. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly field: string | undefined;
  constructor(status: ContentfulStatusCode, code: string, message: string, field?: string) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export const notFound = (what = "Not found") => new HttpError(404, ErrorCode.notFound, what);

export function validationError(error: z.ZodError): ErrorBody {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join(".") : undefined;
  const message = issue ? (field ? `${field}: ${issue.message}` : issue.message) : "Invalid input";
  return errorBody(ErrorCode.validation, message, field);
}

/** Path of the first string inside `value` that contains U+0000 (PostgreSQL cannot store it). */
export function findNulPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findNulPath(item, [...path, i]);
      if (found) return found;
    }
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/**
 * Runs after every zod validation. Failures answer 400 validation_failed naming the first bad
 * field; valid input holding NUL characters is refused the same way, on both backends alike.
 */
// biome-ignore lint/suspicious/noExplicitAny: the hook is shared by routes of every input type
export const defaultHook: Hook<any, any, any, any> = (result, c) => {
  if (!result.success) return c.json(validationError(result.error), 400);
  const nul = findNulPath(result.data);
  if (nul) {
    const field = nul.length > 0 ? nul.map(String).join(".") : undefined;
    const message = "Text must not contain NUL characters";
    return c.json(errorBody(ErrorCode.validation, field ? `${field}: ${message}` : message, field), 400);
  }
};

export function handleError(err: Error, c: Context): Response {
  if (err instanceof HttpError) return c.json(errorBody(err.code, err.message, err.field), err.status);
  if (err instanceof HTTPException) {
    if (err.status === 413) return c.json(errorBody(ErrorCode.tooLarge, "Request body is too large"), 413);
    if (err.status === 415) {
      return c.json(
        errorBody(ServerErrorCode.unsupportedMediaType, "Send the body as application/json"),
        415,
      );
    }
    if (err.status === 400 && /json/i.test(err.message)) {
      return c.json(errorBody(ErrorCode.badJson, "Request body is not valid JSON"), 400);
    }
    if (err.status < 500) {
      return c.json(errorBody(ServerErrorCode.badRequest, err.message || "Bad request"), err.status);
    }
  }
  console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
  return c.json(errorBody(ServerErrorCode.internal, "Something went wrong on the server"), 500);
}
