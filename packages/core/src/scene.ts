/**
 * Scene schema (zod): validates scene JSON for the studio and the sound engine. Errors name the
 * offending field, e.g. `layers[2].position.azimuth: must be between -180 and 180`.
 *
 * Versions: 1 held generator layers only; 2 adds `mediaLayers`, your own audio files placed in
 * the same 3D space (played by the browser's Web Audio graph and mixed into server renders, never
 * by the engine), and `voiceLayers` (default []), a built-in story, wind-down set or the wordless
 * whisper spoken by the offline voice into one of the engine's PCM layers. A voice layer names
 * built-in content by id only, never text, so a preset or share link can't carry an entry's words.
 * Older scenes are migrated on parse (`migrateScene`): a version 1 scene becomes version 2 with
 * no media or voice layers. `toEngineScene` gives the engine its (version 1) part.
 */
import type { PcmLayer, Scene, SceneLayer } from "@meridian/sound";
import { z } from "zod";
import { STORY_IDS, WIND_DOWN_IDS } from "./voice-library/ids";

const MOTION_KINDS = ["static", "sweep", "orbit", "approach", "drift"] as const;
const ROOM_KINDS = ["dry", "close", "large"] as const;

/** The scene format this code writes. */
export const SCENE_FORMAT_VERSION = 2;
/** Most own-audio layers in one scene (each is a decoded file in the browser's memory). */
export const MAX_MEDIA_LAYERS = 8;
/** Most voice layers in one scene (each is a speech stream synthesised while it plays). */
export const MAX_VOICE_LAYERS = 4;
/** Speaking rates a voice layer may ask for, words per minute (the speech engine's range). */
export const VOICE_RATE_RANGE = { min: 80, max: 220 } as const;
/** Default rate per style: soft-spoken stories a little faster than whispering. */
export const DEFAULT_VOICE_RATE = { soft: 130, whisper: 120 } as const;
/** Where a voice layer sits unless told: close at the left ear. */
export const DEFAULT_VOICE_POSITION = { azimuth: -70, elevation: 0, distance: 0.4 } as const;

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
  /**
   * Generator parameters. Each generator checks its own ranges (validateSceneGenerators); this
   * guard only keeps values finite and exact: the matched bed (`sham`) packs five band levels
   * into one integer of up to 121^5 − 1.
   */
  params: z.record(z.string(), num(-1e12, 1e12)).default({}),
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

const contentId = (ids: readonly string[], what: string) =>
  z
    .string({ error: `must be the id of a built-in ${what}` })
    .refine((id) => ids.includes(id), `must be the id of a built-in ${what} (one of ${ids.join(", ")})`);

/**
 * What a voice layer speaks: a story (or the body scan) or a wind-down set by id, or the wordless
 * whisper (seeded pseudo-words). Built-in content only: there is no way to put text here.
 */
export const voiceContentSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ kind: z.literal("story"), id: contentId(STORY_IDS, "story or the body scan") }),
    z.strictObject({ kind: z.literal("wind-down"), id: contentId(WIND_DOWN_IDS, "wind-down set") }),
    z.strictObject({ kind: z.literal("wordless") }),
  ],
  { error: "must be { kind: story | wind-down, id } or { kind: wordless }" },
);

const VOICE_STYLE_NAMES = ["soft", "whisper"] as const;

/**
 * A voice layer: built-in spoken content in a style, placed and moved like any layer. The
 * wordless whisper is always whispered; `startAt` starts at that sentence (skip/replay, resume).
 */
export const voiceSceneLayerSchema = z
  .strictObject({
    id: layerId,
    content: voiceContentSchema,
    style: z.enum(VOICE_STYLE_NAMES, { error: "must be soft or whisper" }).optional(),
    rateWpm: num(VOICE_RATE_RANGE.min, VOICE_RATE_RANGE.max).optional(),
    gainDb: num(-60, 12).default(0),
    mute: z.boolean({ error: "must be true or false" }).default(false),
    solo: z.boolean({ error: "must be true or false" }).default(false),
    position: positionSchema.default({ ...DEFAULT_VOICE_POSITION }),
    motion: motionSchema.default({ kind: "static" }),
    startAt: z
      .number({ error: "must be a sentence number" })
      .int("must be a whole sentence number")
      .min(0, "must be 0 or more")
      .max(100_000, "must be at most 100000")
      .optional(),
  })
  .superRefine((layer, ctx) => {
    if (layer.content.kind === "wordless" && layer.style === "soft") {
      ctx.addIssue({ code: "custom", path: ["style"], message: "the wordless voice is always whisper" });
    }
  })
  .transform((layer) => {
    const style = layer.content.kind === "wordless" ? "whisper" : (layer.style ?? "soft");
    return { ...layer, style, rateWpm: layer.rateWpm ?? DEFAULT_VOICE_RATE[style] };
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
    voiceLayers: z
      .array(voiceSceneLayerSchema, { error: "must be a list of voice layers" })
      .max(MAX_VOICE_LAYERS, `at most ${MAX_VOICE_LAYERS} voice layers`)
      .default([]),
  })
  .superRefine((scene, ctx) => {
    const seen = new Set<string>();
    const check = (list: "layers" | "mediaLayers" | "voiceLayers", id: string, i: number): void => {
      if (seen.has(id))
        ctx.addIssue({ code: "custom", path: [list, i, "id"], message: `duplicate layer id "${id}"` });
      seen.add(id);
    };
    for (const [i, layer] of scene.layers.entries()) check("layers", layer.id, i);
    for (const [i, layer] of scene.mediaLayers.entries()) check("mediaLayers", layer.id, i);
    for (const [i, layer] of scene.voiceLayers.entries()) check("voiceLayers", layer.id, i);
  });

