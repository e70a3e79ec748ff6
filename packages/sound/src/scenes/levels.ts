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
    lufs: -31.13,
    layers: {
      rain: [-32.57, -27.18],
      room: [-49.45, -27.03],
      pages: [-36.56, -27.11],
      pen: [-36.53, -27.04],
    },
  },
  "whispered-bedtime": {
    lufs: -20.31,
    layers: { whisper: [-20.42, -27.17], brush: [-25.05, -26.75], hush: [-49.81, -27.23] },
  },
  "seaside-journal": {
    lufs: -27.1,
    layers: {
      sea: [-41.03, -26.95],
      breeze: [-52.76, -26.92],
      pen: [-27.33, -27.04],
      pages: [-31.07, -27.11],
    },
  },
  "fireside-letters": {
    lufs: -26.98,
    layers: { fire: [-31.45, -27.62], roof: [-44.61, -27.18], pen: [-28.6, -27.04], paper: [-35.62, -27.09] },
  },
  "forest-stream": {
    lufs: -34.91,
    layers: { brook: [-35.38, -26.93], canopy: [-47.05, -26.7], air: [-65.53, -26.92] },
  },
  "attic-storm": {
    lufs: -21.21,
    layers: { roof: [-21.66, -27.18], gusts: [-37.42, -26.92], rumble: [-49.94, -27.03] },
  },
  "fingertips-orbit": { lufs: -21.15, layers: { taps: [-20.97, -27.04], bed: [-51.98, -27.23] } },
  "focus-brown": { lufs: -31.35, layers: { noise: [-34.05, -27.03], keys: [-33.34, -27.04] } },
  "autumn-walk": {
    lufs: -31.08,
    layers: { leaves: [-31.47, -26.7], wind: [-48.19, -26.92], crunch: [-40.35, -27.09] },
  },
  "night-cabin": {
    lufs: -34.14,
    layers: { stove: [-34.53, -27.62], rain: [-43.48, -27.18], door: [-55.36, -26.92] },
  },
  "keyboard-cafe": {
    lufs: -27.31,
    layers: { keys: [-27.62, -27.04], window: [-43.68, -27.18], room: [-56.08, -27.23] },
  },
  "ear-to-ear-brushing": {
    lufs: -24.56,
    layers: { brush: [-21.11, -26.75], whisper: [-30.83, -27.17], bed: [-50.53, -27.03] },
  },
  "ocean-sleep": { lufs: -44.35, layers: { sea: [-44.47, -26.95] } },
};
