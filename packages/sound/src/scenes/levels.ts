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
    lufs: -30.57,
    layers: { rain: [-32.13, -27.2], room: [-49.46, -27.05], pages: [-36.12, -27.11], pen: [-35.63, -27.04] },
  },
  "whispered-bedtime": {
    lufs: -20.36,
    layers: { whisper: [-20.48, -27.07], brush: [-25.05, -26.75], hush: [-49.52, -27.26] },
  },
  "seaside-journal": {
    lufs: -25.97,
    layers: {
      sea: [-41.03, -26.95],
      breeze: [-52.23, -26.87],
      pen: [-26.19, -27.04],
      pages: [-30.02, -27.11],
    },
  },
  "fireside-letters": {
    lufs: -26.04,
    layers: { fire: [-30.98, -27.62], roof: [-43.3, -27.2], pen: [-27.4, -27.04], paper: [-34.62, -27.09] },
  },
  "forest-stream": {
    lufs: -34.16,
    layers: { brook: [-34.65, -26.85], canopy: [-46.01, -26.7], air: [-65, -26.87] },
  },
  "attic-storm": {
    lufs: -19.7,
    layers: { roof: [-20.13, -27.2], gusts: [-36.75, -26.87], rumble: [-49.94, -27.05] },
  },
  "fingertips-orbit": { lufs: -19.16, layers: { taps: [-18.95, -27.04], bed: [-51.7, -27.26] } },
  "focus-brown": { lufs: -30.73, layers: { noise: [-34.06, -27.05], keys: [-32.13, -27.04] } },
  "autumn-walk": {
    lufs: -30.46,
    layers: { leaves: [-30.91, -26.7], wind: [-47.28, -26.87], crunch: [-38.94, -27.09] },
  },
  "night-cabin": {
    lufs: -33.58,
    layers: { stove: [-33.99, -27.62], rain: [-42.93, -27.2], door: [-53.17, -26.87] },
  },
  "keyboard-cafe": {
    lufs: -25.85,
    layers: { keys: [-26.15, -27.04], window: [-43.05, -27.2], room: [-55.79, -27.26] },
  },
  "ear-to-ear-brushing": {
    lufs: -24.63,
    layers: { brush: [-21.21, -26.75], whisper: [-30.83, -27.07], bed: [-50.53, -27.05] },
  },
  "ocean-sleep": { lufs: -44.35, layers: { sea: [-44.47, -26.95] } },
};
