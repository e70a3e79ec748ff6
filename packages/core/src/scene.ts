/**
 * Scene schema (zod): validates scene JSON for the sound engine and produces exactly the
 * `Scene` type that @meridian/sound takes. Errors name the offending field, e.g.
 * `layers[2].position.azimuth: must be between -180 and 180`.
 */
import type { Scene } from "@meridian/sound";
import { z } from "zod";

const MOTION_KINDS = ["static", "sweep", "orbit", "approach", "drift"] as const;

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

export const sceneLayerSchema = z.strictObject({
  id: z
    .string({ error: "must be a string" })
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be 1–40 lowercase letters, digits or dashes"),
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

export const sceneSchema = z
  .strictObject({
    version: z.literal(1, { error: "must be 1 (the only scene format so far)" }),
    name: z.string().max(80, "must be at most 80 characters").optional(),
    description: z.string().max(400, "must be at most 400 characters").optional(),
    masterGainDb: num(-60, 12).default(0),
    fadeIn: num(0, 600).default(3),
    fadeOut: num(0, 3600).default(10),
    layers: z.array(sceneLayerSchema, { error: "must be a list of layers" }).max(32, "at most 32 layers"),
  })
  .superRefine((scene, ctx) => {
    const seen = new Set<string>();
    scene.layers.forEach((layer, i) => {
      if (seen.has(layer.id))
        ctx.addIssue({
          code: "custom",
          path: ["layers", i, "id"],
          message: `duplicate layer id "${layer.id}"`,
        });
      seen.add(layer.id);
    });
  });

export type SceneInput = z.input<typeof sceneSchema>;

/** Compile-time guarantee: what the schema produces is what the engine takes. */
export type ParsedScene = z.output<typeof sceneSchema>;
const _sceneTypeCheck = (s: ParsedScene): Scene => s;
void _sceneTypeCheck;

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

export type SceneParseResult = { ok: true; scene: Scene } | { ok: false; errors: SceneError[] };

/** Validate unknown JSON as a scene; errors name the field. */
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
