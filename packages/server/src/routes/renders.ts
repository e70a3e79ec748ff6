import { createRoute, z } from "@hono/zod-openapi";
import { fromEngineScene, type StudioScene, toEngineScene, voiceBuiltinScene } from "@meridian/core";
import { builtinScene } from "@meridian/sound";
import { type App, type AppDeps, userOf } from "../context";
import { HttpError, notFound } from "../errors";
import { requireUser } from "../http/auth";
import { mediaPath, type StudioFiles } from "../media/paths";
import { type QuotaContext, reserveStorage } from "../media/quota";
import { fileResponse } from "../media/serve-file";
import type { MediaRenderInput } from "../render/media-source";
import { estimateRenderBytes, type RenderService, TooManyRendersError } from "../render/render-service";
import type { StudioStore } from "../store/studio-store";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import { CreateRenderSchema, RenderSchema, sceneFromBody } from "./studio-schemas";

const common = { tags: ["renders"], security: sessionSecurity, middleware: requireUser };
const binary = z.string().openapi({ format: "binary" });

const create = createRoute({
  ...common,
  method: "post",
  path: "/api/renders",
  summary: "Render a scene (given, a preset or a built-in) to a WAV or MP3 file on the server",
  description:
    "Own-audio layers (scene.mediaLayers) are mixed in when they are WAV files in your library; a missing or compressed file is left out and named in the render's warnings.",
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
  summary: "The user's renders, newest first (kept on disk until deleted, also across restarts)",
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
  summary: "Cancel a render (its file removed), or delete a finished one with its file",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Cancelled or deleted" }, ...errors(401, 403, 404) },
});

const file = createRoute({
  ...common,
  method: "get",
  path: "/api/renders/{id}/file",
  summary: "Download a finished render (kept until you delete it)",
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: "The file",
      content: { "audio/wav": { schema: binary }, "audio/mpeg": { schema: binary } },
    },
    ...errors(401, 404, 409),
  },
});

/** The scene's own-audio layers the server can mix in (WAV in the user's library), and warnings
 * naming the ones it leaves out. Muted layers (or unsoloed ones while something is soloed) are skipped quietly. */
async function resolveMedia(
  studio: StudioStore,
  files: StudioFiles,
  userId: string,
  scene: StudioScene,
): Promise<{ media: MediaRenderInput[]; warnings: string[] }> {
  const media: MediaRenderInput[] = [];
  const warnings: string[] = [];
  const solo = scene.layers.some((l) => l.solo) || scene.mediaLayers.some((l) => l.solo);
  for (const layer of scene.mediaLayers) {
    if (layer.mute || (solo && !layer.solo)) continue;
    const item = await studio.findMedia(userId, layer.mediaId);
    const label = `“${item?.name ?? layer.name ?? layer.id}”`;
    if (item?.kind !== "audio") {
      warnings.push(`${label} is not in your library (deleted, or shared by someone else): left out.`);
    } else if (item.details.format !== "wav") {
      warnings.push(
        `${label} is ${item.details.format.toUpperCase()}: the server can only mix WAV files into a render (it has no decoder for compressed audio), so it is left out. Upload a WAV copy to include it.`,
      );
    } else {
      media.push({ layer, path: mediaPath(files, userId, item.id), matchedGainDb: item.details.gainDb });
    }
  }
  return { media, warnings };
}

export function registerRenderRoutes(
  app: App,
  deps: AppDeps,
  renders: RenderService,
  files: StudioFiles,
): void {
  const studio = deps.store.studio;
  const quota: QuotaContext = { files, studio, renders, now: deps.now };

  app.openapi(create, async (c) => {
    const userId = userOf(c).id;
    const body = c.req.valid("json");
    let scene: StudioScene;
    if (body.scene !== undefined) scene = sceneFromBody(body.scene);
    else if (body.presetId !== undefined) {
      const preset = await studio.findPreset(userId, body.presetId);
      if (!preset) throw notFound("No such preset");
      scene = sceneFromBody(preset.scene);
    } else {
      const id = body.builtInSceneId ?? "";
      const builtIn = builtinScene(id);
      const withVoice = voiceBuiltinScene(id);
      if (!builtIn && !withVoice) throw notFound("No such built-in scene");
      scene = withVoice ?? fromEngineScene(builtIn as NonNullable<typeof builtIn>);
    }
    const expected = estimateRenderBytes(body.durationSeconds, body.format);
    // Held in the database until the queued render counts itself (renders.usedBytes), so an
    // upload or render deciding at the same time sees one or the other, never neither.
    const reservation = await reserveStorage(quota, userId, expected, "This render");
    try {
      const { media, warnings } = await resolveMedia(studio, files, userId, scene);
      const view = renders.create(userId, {
        scene: toEngineScene(scene),
        seconds: body.durationSeconds,
        format: body.format,
        media,
        voiceLayers: scene.voiceLayers ?? [],
        warnings,
        ...(body.seed !== undefined ? { seed: body.seed } : {}),
      });
      return c.json(view, 202);
    } catch (error) {
      if (error instanceof TooManyRendersError) throw new HttpError(409, "too_many_renders", error.message);
      throw error;
    } finally {
      await reservation.release();
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
    try {
      return await fileResponse(path, undefined, {
        contentType: view.format === "mp3" ? "audio/mpeg" : "audio/wav",
        fileName: view.fileName,
        download: true,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw notFound("The file is missing on the server");
      throw error;
    }
  });
}
