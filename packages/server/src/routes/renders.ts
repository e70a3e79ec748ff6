import { createRoute, z } from "@hono/zod-openapi";
import { builtinScene, type Scene } from "@meridian/sound";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { fileResponse } from "../media/serve-file";
import { type RenderService, TooManyRendersError } from "../render/render-service";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import { CreateRenderSchema, RenderSchema, sceneFromBody } from "./studio-schemas";

const common = { tags: ["renders"], security: sessionSecurity, middleware: requireUser };
const binary = z.string().openapi({ format: "binary" });

const create = createRoute({
  ...common,
  method: "post",
  path: "/api/renders",
  summary: "Render a scene (given, a preset or a built-in) to a WAV or MP3 file on the server",
  request: { body: jsonBody(CreateRenderSchema) },
  responses: {
    202: json(RenderSchema, "Queued; poll GET /api/renders/{id}"),
    ...errors(400, 401, 403, 404, 409, 413),
  },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/renders",
  summary: "The user's renders, newest first",
  responses: { 200: json(z.object({ renders: z.array(RenderSchema) }), "Renders"), ...errors(401) },
});

const get = createRoute({
  ...common,
  method: "get",
  path: "/api/renders/{id}",
  summary: "Status, progress and ETA of a render",
  request: { params: IdParamsSchema },
  responses: { 200: json(RenderSchema, "The render"), ...errors(401, 404) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/renders/{id}",
  summary: "Cancel a render (its file removed), or forget a finished one with its file",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Cancelled or forgotten" }, ...errors(401, 403, 404) },
});

const file = createRoute({
  ...common,
  method: "get",
  path: "/api/renders/{id}/file",
  summary: "Download a finished render (then it is forgotten)",
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: "The file",
      content: { "audio/wav": { schema: binary }, "audio/mpeg": { schema: binary } },
    },
    ...errors(401, 404, 409),
  },
});

export function registerRenderRoutes(app: App, deps: AppDeps, renders: RenderService): void {
  app.openapi(create, async (c) => {
    const userId = userOf(c).id;
    const body = c.req.valid("json");
    let scene: Scene;
    if (body.scene !== undefined) scene = sceneFromBody(body.scene);
    else if (body.presetId !== undefined) {
      const preset = await deps.store.studio.findPreset(userId, body.presetId);
      if (!preset) throw notFound("No such preset");
      scene = sceneFromBody(preset.scene);
    } else {
      const builtIn = builtinScene(body.builtInSceneId ?? "");
      if (!builtIn) throw notFound("No such built-in scene");
      scene = builtIn;
    }
    try {
      const view = renders.create(userId, {
        scene,
        seconds: body.durationSeconds,
        format: body.format,
        ...(body.seed !== undefined ? { seed: body.seed } : {}),
      });
      return c.json(view, 202);
    } catch (error) {
      if (error instanceof TooManyRendersError) throw new HttpError(409, "too_many_renders", error.message);
      throw error;
    }
  });

  app.openapi(list, (c) => c.json({ renders: renders.list(userOf(c).id) }, 200));

  app.openapi(get, (c) => {
    const view = renders.get(userOf(c).id, c.req.valid("param").id);
    if (!view) throw notFound("No such render");
    return c.json(view, 200);
  });

  app.openapi(remove, async (c) => {
    if (!(await renders.cancel(userOf(c).id, c.req.valid("param").id))) throw notFound("No such render");
    return c.body(null, 204);
  });

  app.openapi(file, async (c) => {
    const found = renders.file(userOf(c).id, c.req.valid("param").id);
    if (!found) throw notFound("No such render");
    const { view, path } = found;
    if (view.status !== "done") throw new HttpError(409, "render_not_ready", `The render is ${view.status}`);
    return fileResponse(path, undefined, {
      contentType: view.format === "mp3" ? "audio/mpeg" : "audio/wav",
      downloadName: view.fileName,
      onComplete: () => renders.downloaded(view.id),
    });
  });
}
