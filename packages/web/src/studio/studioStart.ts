/**
 * What the studio opens with, and which sounds it offers. It opens on the player's scene (the mix
 * playing or last played) — except an experiment's blinded soundscape (the player's `masked`
 * flag, set by the Tonight page): that one stays hidden, so the layers and the sham's matched
 * bed are never shown, saved as a preset, rendered or shared. The sham generator is for
 * experiments only (its params are packed from the real mix), so it is not in the add-sound menu.
 */
import type { StudioScene } from "@meridian/core";
import { GENERATORS, type GeneratorDef } from "@meridian/sound";
import type { PlayerSnapshot } from "../audio/player";
import { EMPTY_SCENE } from "./mix";

export const MASKED_NOTICE =
  "Tonight's experiment soundscape is playing; the studio is hidden so it stays blind.";

/** Generators used only by experiments, never offered in the studio. */
const EXPERIMENT_ONLY = new Set(["sham"]);

export interface StudioStart {
  scene: StudioScene;
  /** Shown above the mixer when the player's scene was left out. */
  notice: string | null;
}

export function studioStart(snap: Pick<PlayerSnapshot, "scene" | "masked">): StudioStart {
  if (snap.masked) return { scene: EMPTY_SCENE, notice: MASKED_NOTICE };
  return { scene: snap.scene ?? EMPTY_SCENE, notice: null };
}

/** The generators the studio offers; `current` (a layer's own generator) stays listed. */
export function studioGenerators(current?: string): readonly GeneratorDef[] {
  return GENERATORS.filter((g) => !EXPERIMENT_ONLY.has(g.id) || g.id === current);
}
