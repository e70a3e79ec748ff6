import { createRoute, z } from "@hono/zod-openapi";
import { ErrorCode, ImportFormatError, ImportPreviewSchema, ImportResultSchema } from "@meridian/core";
import type { Context } from "hono";
import { prepareImport } from "../archive/import-service";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError } from "../errors";
import { requireUser } from "../http/auth";
import type { StudioFiles } from "../media/paths";
import { errors, json, sessionSecurity } from "./common";
import { IMPORT_LIMIT_BYTES } from "./data-schemas";

const common = { tags: ["data"], security: sessionSecurity, middleware: requireUser };
const body = {
  content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
  required: true,
  description:
    "The file itself as the raw body (up to 50 MB): a Meridian archive (.zip or archive.json), a jrnl JSON export, a Day One JSON export (Journal.json or its zip) or a Daylio CSV",
};
const badFile = {
  description: "The file can't be imported (import_invalid); nothing was written",
  ...errors(400)[400],
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
    ...errors(401, 403, 413),
  },
});

const run = createRoute({
  ...common,
  method: "post",
  path: "/api/import",
  summary: "Imports a file: all of it or, on any error, nothing; records already there are skipped",
  request: { body },
  responses: { 200: json(ImportResultSchema, "What was imported"), 400: badFile, ...errors(401, 403, 413) },
});

export const IMPORT_INVALID = "import_invalid";

const tooLarge = () =>
  new HttpError(413, ErrorCode.tooLarge, `The file is larger than ${IMPORT_LIMIT_BYTES / 1024 / 1024} MB`);

/** The raw body, at most IMPORT_LIMIT_BYTES (413 past it, stopping as soon as it is passed). */
async function readBody(c: Context): Promise<Uint8Array> {
  const declared = Number.parseInt(c.req.header("content-length") ?? "", 10);
  if (Number.isFinite(declared) && declared > IMPORT_LIMIT_BYTES) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) throw new HttpError(400, IMPORT_INVALID, "Send the file as the request body");
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > IMPORT_LIMIT_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

function asHttp(error: unknown): unknown {
  return error instanceof ImportFormatError ? new HttpError(400, IMPORT_INVALID, error.message) : error;
}

export function registerImportRoutes(app: App, deps: AppDeps, files: StudioFiles): void {
  const importDeps = { store: deps.store, files, search: deps.search };

  app.openapi(preview, async (c) => {
    const user = userOf(c);
    try {
      const prepared = await prepareImport(importDeps, user, await readBody(c));
      return c.json(prepared.preview, 200);
    } catch (error) {
      throw asHttp(error);
    }
  });

  app.openapi(run, async (c) => {
    const user = userOf(c);
    try {
      const prepared = await prepareImport(importDeps, user, await readBody(c));
      return c.json(await prepared.write(), 200);
    } catch (error) {
      throw asHttp(error);
    }
  });
}
