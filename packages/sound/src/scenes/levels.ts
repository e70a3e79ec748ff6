/**
 * Measured by `npx tsx packages/sound/scripts/calibrate.ts --scenes > packages/sound/src/scenes/levels.ts`
 * (then `npx biome format --write` it): each built-in scene's loudness at make-up 0 (mean of
 * 60 s and 24 s renders, seed 1) and each
 * layer's alone with its generator's loudness at the −27 LUFS reference then, as [LUFS, reference
 * LUFS]. The scenes' make-up gains are computed from these at load (loudness/scene-calibration.ts).
 */
import type { SceneLevel } from "../loudness/scene-calibration";

export const SCENE_LEVELS: Readonly<Record<string, SceneLevel>> = {
  "library-rain": {
    lufs: -30.68,
    layers: { rain: [-32.27, -27.13], room: [-49.4, -27.07], pages: [-36.12, -27.11], pen: [-35.63, -27.04] },
  },
  "whispered-bedtime": {
    lufs: -20.36,
    layers: { whisper: [-20.48, -27.07], brush: [-25.05, -26.75], hush: [-48.62, -27.27] },
  },
  "seaside-journal": {
    lufs: -25.97,
    layers: {
      sea: [-41.03, -26.95],
      breeze: [-52.17, -26.92],
      pen: [-26.19, -27.04],
      pages: [-30.02, -27.11],
    },
  },
  "fireside-letters": {
    lufs: -26.03,
    layers: { fire: [-30.98, -27.62], roof: [-43.2, -27.13], pen: [-27.4, -27.04], paper: [-34.62, -27.09] },
  },
  "forest-stream": {
    lufs: -34.19,
    layers: { brook: [-34.65, -26.88], canopy: [-45.92, -26.71], air: [-64.49, -26.92] },
  },
  "attic-storm": {
    lufs: -19.55,
    layers: { roof: [-19.97, -27.13], gusts: [-37.34, -26.92], rumble: [-49.78, -27.07] },
  },
  "fingertips-orbit": { lufs: -19.15, layers: { taps: [-18.95, -27.04], bed: [-51.12, -27.27] } },
  "focus-brown": { lufs: -30.72, layers: { noise: [-34.05, -27.07], keys: [-32.13, -27.04] } },
  "autumn-walk": {
    lufs: -30.67,
    layers: { leaves: [-31.15, -26.71], wind: [-47.29, -26.92], crunch: [-38.94, -27.09] },
  },
  "night-cabin": {
    lufs: -33.54,
    layers: { stove: [-33.99, -27.62], rain: [-42.61, -27.13], door: [-52.72, -26.92] },
  },
  "keyboard-cafe": {
    lufs: -25.85,
    layers: { keys: [-26.15, -27.04], window: [-43.09, -27.13], room: [-54.79, -27.27] },
  },
  "ear-to-ear-brushing": {
    lufs: -24.63,
    layers: { brush: [-21.21, -26.75], whisper: [-30.83, -27.07], bed: [-50.46, -27.07] },
  },
  "ocean-sleep": { lufs: -44.35, layers: { sea: [-44.47, -26.95] } },
};
