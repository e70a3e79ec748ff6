/**
 * Measured by `npx tsx packages/sound/scripts/calibrate.ts --scenes > packages/sound/src/scenes/levels.ts`
 * (then `npx biome format --write` it): each built-in scene's loudness at make-up 0 (mean of
 * 60 s and 24 s renders, seed 1) and each
 * layer's alone, with its generator's calibrationDb then, as [LUFS, calibrationDb]. The scenes'
 * make-up gains are computed from these at load (loudness/scene-calibration.ts).
 */
import type { SceneLevel } from "../loudness/scene-calibration";

export const SCENE_LEVELS: Readonly<Record<string, SceneLevel>> = {
  "library-rain": {
    lufs: -29.9,
    layers: { rain: [-31.29, -0.4], room: [-49.34, -18.7], pages: [-34.62, -1.2], pen: [-35.49, 9.9] },
  },
  "whispered-bedtime": {
    lufs: -13.29,
    layers: { whisper: [-13.25, 0.4], brush: [-19.18, 9.5], hush: [-49.25, -17.1] },
  },
  "seaside-journal": {
    lufs: -26.31,
    layers: { sea: [-40.57, -13.2], breeze: [-52.42, -4.1], pen: [-26.54, 9.9], pages: [-30.71, -1.2] },
  },
  "fireside-letters": {
    lufs: -26.06,
    layers: { fire: [-30.2, 0.9], roof: [-45.7, -0.4], pen: [-27.73, 9.9], paper: [-34.32, -0.7] },
  },
  "forest-stream": {
    lufs: -34.83,
    layers: { brook: [-35.32, 0.2], canopy: [-46.5, 9.9], air: [-64.15, -4.1] },
  },
  "attic-storm": {
    lufs: -22.7,
    layers: { roof: [-23.2, -0.4], gusts: [-37.29, -4.1], rumble: [-49.82, -18.7] },
  },
  "fingertips-orbit": { lufs: -18.78, layers: { taps: [-18.76, 0.3], bed: [-51.37, -17.1] } },
  "focus-brown": { lufs: -31.09, layers: { noise: [-33.92, -18.7], keys: [-32.95, -2.1] } },
  "autumn-walk": {
    lufs: -30.68,
    layers: { leaves: [-31.09, 9.9], wind: [-47.64, -4.1], crunch: [-39.74, -0.7] },
  },
  "night-cabin": {
    lufs: -33.41,
    layers: { stove: [-33.85, 0.9], rain: [-42.17, -0.4], door: [-53.53, -4.1] },
  },
  "keyboard-cafe": {
    lufs: -26.09,
    layers: { keys: [-26.4, -2.1], window: [-42.22, -0.4], room: [-55.56, -17.1] },
  },
  "ear-to-ear-brushing": {
    lufs: -18.27,
    layers: { brush: [-14.5, 9.5], whisper: [-24.44, 0.4], bed: [-50.42, -18.7] },
  },
  "ocean-sleep": { lufs: -43.9, layers: { sea: [-44.03, -13.2] } },
};
