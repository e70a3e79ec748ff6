import { createRoute, z } from "@hono/zod-openapi";
import {
  ApiErrorSchema,
  ErrorCode,
  ImportFormatError,
  ImportLimitError,
  ImportPreviewSchema,
  ImportResultSchema,
} from "@meridian/core";
import type { Context } from "hono";
import { type ImportLimits, importLimits } from "../archive/import-limits";
import { prepareImport } from "../archive/import-service";
import { type App, type AppDeps, type AppEnv, userOf } from "../context";
import { HttpError } from "../errors";
import { requireUser } from "../http/auth";
import type { StudioFiles } from "../media/paths";
import type { RenderService } from "../render/render-service";
import type { UserRecord } from "../store/store";
import { errors, json, sessionSecurity } from "./common";
import { IMPORT_INVALID, readImportBody } from "./import-body";
import { ImportBusyError, ImportGate } from "./import-gate";

const common = { tags: ["data"], security: sessionSecurity, middleware: requireUser };
const body = {
  content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
  required: true,
  description:
    "The file itself as the raw body (up to MERIDIAN_IMPORT_LIMIT_MB, 50 MB unless set): a Meridian archive (.zip or archive.json), a jrnl JSON export, a Day One JSON export (Journal.json or its zip) or a Daylio CSV",
};
/** An error answer `{error:{code,message}}` described in the route's own words. */
const errorAnswer = (description: string) => ({
  description,
  content: { "application/json": { schema: ApiErrorSchema } },
});
const badFile = errorAnswer(
  "The file can't be imported (import_invalid: malformed, or the upload broke off); nothing was written",
);
const tooLargeFile = errorAnswer(
  "Past a cap (payload_too_large): the file itself (MERIDIAN_IMPORT_LIMIT_MB), what a zip unpacks to, files in a zip, records in the file, the parse thread's memory; or an archive's audio and video files would pass the storage quota (quota_exceeded); nothing was written",
);
const busyAnswer = {
  ...errorAnswer(
    "Refused before the body is read (import_busy): another import of this account is still running, or the server already has MERIDIAN_IMPORT_CONCURRENCY imports in flight, all accounts together (2 unless set); try again after Retry-After seconds",
  ),
  headers: { "Retry-After": { description: "Seconds to wait (60)", schema: { type: "integer" as const } } },
};
const unavailableAnswer = errorAnswer(
  "The server cannot start the import's parse thread (import_unavailable: esbuild missing or broken; the server's log says why); nothing was imported. Imports fail closed rather than parse on the event loop",
);

const preview = createRoute({
  ...common,
  method: "post",
  path: "/api/import/preview",
  summary: "Reads an import file and tells what importing it would do; writes nothing",
  request: { body },
  responses: {
    200: json(ImportPreviewSchema, "What the file holds"),
    400: badFile,
    413: tooLargeFile,
    429: busyAnswer,
    503: unavailableAnswer,
    ...errors(401, 403),
  },
});

const run = createRoute({
  ...common,
  method: "post",
  path: "/api/import",
  summary: "Imports a file: all of it or, on any error, nothing; records already there are skipped",
  request: { body },
  responses: {
    200: json(ImportResultSchema, "What was imported"),
    400: badFile,
    413: tooLargeFile,
    429: busyAnswer,
    503: unavailableAnswer,
    ...errors(401, 403),
  },
});

function asHttp(error: unknown): unknown {
  if (error instanceof ImportLimitError) return new HttpError(413, ErrorCode.tooLarge, error.message);
  return error instanceof ImportFormatError ? new HttpError(400, IMPORT_INVALID, error.message) : error;
}

export function registerImportRoutes(
  app: App,
  deps: AppDeps,
  files: StudioFiles,
  renders: RenderService,
  limitOverrides: Partial<ImportLimits> = {},
): void {
  const importDeps = { store: deps.store, files, search: deps.search, renders, now: deps.now };
  const limits = importLimits(limitOverrides);
  const gate = new ImportGate(limits.concurrent);
  /** Runs `work` on the request's body once the import has a place (see ImportGate: taken
   * before the body is read, given back when the import is answered, however it ends). */
  const admitted = async <T>(
    c: Context<AppEnv>,
    work: (user: UserRecord, bytes: Uint8Array) => Promise<T>,
  ): Promise<T> => {
    const user = userOf(c);
    let release: () => void;
    try {
      release = gate.enter(user.id);
    } catch (error) {
      if (error instanceof ImportBusyError) c.header("Retry-After", String(error.retryAfterSeconds));
      throw error;
    }
    try {
      const bytes = await readImportBody(c.req.raw.body, c.req.header("content-length"), limits.bodyBytes);
      return await work(user, bytes);
    } catch (error) {
      throw asHttp(error);
    } finally {
      release();
    }
  };

  app.openapi(preview, async (c) => {
    const answer = await admitted(c, async (user, bytes) => {
      const prepared = await prepareImport(importDeps, user, bytes, { limits });
      return prepared.preview;
    });
    return c.json(answer, 200);
  });

  app.openapi(run, async (c) => {
    const answer = await admitted(c, async (user, bytes) => {
      const prepared = await prepareImport(importDeps, user, bytes, { limits });
      return await prepared.write();
    });
    return c.json(answer, 200);
  });
}
