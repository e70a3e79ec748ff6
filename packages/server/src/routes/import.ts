import { createRoute, z } from "@hono/zod-openapi";
import {
  ErrorCode,
  ImportFormatError,
  ImportLimitError,
  ImportPreviewSchema,
  ImportResultSchema,
} from "@meridian/core";
import type { Context } from "hono";
import { fileTooLargeMessage, type ImportLimits, importLimits } from "../archive/import-limits";
import { prepareImport } from "../archive/import-service";
import { importBuffer } from "../archive/parse-runner";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError } from "../errors";
import { requireUser } from "../http/auth";
import type { StudioFiles } from "../media/paths";
import type { RenderService } from "../render/render-service";
import { errors, json, sessionSecurity } from "./common";

const common = { tags: ["data"], security: sessionSecurity, middleware: requireUser };
const body = {
  content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
  required: true,
  description:
    "The file itself as the raw body (up to MERIDIAN_IMPORT_LIMIT_MB, 50 MB unless set): a Meridian archive (.zip or archive.json), a jrnl JSON export, a Day One JSON export (Journal.json or its zip) or a Daylio CSV",
};
const badFile = {
  description: "The file can't be imported (import_invalid); nothing was written",
  ...errors(400)[400],
};
const tooLargeFile = {
  description:
    "Past a cap (payload_too_large): the file itself (MERIDIAN_IMPORT_LIMIT_MB), what a zip unpacks to, files in a zip, records in the file; or an archive's audio and video files would pass the storage quota (quota_exceeded); nothing was written",
  ...errors(413)[413],
};
const busyAnswer = {
  description: "Another import of this account is still running (import_busy)",
  ...errors(429)[429],
};

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
    ...errors(401, 403),
  },
});

export const IMPORT_INVALID = "import_invalid";
/** 429: this account already has an import running. */
export const IMPORT_BUSY = "import_busy";

/** The raw body, at most `limit` bytes (413 past it, stopping as soon as it is passed), in a
 * buffer the parse thread shares without a copy. */
async function readBody(c: Context, limit: number): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, ErrorCode.tooLarge, fileTooLargeMessage(limit));
  const declared = Number.parseInt(c.req.header("content-length") ?? "", 10);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) throw new HttpError(400, IMPORT_INVALID, "Send the file as the request body");
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  const all = importBuffer(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

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
  // One import at a time per account: a second one (a double click, or a script firing many
  // to tie up the server) is refused at once, before its body is read.
  const busy = new Set<string>();
  const exclusive = async <T>(userId: string, work: () => Promise<T>): Promise<T> => {
    if (busy.has(userId)) {
      throw new HttpError(
        429,
        IMPORT_BUSY,
        "Another import of yours is still running; wait until it has finished, then try again",
      );
    }
    busy.add(userId);
    try {
      return await work();
    } catch (error) {
      throw asHttp(error);
    } finally {
      busy.delete(userId);
    }
  };

  app.openapi(preview, async (c) => {
    const user = userOf(c);
    const answer = await exclusive(user.id, async () => {
      const prepared = await prepareImport(importDeps, user, await readBody(c, limits.bodyBytes), { limits });
      return prepared.preview;
    });
    return c.json(answer, 200);
  });

  app.openapi(run, async (c) => {
    const user = userOf(c);
    const answer = await exclusive(user.id, async () => {
      const prepared = await prepareImport(importDeps, user, await readBody(c, limits.bodyBytes), { limits });
      return await prepared.write();
    });
    return c.json(answer, 200);
  });
}
