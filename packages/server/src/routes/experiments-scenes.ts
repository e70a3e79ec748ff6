/**
 * The two soundscapes of an experiment, built once at the start and stored sealed:
 * - trigger-vs-without: the scene, and the same scene without the trigger layer;
 * - trigger-vs-sham: the scene, and the scene with the trigger layer replaced by a sham bed;
 * - scene-vs-scene: the two scenes.
 * Both are then level-compensated: each gets the make-up gain its measured loudness needs to
 * play at −27 LUFS (the presets' level meter, BS.1770 over an offline render), so taking a layer
 * out does not make one soundscape quieter. Own-audio layers are not part of that measurement.
 *
 * The sham is the sound package's matched bed (generator `sham`, built by `shamLayerFor`): steady
 * noise with the trigger layer's long-term 1/3-octave spectrum and measured loudness, at its
 * place, without its transients, rhythm or modulation. While core's scene check refuses the
 * bed's packed spectrum parameters (over ±1e6), a steady noise bed of similar colour and equal
 * measured loudness stands in (`noiseBed`), and the control note says which was used.
 *
 * Masking: each soundscape is named "Soundscape A" / "Soundscape B", has no description, and
 * its layers are renamed layer-1, layer-2… (own-audio file names dropped), so no field says which
 * one is the condition. The generators a scene plays are still in its JSON (the engine needs
 * them, e.g. `sham` or `whispering`): someone reading the raw scene could tell, which
 * docs/api-experiments.md says; no API field and no UI text does.
 */
import {
  type Comparison,
  type ExperimentPlan,
  type SceneSource,
  type StudioScene,
  toEngineScene,
} from "@meridian/core";
import { builtinScene, type Scene, type SceneLayer } from "@meridian/sound";
import { HttpError } from "../errors";
import { checkScene } from "../scene-check";
import type { ExperimentArms } from "../store/experiments-store";
import type { StudioStore } from "../store/studio-store";

/** Seconds of render the level meter measures each soundscape over (the presets use 20). */
const LEVEL_SECONDS = 12;
const SHAM_SECONDS = 12;
const SHAM_RATE = 48000;
const SHAM_SEED = 1;
const COLOUR_SECONDS = 2;
const COLOUR_RATE = 24000;
const NOISE_GENERATORS = ["white-noise", "pink-noise", "brown-noise"] as const;
const NOISE_TONES = [0.25, 0.5, 0.75, 1] as const;

/** The offline renders an experiment's soundscapes need, run off the event loop (LevelMeter). */
export interface Measurer {
  /** The make-up gain (dB) of `scene`, measured over `seconds` of offline render. */
  measure(scene: Scene, seconds: number): Promise<number>;
  /** The matched sham bed of a trigger layer (`shamLayerFor`). */
  sham(
    layer: SceneLayer,
    opts: { sampleRate: number; seed: number; seconds: number; matchLoudness: boolean },
  ): Promise<SceneLayer>;
  /** Mean squared first difference over mean square of the left channel: 2 for white noise. */
  brightness(scene: Scene, seconds: number, sampleRate: number): Promise<number>;
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

/**
 * The sham layer: the sound package's matched bed (`shamLayerFor`), the trigger's long-term
 * 1/3-octave spectrum and measured loudness without its transients or modulation. It renders
 * the trigger alone (SHAM_SECONDS, three passes), ~2 s of CPU for a whispering layer on the
 * shared 2-core machine, in the level meter's thread so the event loop keeps serving others.
 */
function matchedBed(trigger: SceneLayer, matchLoudness: boolean, levels: Measurer): Promise<SceneLayer> {
  return levels.sham(trigger, {
    sampleRate: SHAM_RATE,
    seed: SHAM_SEED,
    seconds: SHAM_SECONDS,
    matchLoudness,
  });
}

const brightness = (scene: Scene, levels: Measurer) => levels.brightness(scene, COLOUR_SECONDS, COLOUR_RATE);

const solo = (layer: SceneLayer): Scene => ({
  version: 1,
  fadeIn: 0,
  layers: [{ ...layer, id: "solo", mute: false, solo: false }],
});

/**
 * The fallback when the matched bed's layer does not pass the scene check (core's scene schema
 * holds parameters within ±1e6, and the bed's packed spectrum can exceed that): a steady white,
 * pink or brown noise bed (swell and variation off) in the trigger's place, its colour and
 * high-cut the candidate whose brightness is nearest the trigger's, its gain set so it measures
 * as loud alone as the trigger alone. Loudness and broad tilt only, not band by band.
 */
async function noiseBed(trigger: SceneLayer, levels: Measurer): Promise<SceneLayer> {
  const target = await brightness(solo(trigger), levels);
  let best = { generator: "pink-noise", tone: 0.5, distance: Number.POSITIVE_INFINITY };
  for (const generator of NOISE_GENERATORS) {
    for (const tone of NOISE_TONES) {
      const b = await brightness(
        solo({ ...trigger, generator, params: { tone, swell: 0, variation: 0 } }),
        levels,
      );
      const distance = Math.abs(Math.log((b + 1e-6) / (target + 1e-6)));
      if (distance < best.distance) best = { generator, tone, distance };
    }
  }
  const bed: SceneLayer = {
    ...trigger,
    generator: best.generator,
    params: { tone: best.tone, swell: 0, variation: 0 },
    variation: 0,
  };
  // Equal measured loudness alone: each make-up gain is −27 LUFS minus that layer's loudness.
  const [gTrigger, gBed] = await Promise.all([
    levels.measure(solo(trigger), LEVEL_SECONDS),
    levels.measure(solo(bed), LEVEL_SECONDS),
  ]);
  const gainDb = Math.min(12, Math.max(-60, (trigger.gainDb ?? 0) + (gBed - gTrigger)));
  return { ...bed, gainDb: Math.round(gainDb * 10) / 10 };
}

const MATCHED_NOTE =
  "The sham was a matched bed: steady noise with the trigger's long-term spectrum (1/3-octave bands) " +
  "and measured loudness, in the trigger's place, without its transients, rhythm or modulation.";
const NOISE_NOTE =
  "The sham was a steady noise bed in the trigger's place, matched to the trigger's measured loudness " +
  "and broad spectral tilt (not band by band), without its transients, rhythm or modulation.";

/** The scene with the trigger replaced by its sham: the matched bed when it passes the scene
 * check, else the noise bed. */
async function withSham(
  scene: StudioScene,
  at: number,
  trigger: SceneLayer,
  levels: Measurer,
): Promise<{ control: StudioScene; note: string }> {
  const swap = (layer: SceneLayer): StudioScene => ({
    ...scene,
    layers: scene.layers.map((l, i) => (i === at ? layer : l)),
  });
  // The spectrum alone first (one render, ~0.35 s): the loudness match (two more renders,
  // ~2 s on a busy machine) only when the bed's layer passes the scene check at all.
  if (checkScene(swap(await matchedBed(trigger, false, levels))).ok) {
    const matched = swap(await matchedBed(trigger, true, levels));
    if (checkScene(matched).ok) return { control: matched, note: MATCHED_NOTE };
  }
  return { control: swap(await noiseBed(trigger, levels)), note: NOISE_NOTE };
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
  const sham = await withSham(scene, at.layer, trigger, levels);
  return { condition: scene, control: sham.control, note: sham.note };
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
