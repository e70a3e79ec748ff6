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
    lufs: -29.9,
    layers: { rain: [-31.29, -27.2], room: [-49.34, -27.08], pages: [-34.62, -27.11], pen: [-35.49, -27.04] },
  },
  "whispered-bedtime": {
    lufs: -13.29,
    layers: { whisper: [-13.25, -27.07], brush: [-19.18, -26.75], hush: [-49.25, -27.27] },
  },
  "seaside-journal": {
    lufs: -26.31,
    layers: {
      sea: [-40.57, -26.73],
      breeze: [-52.42, -26.96],
      pen: [-26.54, -27.04],
      pages: [-30.71, -27.11],
    },
  },
  "fireside-letters": {
    lufs: -26.06,
    layers: { fire: [-30.2, -27.39], roof: [-45.7, -27.2], pen: [-27.73, -27.04], paper: [-34.32, -27.09] },
  },
  "forest-stream": {
    lufs: -34.83,
    layers: { brook: [-35.32, -26.87], canopy: [-46.5, -26.73], air: [-64.15, -26.96] },
  },
  "attic-storm": {
    lufs: -22.7,
    layers: { roof: [-23.2, -27.2], gusts: [-37.29, -26.96], rumble: [-49.82, -27.08] },
  },
  "fingertips-orbit": { lufs: -18.78, layers: { taps: [-18.76, -27.04], bed: [-51.37, -27.27] } },
  "focus-brown": { lufs: -31.09, layers: { noise: [-33.92, -27.08], keys: [-32.95, -27.34] } },
  "autumn-walk": {
    lufs: -30.68,
    layers: { leaves: [-31.09, -26.73], wind: [-47.64, -26.96], crunch: [-39.74, -27.09] },
  },
  "night-cabin": {
    lufs: -33.41,
    layers: { stove: [-33.85, -27.39], rain: [-42.17, -27.2], door: [-53.53, -26.96] },
  },
  "keyboard-cafe": {
    lufs: -26.09,
    layers: { keys: [-26.4, -27.34], window: [-42.22, -27.2], room: [-55.56, -27.27] },
  },
  "ear-to-ear-brushing": {
    lufs: -18.27,
    layers: { brush: [-14.5, -26.75], whisper: [-24.44, -27.07], bed: [-50.42, -27.08] },
  },
  "ocean-sleep": { lufs: -43.9, layers: { sea: [-44.03, -26.73] } },
};
