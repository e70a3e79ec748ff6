/** Pure helpers for the studio's mix: new layers, ids, and the "surprise me" random mix. */
import { freshMediaLayerId, type StudioScene } from "@meridian/core";
import {
  defaultParams,
  GENERATORS,
  type GeneratorDef,
  generatorById,
  type MotionKind,
  Rng,
  type SceneLayer,
} from "@meridian/sound";

export const EMPTY_SCENE: StudioScene = {
  version: 2,
  name: "Empty studio",
  masterGainDb: 0,
  fadeIn: 2,
  fadeOut: 60,
  layers: [],
  mediaLayers: [],
};

export const MOTION_LABELS: ReadonlyArray<[MotionKind, string]> = [
  ["static", "Static"],
  ["sweep", "Ear-to-ear sweep"],
  ["orbit", "Orbit"],
  ["approach", "Approach and recede"],
  ["drift", "Drift"],
];

/** A layer id not yet in the scene, from the generator id ("rain", "rain-2", …). */
export function freshId(generator: string, layers: readonly { id: string }[]): string {
  const base = generator.slice(0, 34);
  if (!layers.some((l) => l.id === base)) return base;
  for (let i = 2; ; i++) if (!layers.some((l) => l.id === `${base}-${i}`)) return `${base}-${i}`;
}

/**
 * A random id for a new own-audio layer ("m-3f9c0a1b2c4d"), not used by any layer of the scene.
 * Never made from the file's name: a scene's ids are stored in the clear while the layer's name
 * is sealed. `getRandomValues` (unlike `randomUUID`) works on a plain-http LAN address too.
 */
export function mediaLayerId(scene: Pick<StudioScene, "layers" | "mediaLayers">): string {
  const taken = new Set([...scene.layers, ...scene.mediaLayers].map((l) => l.id));
  return freshMediaLayerId((n) => crypto.getRandomValues(new Uint8Array(n)), taken);
}

export function newLayer(def: GeneratorDef, layers: readonly SceneLayer[], azimuth = 0): SceneLayer {
  const params = defaultParams(def);
  delete params.variation;
  return {
    id: freshId(def.id, layers),
    generator: def.id,
    params,
    variation: 0.5,
    gainDb: def.category === "bed" ? -6 : -8,
    mute: false,
    solo: false,
    position: { azimuth, elevation: 0, distance: def.category === "bed" ? 2 : 1 },
    motion: { kind: "static" },
    spread: 60,
  };
}

/** Parameters shown as controls (variation has its own slider on the layer). */
export function shownParams(def: GeneratorDef) {
  return def.params.filter((p) => p.name !== "variation");
}

const NOISES = new Set(["white-noise", "pink-noise", "brown-noise"]);

/**
 * 3–5 layers that go together: one or two beds (at most one plain noise), then journal and
 * trigger sounds, each generator once; beds further away and a little louder.
 */
export function surpriseMix(seed: number): StudioScene {
  const rng = new Rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.float() * xs.length) % xs.length] as T;
  const beds = GENERATORS.filter((g) => g.category === "bed");
  const near = GENERATORS.filter((g) => g.category !== "bed");
  const count = 3 + Math.floor(rng.float() * 3);
  const bedCount = count >= 5 ? 2 : 1;
  const chosen: GeneratorDef[] = [];
  while (chosen.filter((g) => g.category === "bed").length < bedCount) {
    const g = pick(beds);
    if (chosen.includes(g) || (NOISES.has(g.id) && chosen.some((c) => NOISES.has(c.id)))) continue;
    chosen.push(g);
  }
  while (chosen.length < count) {
    const g = pick(near);
    if (!chosen.includes(g)) chosen.push(g);
  }
  const layers: SceneLayer[] = [];
  for (const def of chosen) {
    const bed = def.category === "bed";
    const base = newLayer(def, layers);
    const motion: MotionKind = bed
      ? "static"
      : pick(["static", "static", "sweep", "orbit", "drift"] as const);
    layers.push({
      ...base,
      variation: Math.round(rng.range(0.3, 0.8) * 100) / 100,
      gainDb: Math.round(bed ? rng.range(-8, -3) : rng.range(-12, -5)),
      position: {
        azimuth: Math.round(rng.range(-150, 150)),
        elevation: Math.round(rng.range(-15, 20)),
        distance: Math.round((bed ? rng.range(1.5, 4) : rng.range(0.3, 1.2)) * 10) / 10,
      },
      motion:
        motion === "static" ? { kind: "static" } : { kind: motion, period: Math.round(rng.range(12, 40)) },
    });
  }
  return {
    version: 2,
    name: "Surprise mix",
    masterGainDb: 0,
    fadeIn: 2,
    fadeOut: 60,
    layers,
    mediaLayers: [],
  };
}

export function labelOf(layer: SceneLayer): string {
  return generatorById(layer.generator)?.label ?? layer.generator;
}
