/**
 * Voice layers of a studio scene: what can be spoken (the built-in library), a new layer, and
 * the small helpers the studio's pad and place controls share with generator and own-audio layers.
 */
import {
  DEFAULT_VOICE_POSITION,
  DEFAULT_VOICE_RATE,
  MAX_VOICE_LAYERS,
  STORIES,
  type StudioScene,
  storyById,
  type VoiceContentRef,
  type VoiceSceneLayer,
  voiceContentById,
  WIND_DOWN_SETS,
} from "@meridian/core";
import type { Motion, Position } from "@meridian/sound";

export interface VoiceChoice {
  /** Stable value for a <select>: "story:<id>", "wind-down:<id>" or "wordless". */
  readonly value: string;
  readonly label: string;
  readonly content: VoiceContentRef;
}

const BODY_SCAN = storyById("body-scan");

export const VOICE_CHOICES: {
  readonly stories: readonly VoiceChoice[];
  readonly windDown: readonly VoiceChoice[];
  readonly wordless: VoiceChoice;
} = {
  stories: [...STORIES, ...(BODY_SCAN ? [BODY_SCAN] : [])].map((s) => ({
    value: `story:${s.id}`,
    label: s.title,
    content: { kind: "story", id: s.id },
  })),
  windDown: WIND_DOWN_SETS.map((s) => ({
    value: `wind-down:${s.id}`,
    label: s.title,
    content: { kind: "wind-down", id: s.id },
  })),
  wordless: { value: "wordless", label: "Wordless whisper", content: { kind: "wordless" } },
};

export function choiceByValue(value: string): VoiceChoice | undefined {
  const all = [...VOICE_CHOICES.stories, ...VOICE_CHOICES.windDown, VOICE_CHOICES.wordless];
  return all.find((c) => c.value === value);
}

/** What a layer speaks, for people: the story's or set's title. */
export function voiceTitle(content: VoiceContentRef): string {
  if (content.kind === "wordless") return VOICE_CHOICES.wordless.label;
  return voiceContentById(content.id)?.title ?? content.id;
}

/** A new voice layer: stories soft-spoken, wind-down lines and the wordless voice whispered. */
export function newVoiceLayer(scene: StudioScene, content: VoiceContentRef): VoiceSceneLayer | null {
  const voices = scene.voiceLayers ?? [];
  if (voices.length >= MAX_VOICE_LAYERS) return null;
  const taken = new Set([...scene.layers, ...scene.mediaLayers, ...voices].map((l) => l.id));
  let n = 1;
  while (taken.has(`voice-${n}`)) n++;
  const style = content.kind === "story" ? "soft" : "whisper";
  const side = voices.length % 2 === 0 ? 1 : -1;
  return {
    id: `voice-${n}`,
    content,
    style,
    rateWpm: DEFAULT_VOICE_RATE[style],
    gainDb: 0,
    mute: false,
    solo: false,
    position: { ...DEFAULT_VOICE_POSITION, azimuth: DEFAULT_VOICE_POSITION.azimuth * side },
    motion: { kind: "static" },
  };
}

export function withVoiceLayer(scene: StudioScene, id: string, patch: Partial<VoiceSceneLayer>): StudioScene {
  return {
    ...scene,
    voiceLayers: (scene.voiceLayers ?? []).map((l) => (l.id === id ? { ...l, ...patch } : l)),
  };
}

/** Position or motion of a voice layer; null when `id` is not one (another kind of layer). */
export function placeVoice(
  scene: StudioScene,
  id: string,
  patch: { position?: Position; motion?: Motion },
): StudioScene | null {
  return scene.voiceLayers?.some((l) => l.id === id) ? withVoiceLayer(scene, id, patch) : null;
}

/** Dots for the placement pad. */
export function voicePadItems(scene: StudioScene) {
  return (scene.voiceLayers ?? []).map((l) => ({
    id: l.id,
    label: voiceTitle(l.content),
    position: l.position,
    mute: l.mute,
  }));
}

/** The selected layer's place, when it is a voice layer. */
export function voiceSelection(scene: StudioScene, id: string | null) {
  const l = scene.voiceLayers?.find((v) => v.id === id);
  return l ? { id: l.id, label: voiceTitle(l.content), position: l.position, motion: l.motion } : null;
}
