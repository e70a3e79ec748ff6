/**
 * Scene level-matching: every scene plays at the same loudness (−27 LUFS, the generators'
 * calibration reference) unless its owner chose to keep their own level. The make-up gain is an
 * offline loudness estimate of the mix (`scene-estimate.ts`) stored on the scene; the engine adds
 * it to the master gain, which glides (so switching scenes does not jump in level).
 */
import type { Scene } from "../scene";

/** The loudness every scene is matched to (the generators' calibration reference). */
export const SCENE_TARGET_LUFS = -27;

/** The gain the engine applies at the master: the user's master gain plus the make-up gain. */
export function sceneMasterGainDb(scene: Pick<Scene, "masterGainDb" | "makeupGainDb" | "keepLevel">): number {
  const master = scene.masterGainDb ?? 0;
  return scene.keepLevel === true ? master : master + (scene.makeupGainDb ?? 0);
}
