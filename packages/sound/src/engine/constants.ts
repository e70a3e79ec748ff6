/** Control-rate grid: smoothed values and positions update every CONTROL samples, counted from frame 0. */
export const CONTROL = 32;
/** Largest block processed in one pass; longer `process` calls are split. Scratch buffers have this size. */
export const MAX_BLOCK = 4096;
/** Head radius (m) and speed of sound (m/s) for the spherical-head model. */
export const HEAD_RADIUS = 0.0875;
export const SPEED_OF_SOUND = 343;
/** Distance law: gain = (1 + R0) / (r + R0), so 1 m is 0 dB and the near field stays bounded. */
export const DISTANCE_R0 = 0.15;
export const MIN_DISTANCE = 0.05;
export const MAX_DISTANCE = 50;

export function dbToGain(db: number): number {
  return 10 ** (db / 20);
}

export function gainToDb(g: number): number {
  return 20 * Math.log10(Math.max(g, 1e-12));
}

export function clamp(x: number, lo: number, hi: number): number {
  return Math.min(Math.max(x, lo), hi);
}
