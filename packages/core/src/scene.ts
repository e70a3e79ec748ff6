/**
 * Scene schema (zod): validates scene JSON for the studio and the sound engine. Errors name the
 * offending field, e.g. `layers[2].position.azimuth: must be between -180 and 180`.
 *
 * Versions: 1 held generator layers only; 2 adds `mediaLayers`, your own audio files placed in
 * the same 3D space (played by the browser's Web Audio graph and mixed into server renders, never
 * by the engine). Older scenes are migrated on parse (`migrateScene`): a version 1 scene becomes
 * version 2 with no media layers. `toEngineScene` gives the engine its (version 1) part.
 */
import type { Scene, SceneLayer } from "@meridian/sound";
import { z } from "zod";

const MOTION_KINDS = ["static", "sweep", "orbit", "approach", "drift"] as const;
const ROOM_KINDS = ["dry", "close", "large"] as const;

/** The scene format this code writes. */
export const SCENE_FORMAT_VERSION = 2;
/** Most own-audio layers in one scene (each is a decoded file in the browser's memory). */
export const MAX_MEDIA_LAYERS = 8;

const num = (lo: number, hi: number) =>
  z
    .number({ error: "must be a number" })
    .refine(Number.isFinite, "must be a finite number")
    .refine((v) => v >= lo && v <= hi, `must be between ${lo} and ${hi}`);

export const positionSchema = z.strictObject({
  azimuth: num(-180, 180).default(0),
  elevation: num(-90, 90).default(0),
  distance: num(0.05, 50).default(1),
});

export const motionSchema = z.strictObject({
  kind: z.enum(MOTION_KINDS, { error: `must be one of ${MOTION_KINDS.join(", ")}` }),
  period: num(-3600, 3600)
    .refine((v) => Math.abs(v) >= 0.5, "must be at least 0.5 seconds (negative reverses an orbit)")
    .optional(),
  depth: num(0, 180).optional(),
});

const layerId = z
  .string({ error: "must be a string" })
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be 1–40 lowercase letters, digits or dashes");

export const sceneLayerSchema = z.strictObject({
  id: layerId,
  generator: z.string({ error: "must be a generator id" }).min(1, "must be a generator id"),
  params: z.record(z.string(), num(-1e6, 1e6)).default({}),
  variation: num(0, 1).optional(),
  gainDb: num(-60, 12).default(0),
  mute: z.boolean({ error: "must be true or false" }).default(false),
  solo: z.boolean({ error: "must be true or false" }).default(false),
  position: positionSchema.default({ azimuth: 0, elevation: 0, distance: 1 }),
  motion: motionSchema.default({ kind: "static" }),
  spread: num(0, 180).default(60),
});

/**
 * One of your own audio files as a layer. `mediaId` is the id of the file in the owner's media
 * library (GET /api/media): it resolves only for that user, so a shared scene keeps the layer
 * but it stays silent for anyone else. `gainDb` is on top of the file's loudness-matched gain.
 */
export const mediaSceneLayerSchema = z.strictObject({
  id: layerId,
  mediaId: z
    .string({ error: "must be a media id" })
    .regex(/^[A-Za-z0-9_-]{1,80}$/, "must be a media id (letters, digits, _ or -)"),
  /** The file's name when the layer was made, shown when the file can't be found. */
  name: z.string({ error: "must be a string" }).max(200, "must be at most 200 characters").optional(),
  /** Loop with a crossfade (true) or play once. */
  loop: z.boolean({ error: "must be true or false" }).default(true),
  gainDb: num(-60, 12).default(0),
  mute: z.boolean({ error: "must be true or false" }).default(false),
  solo: z.boolean({ error: "must be true or false" }).default(false),
  position: positionSchema.default({ azimuth: 0, elevation: 0, distance: 1.5 }),
  motion: motionSchema.default({ kind: "static" }),
});

