/**
 * Built-in scenes with a story: one of the sound package's built-in beds (levels, make-up gain
 * and all, see @meridian/sound's scenes/) plus a voice layer from the voice library. They live
 * here, not beside the bed JSON, because voice content is core's: the sound package knows PCM
 * layers, never stories.
 *
 * Levels: the bed keeps its own calibrated make-up gain (the offline estimate measures the bed;
 * a voice layer's PCM is silent to it). The engine applies that make-up to PCM layers too, and a
 * source near the head is louder (+6.6 dB at 0.4 m, +9.6 dB at 0.25 m against 1 m, the engine's
 * distance law), so the voice layer's gain takes both back off and the story plays at the voice's
 * own −27 LUFS; the bed layers sit 3 dB under their calibration so the words stay clear over it.
 */
import { BUILTIN_SCENES, type Scene } from "@meridian/sound";
import { type ParsedScene, parseScene, type VoiceSceneLayerInput } from "./scene";

/** The bed layers' gain under a story, dB. */
export const VOICE_SCENE_BED_DB = -3;

/** The engine's level gain of a source at these distances against 1 m (measured), dB. */
const NEAR_GAIN_DB: Readonly<Record<string, number>> = { "0.4": 6.6, "0.25": 9.6 };

interface VoiceSceneRecipe {
  readonly id: string;
  readonly bed: string;
  readonly name: string;
  readonly description: string;
  readonly voice: Omit<VoiceSceneLayerInput, "id" | "gainDb">;
}

const RECIPES: readonly VoiceSceneRecipe[] = [
  {
    id: "night-train-story",
    bed: "attic-storm",
    name: "Night train story with rain",
    description:
      "A soft voice at your left ear tells of a sleeper train through the night, while rain drums overhead and the wheels rumble below.",
    voice: { content: { kind: "story", id: "night-train" }, style: "soft" },
  },
  {
    id: "library-story",
    bed: "library-rain",
    name: "Library story on a rainy night",
    description:
      "Rain on the tall window, pages turning nearby, and a quiet voice telling of an evening in an old library.",
    voice: { content: { kind: "story", id: "library-rainy-night" }, style: "soft" },
  },
  {
    id: "seaside-story",
    bed: "ocean-sleep",
    name: "Seaside cottage story with waves",
    description:
      "Long waves roll in and out while a soft voice, close by, tells of a small cottage above the shore.",
    voice: { content: { kind: "story", id: "seaside-cottage" }, style: "soft" },
  },
  {
    id: "cabin-wind-down",
    bed: "night-cabin",
    name: "Whispered wind-down by the stove",
    description:
      "A small fire and soft rain outside, and a whisper at your left ear with a few slow lines for letting the day go.",
    voice: {
      content: { kind: "wind-down", id: "wind-down-letting-go" },
      style: "whisper",
      position: { azimuth: -80, elevation: 0, distance: 0.25 },
    },
  },
];

export interface VoiceBuiltinScene {
  readonly id: string;
  /** The built-in bed it is made from (an id in @meridian/sound's BUILTIN_SCENES). */
  readonly bed: string;
  readonly scene: ParsedScene;
}

function compose(recipe: VoiceSceneRecipe): VoiceBuiltinScene {
  const bed: Scene | undefined = BUILTIN_SCENES.find((s) => s.id === recipe.bed)?.scene;
  if (!bed) throw new Error(`voice scene ${recipe.id}: no built-in bed "${recipe.bed}"`);
  const makeup = bed.makeupGainDb ?? 0;
  const distance = recipe.voice.position?.distance ?? 0.4;
  const near = NEAR_GAIN_DB[String(distance)];
  if (near === undefined) throw new Error(`voice scene ${recipe.id}: no measured gain at ${distance} m`);
  const parsed = parseScene({
    ...bed,
    version: 2,
    name: recipe.name,
    description: recipe.description,
    layers: bed.layers.map((l) => ({ ...l, gainDb: (l.gainDb ?? 0) + VOICE_SCENE_BED_DB })),
    voiceLayers: [
      {
        id: "voice",
        ...recipe.voice,
        gainDb: Math.max(-60, Math.min(12, Math.round((-makeup - near) * 100) / 100)),
      },
    ],
  });
  if (!parsed.ok) throw new Error(`voice scene ${recipe.id}: ${JSON.stringify(parsed.errors)}`);
  return { id: recipe.id, bed: recipe.bed, scene: parsed.scene as ParsedScene };
}

/** The built-in scenes with a voice, in the order the studio lists them (after the beds). */
export const VOICE_BUILTIN_SCENES: readonly VoiceBuiltinScene[] = RECIPES.map(compose);

export function voiceBuiltinScene(id: string): ParsedScene | undefined {
  return VOICE_BUILTIN_SCENES.find((s) => s.id === id)?.scene;
}
