import { createRoute, z } from "@hono/zod-openapi";
import { exportEntryMarkdown, exportFileName, exportZip } from "../archive/export-service";
import { toWebStream } from "../archive/zip-stream";
import { type App, type AppDeps, userOf } from "../context";
import { notFound } from "../errors";
import { requireUser } from "../http/auth";
import type { StudioFiles } from "../media/paths";
import { errors, IdParamsSchema, sessionSecurity } from "./common";
import { ExportQuerySchema } from "./data-schemas";

const common = { tags: ["data"], security: sessionSecurity, middleware: requireUser };
const binary = z.string().openapi({ format: "binary" });

const exportAll = createRoute({
  ...common,
  method: "get",
  path: "/api/export",
  summary: "Everything in the account as a zip: archive.json + media files, or Markdown files",
  request: { query: ExportQuerySchema },
  responses: {
    200: { description: "The zip (streamed)", content: { "application/zip": { schema: binary } } },
    ...errors(400, 401),
  },
});

const exportEntry = createRoute({
  ...common,
  method: "get",
  path: "/api/export/entries/{id}",
  summary: "One entry as a Markdown file with YAML front matter",
  request: { params: IdParamsSchema },
  responses: {
    200: { description: "The Markdown file", content: { "text/markdown": { schema: z.string() } } },
    ...errors(401, 404, 422),
  },
});

/** attachment; filename="ascii" plus filename* for the UTF-8 name (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerExportRoutes(app: App, deps: AppDeps, files: StudioFiles): void {
  app.openapi(exportAll, async (c) => {
    const user = userOf(c);
    const { format } = c.req.valid("query");
    const at = deps.now();
    const chunks = await exportZip(deps.store, files, user, format, at);
    return new Response(toWebStream(chunks), {
      status: 200,
      headers: {
        "content-type": "application/zip",
        "content-disposition": attachment(exportFileName(user, format, at)),
        "cache-control": "no-store",
      },
    });
  });

  app.openapi(exportEntry, async (c) => {
    const user = userOf(c);
    const file = await exportEntryMarkdown(deps.store, user.id, c.req.valid("param").id);
    if (!file) throw notFound("No such entry");
    return c.body(file.text, 200, {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": attachment(file.name),
      "cache-control": "no-store",
    });
  });
}