/**
 * Brings older scene JSON to the current format before validation: version 1 (generator layers
 * only) becomes version 2 with no own-audio or voice layers. Anything else passes through unchanged,
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
export type VoiceContentRef = z.output<typeof voiceContentSchema>;
export type VoiceSceneLayer = z.output<typeof voiceSceneLayerSchema>;
export type VoiceSceneLayerInput = z.input<typeof voiceSceneLayerSchema>;

/**
 * A scene in the current format: the engine's generator layers plus own-audio and voice layers.
 * `voiceLayers` is optional in the type (scenes built in code may leave it out); parsing always
 * fills it in.
 */
export interface StudioScene extends Omit<Scene, "version" | "layers" | "pcmLayers"> {
  readonly version: 2;
  readonly layers: readonly SceneLayer[];
  readonly mediaLayers: readonly MediaSceneLayer[];
  readonly voiceLayers?: readonly VoiceSceneLayer[];
}

/** What parsing produces (every default filled in); assignable to StudioScene. */
export type ParsedScene = z.output<typeof sceneV2Schema>;
const _parsedIsStudioScene = (s: ParsedScene): StudioScene => s;
void _parsedIsStudioScene;

/** Whether any layer (generator, own audio or voice) is soloed. */
export function soloActive(scene: Pick<StudioScene, "layers" | "mediaLayers" | "voiceLayers">): boolean {
  return (
    scene.layers.some((l) => l.solo === true) ||
    scene.mediaLayers.some((l) => l.solo) ||
    (scene.voiceLayers ?? []).some((l) => l.solo)
  );
}

/** Whether an own-audio layer is heard: not muted, and soloed when anything is. */
export function mediaLayerAudible(layer: MediaSceneLayer, scene: StudioScene): boolean {
  return !layer.mute && (!soloActive(scene) || layer.solo);
}

/** Whether a voice layer is heard: not muted, and soloed when anything is. */
export function voiceLayerAudible(layer: VoiceSceneLayer, scene: StudioScene): boolean {
  return !layer.mute && (!soloActive(scene) || layer.solo);
}

/**
 * How close a voice layer sounds to the microphone (0–1, the soft style's close-microphone
 * warmth) from its distance: 1 at 0.2 m and nearer, 0 from 1 m. Browser and renders share it.
 */
export function voiceProximity(distance: number): number {
  return Math.max(0, Math.min(1, (1 - distance) / 0.8));
}

/** Seconds of PCM each voice layer's ring holds: the longest sentence plus its pause, with room. */
export const VOICE_PCM_BUFFER_SECONDS = 60;

/** The engine's PCM layer for a voice layer (same id; the host pushes its speech there). */
export function voicePcmLayer(layer: VoiceSceneLayer, mute = layer.mute): PcmLayer {
  return {
    id: layer.id,
    channels: 1,
    loop: false,
    bufferSeconds: VOICE_PCM_BUFFER_SECONDS,
    gainDb: layer.gainDb,
    mute,
    solo: layer.solo,
    position: layer.position,
    motion: layer.motion,
  };
}

/**
 * The part of a scene the sound engine plays (its version 1 format): generator layers, and each
 * voice layer as a PCM layer of the same id (`pcmLayers`, present only when there are voices).
 * Own audio stays outside the engine. The engine solos across generator and PCM layers itself;
 * a soloed own-audio layer silences the engine's layers when none of them is soloed, so solo
 * means the same thing across all three kinds of layer.
 */
export function toEngineScene(scene: StudioScene): Scene {
  const voices = scene.voiceLayers ?? [];
  const engineSolo = scene.layers.some((l) => l.solo === true) || voices.some((l) => l.solo);
  const mediaSolo = scene.mediaLayers.some((l) => l.solo) && !engineSolo;
  const layers: readonly SceneLayer[] = mediaSolo
    ? scene.layers.map((l) => ({ ...l, mute: true }))
    : scene.layers;
  const { mediaLayers: _media, voiceLayers: _voices, version: _v, ...rest } = scene;
  if (voices.length === 0) return { ...rest, version: 1, layers };
  const pcmLayers = voices.map((v) => voicePcmLayer(v, v.mute || mediaSolo));
  return { ...rest, version: 1, layers, pcmLayers };
}

/** A version 2 scene from the engine's format (no own-audio or voice layers; PCM layers dropped). */
export function fromEngineScene(scene: Scene): StudioScene {
  const { pcmLayers: _pcm, ...rest } = scene;
  const parsed = sceneV2Schema.safeParse({ ...rest, version: 2 });
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
