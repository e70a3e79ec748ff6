/**
 * The two soundscapes of an experiment, built once at the start and stored sealed:
 * - trigger-vs-without: the scene, and the same scene without the trigger layer;
 * - trigger-vs-sham: the scene, and the scene with the trigger layer replaced by a sham bed;
 * - scene-vs-scene: the two scenes.
 * Both are then level-compensated: each gets the make-up gain its measured loudness needs to
 * play at −27 LUFS (the presets' level meter, BS.1770 over an offline render), so taking a layer
 * out does not make one soundscape quieter. Own-audio layers are not part of that measurement.
 *
 * The sham: packages/sound has no sham generator yet, so the sham is a steady noise bed (white,
 * pink or brown, swell and variation off) at the trigger's place, its colour and high-cut chosen
 * as the candidate whose spectral brightness (mean squared first difference over mean square,
 * 2 for white noise, near 0 for brown) is nearest the trigger's solo render, and its gain set so
 * its measured loudness alone equals the trigger's alone. It matches loudness and the broad
 * spectral tilt, not band by band, and has none of the trigger's transients or modulation.
 *
 * Masking: each soundscape is named "Soundscape A" / "Soundscape B", has no description, and
 * its layers are renamed layer-1, layer-2… (own-audio file names dropped), so no field says which
 * one is the condition. The generators a scene plays are still in its JSON: someone reading the
 * raw scene could tell (docs/api-experiments.md says so).
 */
import {
  type Comparison,
  type ExperimentPlan,
  type SceneSource,
  type StudioScene,
  toEngineScene,
} from "@meridian/core";
import { builtinScene, renderScene, type Scene, type SceneLayer } from "@meridian/sound";
import { HttpError } from "../errors";
import { checkScene } from "../scene-check";
import type { ExperimentArms } from "../store/experiments-store";
import type { StudioStore } from "../store/studio-store";

/** Seconds of render the level meter measures each soundscape over (the presets use 20). */
const LEVEL_SECONDS = 12;
const COLOUR_SECONDS = 2;
const COLOUR_RATE = 24000;
const SHAM_GENERATORS = ["white-noise", "pink-noise", "brown-noise"] as const;
const SHAM_TONES = [0.25, 0.5, 0.75, 1] as const;

export interface Measurer {
  /** The make-up gain (dB) of `scene`, measured over `seconds` of offline render. */
  measure(scene: Scene, seconds: number): Promise<number>;
}

const invalid = (field: string, message: string) => new HttpError(400, "validation_failed", message, field);

/** A saved scene (built-in scene id or the person's preset id) or one written out, checked. */
async function resolveScene(
  studio: StudioStore,
  userId: string,
  source: { sceneId?: string | undefined; scene?: unknown },
  field: string,
): Promise<StudioScene> {
  let input: unknown = source.scene;
  if (source.sceneId !== undefined) {
    input = builtinScene(source.sceneId) ?? (await studio.findPreset(userId, source.sceneId))?.scene;
    if (input === undefined)
      throw invalid(
        `${field}.sceneId`,
        `No built-in scene or preset of yours has the id "${source.sceneId}"`,
      );
  }
  const checked = checkScene(input, `${field}.scene`);
  if (!checked.ok) throw invalid(checked.field, checked.message);
  return checked.scene;
}

function triggerIndex(scene: StudioScene, layerId: string, field: string) {
  const layer = scene.layers.findIndex((l) => l.id === layerId);
  const media = scene.mediaLayers.findIndex((l) => l.id === layerId);
  if (layer < 0 && media < 0) throw invalid(`${field}.layerId`, `The scene has no layer "${layerId}"`);
  return { layer, media };
}

/** Mean squared first difference over mean square of the left channel: 2 for white noise. */
function brightness(scene: Scene): number {
  const out = renderScene({ ...scene, fadeIn: 0 }, { seconds: COLOUR_SECONDS, sampleRate: COLOUR_RATE });
  let power = 0;
  let diff = 0;
  for (let i = 1; i < out.l.length; i++) {
    const x = out.l[i] as number;
    const d = x - (out.l[i - 1] as number);
    power += x * x;
    diff += d * d;
  }
  return power > 0 ? diff / power : 0;
}

const solo = (layer: SceneLayer): Scene => ({
  version: 1,
  fadeIn: 0,
  layers: [{ ...layer, id: "solo", mute: false, solo: false }],
});

