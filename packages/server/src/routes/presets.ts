import { createRoute, z } from "@hono/zod-openapi";
import { parseScene, type StudioScene, toEngineScene, VOICE_BUILTIN_SCENES } from "@meridian/core";
import { BUILTIN_SCENES } from "@meridian/sound";
import { type App, type AppDeps, userOf } from "../context";
import { notFound } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { presentPreset } from "../presenters/studio";
import type { PresetRecord } from "../store/studio-store";
import type { LevelMeter } from "../studio/level-runner";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import {
  BuiltInSceneSchema,
  CreatePresetSchema,
  DuplicatePresetSchema,
  PresetSchema,
  sceneFromBody,
  UpdatePresetSchema,
} from "./studio-schemas";
import { UnreadableListSchema, unreadableOf } from "./unreadable";

/**
 * Seconds of the offline pass that measures a preset's loudness: 20 s is within 0.9 LU of 60 s
 * on every built-in scene (6 s: 3.7 LU off, 12 s: 1.3); ~0.2–0.7 s of work per save.
 */
const LEVEL_SECONDS = 20;

/**
 * The scene with its make-up gain: a short offline render measures the mix (BS.1770) and the
 * gain that brings it to −27 LUFS is stored, so every preset plays at the level of the built-in
 * scenes. Stored even when the scene keeps its own level ("keep my level"), so unticking that
 * needs no re-measure. Own-audio layers are not part of the engine's mix and not measured.
 * The pass runs on the level meter's worker thread (studio/level-runner.ts), not the event loop.
 */
async function levelMatched(levels: LevelMeter, scene: StudioScene): Promise<StudioScene> {
  return { ...scene, makeupGainDb: await levels.measure(toEngineScene(scene), LEVEL_SECONDS) };
}

const presetCommon = { tags: ["presets"], security: sessionSecurity, middleware: requireUser };

/** A preset as the API shows it, its scene in the current format (older scenes migrated on read). */
function present(p: PresetRecord) {
  const parsed = parseScene(p.scene);
  return presentPreset(parsed.ok ? { ...p, scene: parsed.scene as unknown as Record<string, unknown> } : p);
}

const scenes = createRoute({
  tags: ["scenes"],
  security: sessionSecurity,
  middleware: requireUser,
  method: "get",
  path: "/api/scenes",
  summary:
    "The built-in scenes: @meridian/sound's beds, then core's scenes with a voice (version 2, voiceLayers)",
  responses: {
    200: json(z.object({ scenes: z.array(BuiltInSceneSchema) }), "Built-in scenes"),
    ...errors(401),
  },
});

const list = createRoute({
  ...presetCommon,
  method: "get",
  path: "/api/presets",
  summary: "The user's own presets, most recently updated first",
  responses: {
    200: json(z.object({ presets: z.array(PresetSchema), unreadable: UnreadableListSchema }), "Presets"),
    ...errors(401),
  },
});

const create = createRoute({
  ...presetCommon,
  method: "post",
  path: "/api/presets",
  summary: "Save a scene as a preset",
  request: { body: jsonBody(CreatePresetSchema) },
  responses: { 201: json(PresetSchema, "The new preset"), ...errors(400, 401, 403, 413, 503) },
});

const get = createRoute({
  ...presetCommon,
  method: "get",
  path: "/api/presets/{id}",
  summary: "One preset",
  request: { params: IdParamsSchema },
  responses: { 200: json(PresetSchema, "The preset"), ...errors(401, 404, 422) },
});

const update = createRoute({
  ...presetCommon,
  method: "patch",
  path: "/api/presets/{id}",
  summary: "Rename a preset and/or replace its scene",
  request: { params: IdParamsSchema, body: jsonBody(UpdatePresetSchema) },
  responses: { 200: json(PresetSchema, "The preset"), ...errors(400, 401, 403, 404, 413, 503) },
});

const remove = createRoute({
  ...presetCommon,
  method: "delete",
  path: "/api/presets/{id}",
  summary: "Delete a preset",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
});

const duplicate = createRoute({
  ...presetCommon,
  method: "post",
  path: "/api/presets/{id}/duplicate",
  summary: "Copy a preset under a new id",
  request: { params: IdParamsSchema, body: { ...jsonBody(DuplicatePresetSchema), required: false } },
  responses: { 201: json(PresetSchema, "The copy"), ...errors(400, 401, 403, 404, 413) },
});

const builtInScenes = [...BUILTIN_SCENES, ...VOICE_BUILTIN_SCENES].map(({ id, scene }) => ({
  id,
  name: scene.name ?? id,
  description: scene.description ?? "",
  scene: scene as unknown as Record<string, unknown>,
}));

export function registerPresetRoutes(app: App, deps: AppDeps, levels: LevelMeter): void {
  const studio = deps.store.studio;

  app.openapi(scenes, (c) => c.json({ scenes: builtInScenes }, 200));

  app.openapi(list, async (c) => {
    const presets = await studio.listPresets(userOf(c).id);
    return c.json({ presets: presets.map(present), unreadable: unreadableOf(presets) }, 200);
  });

  app.openapi(create, async (c) => {
    const body = c.req.valid("json");
    const scene = await levelMatched(levels, sceneFromBody(body.scene));
    const now = deps.now().toISOString();
    const preset = await studio.insertPreset(userOf(c).id, {
      id: newId(),
      name: body.name,
      scene: scene as unknown as Record<string, unknown>,
      createdAt: now,
      updatedAt: now,
    });
    return c.json(present(preset), 201);
  });

  app.openapi(get, async (c) => {
    const preset = await studio.findPreset(userOf(c).id, c.req.valid("param").id);
    if (!preset) throw notFound("No such preset");
    return c.json(present(preset), 200);
  });

  app.openapi(update, async (c) => {
    const body = c.req.valid("json");
    const scene =
      body.scene === undefined ? undefined : await levelMatched(levels, sceneFromBody(body.scene));
    const preset = await studio.updatePreset(userOf(c).id, c.req.valid("param").id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(scene !== undefined ? { scene: scene as unknown as Record<string, unknown> } : {}),
      updatedAt: deps.now().toISOString(),
    });
    if (!preset) throw notFound("No such preset");
    return c.json(present(preset), 200);
  });

  app.openapi(remove, async (c) => {
    if (!(await studio.deletePreset(userOf(c).id, c.req.valid("param").id))) throw notFound("No such preset");
    return c.body(null, 204);
  });

  app.openapi(duplicate, async (c) => {
    const userId = userOf(c).id;
    const source = await studio.findPreset(userId, c.req.valid("param").id);
    if (!source) throw notFound("No such preset");
    // The body is optional: without one (or without a JSON content type) zod-openapi skips it.
    const body = (c.req.valid("json") as z.infer<typeof DuplicatePresetSchema> | undefined) ?? {};
    const name = body.name ?? `${source.name} (copy)`.slice(0, 80);
    const now = deps.now().toISOString();
    const copy = await studio.insertPreset(userId, {
      id: newId(),
      name,
      scene: source.scene,
      createdAt: now,
      updatedAt: now,
    });
    return c.json(present(copy), 201);
  });
}
