/**
 * `shamLayerFor`: the control layer of a "trigger vs sham" experiment (issue 15). The same
 * layer (id, position, motion, gain, mute/solo) with its generator swapped for `sham`, the
 * matched bed, carrying the long-term 1/3-octave spectrum of the original generator at the
 * layer's own parameters (rendered dry, offline, for `seconds`). A mono generator's sham is
 * placed as one point (spread 0: two independent channels at one position are one noise
 * source); a stereo one keeps the layer's spread.
 *
 * Loudness: both generators are calibrated to the −27 LUFS reference, but a trigger away from
 * its default parameters can sit a few LU off it; with `matchLoudness` (default) both layers are
 * rendered alone through the engine at the layer's placement and motion and the sham's gain is
 * moved by the difference (at most ±12 dB), so condition and sham play equally loud.
 */
import { shamProfileFor } from "../analysis/long-term-spectrum";
import { renderScene } from "../analysis/render";
import { integratedLoudness } from "../loudness/meter";
import { DEFAULT_SPREAD, type SceneLayer } from "../scene";
import { generatorById } from "./index";
import { packProfile } from "./sham-profile";

export interface ShamLayerOptions {
  /** Seconds rendered to measure the spectrum and loudness (default 20). */
  readonly seconds?: number;
  /** Measure both layers through the engine and equalise their loudness (default true). */
  readonly matchLoudness?: boolean;
}

/** Largest gain correction applied by the loudness match (dB). */
const MAX_MATCH_DB = 12;

function soloLoudness(layer: SceneLayer, sampleRate: number, seed: number, seconds: number): number {
  const solo: SceneLayer = { ...layer, mute: false, solo: false };
  const x = renderScene({ version: 1, fadeIn: 0, layers: [solo] }, { seconds, seed, sampleRate });
  return integratedLoudness(sampleRate, [x.l, x.r]);
}

export function shamLayerFor(
  layer: SceneLayer,
  sampleRate: number,
  seed: number,
  opts: ShamLayerOptions = {},
): SceneLayer {
  const def = generatorById(layer.generator);
  if (!def) throw new Error(`shamLayerFor: layer "${layer.id}" has unknown generator "${layer.generator}"`);
  if (def.id === "sham") return layer;
  const seconds = opts.seconds ?? 20;
  const params: Record<string, number> = { ...(layer.params ?? {}) };
  if (layer.variation !== undefined) params.variation = layer.variation;
  const profile = shamProfileFor(def.id, params, sampleRate, seed, seconds);
  const out: SceneLayer = {
    id: layer.id,
    generator: "sham",
    params: { ...packProfile(profile), variation: 0 },
    ...(layer.gainDb !== undefined ? { gainDb: layer.gainDb } : {}),
    ...(layer.mute !== undefined ? { mute: layer.mute } : {}),
    ...(layer.solo !== undefined ? { solo: layer.solo } : {}),
    ...(layer.position ? { position: layer.position } : {}),
    ...(layer.motion ? { motion: layer.motion } : {}),
    spread: def.channels === 1 ? 0 : (layer.spread ?? DEFAULT_SPREAD),
  };
  if (opts.matchLoudness === false) return out;
  const target = soloLoudness(layer, sampleRate, seed, seconds);
  const now = soloLoudness(out, sampleRate, seed, seconds);
  if (!Number.isFinite(target) || !Number.isFinite(now)) return out;
  const delta = Math.max(-MAX_MATCH_DB, Math.min(MAX_MATCH_DB, target - now));
  const gainDb = Math.round(((layer.gainDb ?? 0) + delta) * 100) / 100;
  return { ...out, gainDb };
}