const sceneV2Schema = z
  .strictObject({
    version: z.literal(2, { error: "must be 2 (or 1 for a scene without own-audio layers)" }),
    name: z.string().max(80, "must be at most 80 characters").optional(),
    description: z.string().max(400, "must be at most 400 characters").optional(),
    masterGainDb: num(-60, 12).default(0),
    /** Level-matching gain to −27 LUFS (an offline loudness estimate of the mix, see @meridian/sound). */
    makeupGainDb: num(-60, 60).optional(),
    /** "Keep my level": play at the master gain alone, without the make-up gain. */
    keepLevel: z.boolean({ error: "must be true or false" }).optional(),
    /** Early reflections around the listener: none (default), a small room or a large room. */
    room: z.enum(ROOM_KINDS, { error: `must be one of ${ROOM_KINDS.join(", ")}` }).optional(),
    fadeIn: num(0, 600).default(3),
    fadeOut: num(0, 3600).default(10),
    layers: z.array(sceneLayerSchema, { error: "must be a list of layers" }).max(32, "at most 32 layers"),
    mediaLayers: z
      .array(mediaSceneLayerSchema, { error: "must be a list of own-audio layers" })
      .max(MAX_MEDIA_LAYERS, `at most ${MAX_MEDIA_LAYERS} own-audio layers`)
      .default([]),
  })
  .superRefine((scene, ctx) => {
    const seen = new Set<string>();
    const check = (list: "layers" | "mediaLayers", id: string, i: number): void => {
      if (seen.has(id))
        ctx.addIssue({ code: "custom", path: [list, i, "id"], message: `duplicate layer id "${id}"` });
      seen.add(id);
    };
    for (const [i, layer] of scene.layers.entries()) check("layers", layer.id, i);
    for (const [i, layer] of scene.mediaLayers.entries()) check("mediaLayers", layer.id, i);
  });

/**
 * Brings older scene JSON to the current format before validation: version 1 (generator layers
 * only) becomes version 2 with an empty `mediaLayers`. Anything else passes through unchanged,
 * so the schema reports what is wrong with it.
 */
export function migrateScene(input: unknown): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input;
  const o = input as Record<string, unknown>;
  if (o.version === 1 && !("mediaLayers" in o)) return { ...o, version: 2 };
  return input;
}

export const sceneSchema = z.preprocess(migrateScene, sceneV2Schema);

export type SceneInput = z.input<typeof sceneV2Schema> | (Omit<Scene, "version"> & { version: 1 });

export type MediaSceneLayer = z.output<typeof mediaSceneLayerSchema>;

/** A scene in the current format: the engine's generator layers plus own-audio layers. */
export interface StudioScene extends Omit<Scene, "version" | "layers"> {
  readonly version: 2;
  readonly layers: readonly SceneLayer[];
  readonly mediaLayers: readonly MediaSceneLayer[];
}

/** What parsing produces (every default filled in); assignable to StudioScene. */
export type ParsedScene = z.output<typeof sceneV2Schema>;
const _parsedIsStudioScene = (s: ParsedScene): StudioScene => s;
void _parsedIsStudioScene;

/** Whether any layer (generator or own audio) is soloed. */
export function soloActive(scene: Pick<StudioScene, "layers" | "mediaLayers">): boolean {
  return scene.layers.some((l) => l.solo === true) || scene.mediaLayers.some((l) => l.solo);
}

/** Whether an own-audio layer is heard: not muted, and soloed when anything is. */
export function mediaLayerAudible(layer: MediaSceneLayer, scene: StudioScene): boolean {
  return !layer.mute && (!soloActive(scene) || layer.solo);
}

/**
 * The part of a scene the sound engine plays (its version 1 format, without own-audio layers).
 * A soloed own-audio layer silences the generator layers when none of them is soloed, so solo
 * means the same thing across both kinds of layer.
 */
export function toEngineScene(scene: StudioScene): Scene {
  const mediaSolo = scene.mediaLayers.some((l) => l.solo) && !scene.layers.some((l) => l.solo);
  const layers: readonly SceneLayer[] = mediaSolo
    ? scene.layers.map((l) => ({ ...l, mute: true }))
    : scene.layers;
  const { mediaLayers: _media, version: _v, ...rest } = scene;
  return { ...rest, version: 1, layers };
}

/** A version 2 scene from the engine's format (no own-audio layers). */
export function fromEngineScene(scene: Scene): StudioScene {
  const parsed = sceneV2Schema.safeParse({ ...scene, version: 2 });
  if (!parsed.success) throw new Error(`not a valid scene: ${parsed.error.issues[0]?.message ?? ""}`);
  return parsed.data;
}

export interface SceneError {
  readonly field: string;
  readonly message: string;
}

/** `layers[2].position.azimuth` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(scene)";
}

export type SceneParseResult = { ok: true; scene: StudioScene } | { ok: false; errors: SceneError[] };

/** Validate unknown JSON as a scene (older versions migrated); errors name the field. */
export function parseScene(input: unknown): SceneParseResult {
  const r = sceneSchema.safeParse(input);
  if (r.success) return { ok: true, scene: r.data };
  const errors = r.error.issues.map((i) => ({ field: formatPath(i.path), message: i.message }));
  return { ok: false, errors };
}

/** One-line message for the first few errors, e.g. for a CLI. */
export function describeSceneErrors(errors: readonly SceneError[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.field}: ${e.message}`)
    .join("; ");
}
