/**
 * Schemas of the studio routes (scenes, presets, own media, renders); docs/api-studio.md is the
 * route table. Scenes travel as JSON objects validated by core's parseScene in the handler, so
 * a bad field answers 400 naming it as `scene.layers[2].position.azimuth`.
 */
import { z } from "@hono/zod-openapi";
import { ErrorCode, type StudioScene } from "@meridian/core";
import { HttpError } from "../errors";
import { checkScene } from "../scene-check";

export const SceneJsonSchema = z.record(z.string(), z.unknown()).openapi("SceneJson", {
  description:
    "Scene JSON (packages/core/src/scene.ts: version 2 with layers and mediaLayers; version 1 is migrated), validated by parseScene",
});

/** Parses scene JSON from a request body (older versions migrated), or throws 400
 * validation_failed naming the field (the check is scene-check.ts'). */
export function sceneFromBody(input: unknown, key = "scene"): StudioScene {
  const checked = checkScene(input, key);
  if (checked.ok) return checked.scene;
  throw new HttpError(400, ErrorCode.validation, `${checked.field}: ${checked.message}`, checked.field);
}

const Timestamp = z.string().openapi({ description: "ISO 8601 UTC" });
const PresetName = z.string().trim().min(1, "must not be empty").max(80, "must be at most 80 characters");

export const BuiltInSceneSchema = z
  .object({ id: z.string(), name: z.string(), description: z.string(), scene: SceneJsonSchema })
  .openapi("BuiltInScene");

export const PresetSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scene: SceneJsonSchema,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi("Preset");

export const CreatePresetSchema = z.object({ name: PresetName, scene: SceneJsonSchema });
export const UpdatePresetSchema = z
  .object({ name: PresetName.optional(), scene: SceneJsonSchema.optional() })
  .refine((b) => b.name !== undefined || b.scene !== undefined, "give a name, a scene or both");
export const DuplicatePresetSchema = z.object({ name: PresetName.optional() });

// own media

export const AUDIO_FORMATS = ["wav", "mp3", "ogg", "opus", "flac", "m4a", "aac"] as const;
const Lufs = z.number().min(-70, "must be between -70 and 0").max(0, "must be between -70 and 0");

export const MediaAudioSchema = z
  .object({
    id: z.string(),
    kind: z.literal("audio"),
    name: z.string(),
    format: z.enum(AUDIO_FORMATS),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    durationSeconds: z.number().nullable(),
    loudnessLufs: z.number().nullable(),
    gainDb: z.number().openapi({ description: "Gain that brings the file to the built-in layers' −27 LUFS" }),
    loudnessSource: z.enum(["server", "client"]).nullable(),
    createdAt: Timestamp,
  })
  .openapi("MediaAudio");

export const MediaLinkSchema = z
  .object({
    id: z.string(),
    kind: z.literal("link"),
    name: z.string(),
    url: z.string().nullable().openapi({
      description:
        "The https link; null when the stored link is not an https URL (it can't be opened; written before links were checked)",
    }),
    embedUrl: z.string().nullable().openapi({
      description: "The youtube-nocookie.com embed, rebuilt from url each time; null for other sites",
    }),
    provider: z.enum(["youtube", "other"]),
    createdAt: Timestamp,
  })
  .openapi("MediaLink");

export const MediaVideoSchema = z
  .object({
    id: z.string(),
    kind: z.literal("video"),
    name: z.string(),
    format: z.enum(["mp4", "webm", "mov"]),
    contentType: z.string(),
    sizeBytes: z.number().int(),
    createdAt: Timestamp,
  })
  .openapi("MediaVideo");

export const MediaItemSchema = z
  .discriminatedUnion("kind", [MediaAudioSchema, MediaVideoSchema, MediaLinkSchema])
  .openapi("MediaItem");

export const UploadQuerySchema = z.object({
  clientLufs: z.coerce
    .number()
    .pipe(Lufs)
    .optional()
    .openapi({ description: "Integrated loudness measured by the client (compressed formats)" }),
});

export const UploadHeadersSchema = z.object({
  "x-filename": z
    .string({ error: "send the file name in the X-Filename header" })
    .min(1, "send the file name in the X-Filename header")
    .max(1000)
    .openapi({ description: "The file's name, percent-encoded UTF-8" }),
});

export const CreateLinkSchema = z.object({
  url: z
    .string()
    .max(2000)
    .refine((u) => URL.canParse(u) && new URL(u).protocol === "https:", "must be an https:// link"),
  title: z.string().trim().min(1).max(200).optional(),
});

export const UpdateMediaSchema = z
  .object({ name: z.string().trim().min(1).max(200).optional(), clientLufs: Lufs.optional() })
  .refine((b) => b.name !== undefined || b.clientLufs !== undefined, "give a name, clientLufs or both");

// renders

/** The studio offers 10 s and up; the API takes from 1 s (tests, scripts). */
export const MIN_RENDER_SECONDS = 1;
export const MAX_RENDER_SECONDS = 12 * 3600;
export const RENDER_STATUSES = ["queued", "running", "done", "failed", "cancelled"] as const;

export const CreateRenderSchema = z
  .object({
    scene: SceneJsonSchema.optional(),
    presetId: z.string().min(1).max(100).optional(),
    builtInSceneId: z.string().min(1).max(100).optional(),
    durationSeconds: z
      .number({ error: "must be a number of seconds" })
      .min(MIN_RENDER_SECONDS, "must be between 1 second and 12 hours (1–43200)")
      .max(MAX_RENDER_SECONDS, "must be between 1 second and 12 hours (1–43200)"),
    format: z.enum(["wav", "mp3"]),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
  })
  .refine(
    (b) => [b.scene, b.presetId, b.builtInSceneId].filter((x) => x !== undefined).length === 1,
    "give exactly one of scene, presetId, builtInSceneId",
  );

export const RenderSchema = z
  .object({
    id: z.string(),
    status: z.enum(RENDER_STATUSES),
    format: z.enum(["wav", "mp3"]),
    durationSeconds: z.number(),
    progress: z.number().min(0).max(1),
    etaSeconds: z.number().nullable(),
    sizeBytes: z.number().nullable(),
    fileName: z.string(),
    error: z.string().nullable(),
    warnings: z.array(z.string()).openapi({
      description: "What the render left out (an own-audio layer that is missing or not WAV)",
    }),
    createdAt: Timestamp,
  })
  .openapi("Render");

export const StorageUsageSchema = z
  .object({
    quotaBytes: z.number().int(),
    usedBytes: z.number().int(),
    mediaBytes: z.number().int(),
    renderBytes: z.number().int(),
    uploadLimitBytes: z.number().int(),
  })
  .openapi("StorageUsage");
