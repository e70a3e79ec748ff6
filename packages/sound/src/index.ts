/** @meridian/sound — pure-ECMAScript procedural sound engine. */
export * from "./analysis/render";
export {
  createEngine,
  Engine,
  type EngineOptions,
  LAYER_FIELDS,
  type LayerVoice,
  MAX_PCM_LAYERS,
  type VoiceFactory,
} from "./engine/engine";
export {
  DEFAULT_PCM_SECONDS,
  MAX_PCM_RATE,
  MAX_PCM_SECONDS,
  MIN_PCM_RATE,
  type PcmPushOptions,
  type PcmStatus,
} from "./engine/pcm-source";
export type { TriggerKind, TriggerOptions } from "./engine/triggers";
export { TRIGGER_GENERATORS } from "./engine/triggers";
export * from "./generator";
export { GENERATORS, generatorById, generatorIds } from "./generators/index";
export { type ShamLayerOptions, shamLayerFor } from "./generators/sham-layer";
export { integratedLoudness, LoudnessMeter } from "./loudness/meter";
export * from "./loudness/scene-estimate";
export { SCENE_TARGET_LUFS } from "./loudness/scene-level";
export * from "./loudness/scene-report";
export { TruePeakMeter, truePeakDb } from "./loudness/true-peak";
export { hashString, Rng } from "./rng";
export * from "./scene";
export * from "./scenes/index";
export { validateSceneGenerators } from "./validate";
export * from "./voice/index";