/** A steady noise bed with the trigger's place, broad colour and loudness (see the file notes). */
async function shamFor(trigger: SceneLayer, levels: Measurer): Promise<{ layer: SceneLayer; note: string }> {
  const target = brightness(solo(trigger));
  let best: { generator: string; tone: number; distance: number } | null = null;
  for (const generator of SHAM_GENERATORS) {
    for (const tone of SHAM_TONES) {
      const candidate = { ...trigger, generator, params: { tone, swell: 0, variation: 0 } };
      const b = brightness(solo(candidate));
      const distance = Math.abs(Math.log((b + 1e-6) / (target + 1e-6)));
      if (!best || distance < best.distance) best = { generator, tone, distance };
    }
  }
  const chosen = best ?? { generator: "pink-noise", tone: 0.5, distance: 0 };
  const bed: SceneLayer = {
    ...trigger,
    generator: chosen.generator,
    params: { tone: chosen.tone, swell: 0, variation: 0 },
    variation: 0,
  };
  // Equal measured loudness alone: each make-up gain is −27 LUFS minus that layer's loudness.
  const [gTrigger, gBed] = await Promise.all([
    levels.measure(solo(trigger), LEVEL_SECONDS),
    levels.measure(solo(bed), LEVEL_SECONDS),
  ]);
  const gainDb = Math.min(12, Math.max(-60, (trigger.gainDb ?? 0) + (gBed - gTrigger)));
  const layer = { ...bed, gainDb: Math.round(gainDb * 10) / 10 };
  const note =
    `The sham was a steady ${chosen.generator.replace("-", " ")} bed (tone ${chosen.tone}, no swell) ` +
    "in the trigger's place, matched to the trigger's measured loudness and broad spectral tilt, " +
    "without its transients or modulation.";
  return { layer, note };
}

/** Neutral name, no description, layers renamed in order, own-audio file names dropped. */
export function maskScene(scene: StudioScene, label: "A" | "B"): StudioScene {
  let n = 0;
  const next = () => `layer-${++n}`;
  const { name: _name, description: _description, ...rest } = scene;
  return {
    ...rest,
    name: `Soundscape ${label}`,
    layers: scene.layers.map((l) => ({ ...l, id: next() })),
    mediaLayers: scene.mediaLayers.map(({ name: _file, ...l }) => ({ ...l, id: next() })),
  };
}

async function levelled(scene: StudioScene, levels: Measurer): Promise<StudioScene> {
  const makeupGainDb = await levels.measure(toEngineScene(scene), LEVEL_SECONDS);
  return { ...scene, makeupGainDb, keepLevel: false };
}

/** The condition and control scenes of a comparison (unmasked), and how the control was made. */
async function armsOf(
  comparison: Comparison,
  studio: StudioStore,
  userId: string,
  levels: Measurer,
): Promise<{ condition: StudioScene; control: StudioScene; note: string }> {
  const field = "plan.comparison";
  if (comparison.kind === "scene-vs-scene") {
    const a = await resolveScene(
      studio,
      userId,
      comparison.a as SceneSource & { scene?: unknown },
      `${field}.a`,
    );
    const b = await resolveScene(
      studio,
      userId,
      comparison.b as SceneSource & { scene?: unknown },
      `${field}.b`,
    );
    return { condition: a, control: b, note: "The two scenes, each played at the same measured loudness." };
  }
  const scene = await resolveScene(studio, userId, comparison, field);
  const at = triggerIndex(scene, comparison.layerId, field);
  if (comparison.kind === "trigger-vs-without") {
    const control: StudioScene = {
      ...scene,
      layers: scene.layers.filter((_, i) => i !== at.layer),
      mediaLayers: scene.mediaLayers.filter((_, i) => i !== at.media),
    };
    return {
      condition: scene,
      control,
      note: "The same scene without the trigger layer, played at the same measured loudness.",
    };
  }
  const trigger = scene.layers[at.layer];
  if (!trigger)
    throw invalid(
      `${field}.layerId`,
      "A sham replaces a generated layer; compare an own-audio layer with trigger-vs-without",
    );
  const sham = await shamFor(trigger, levels);
  const control: StudioScene = {
    ...scene,
    layers: scene.layers.map((l, i) => (i === at.layer ? sham.layer : l)),
  };
  return { condition: scene, control, note: sham.note };
}

/** Both soundscapes, level-compensated and masked, under the schedule's blinding map. */
export async function buildArms(
  plan: ExperimentPlan,
  conditionIs: "A" | "B",
  studio: StudioStore,
  userId: string,
  levels: Measurer,
): Promise<ExperimentArms> {
  const { condition, control, note } = await armsOf(plan.comparison, studio, userId, levels);
  const [c, k] = await Promise.all([levelled(condition, levels), levelled(control, levels)]);
  const byLabel = conditionIs === "A" ? { A: c, B: k } : { A: k, B: c };
  return {
    A: maskScene(byLabel.A, "A") as unknown as Record<string, unknown>,
    B: maskScene(byLabel.B, "B") as unknown as Record<string, unknown>,
    controlNote: note,
  };
}
