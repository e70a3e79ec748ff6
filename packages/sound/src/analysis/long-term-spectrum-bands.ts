/**
 * The 1/3-octave band layout shared by the long-term spectrum analysis and the `sham`
 * generator (kept apart so the generator does not import the analysis, which imports the registry).
 */

/** Number of 1/3-octave bands: centres 1 kHz · 2^((k − 13)/3), ≈ 50 Hz … 12.7 kHz. */
export const BAND_COUNT = 25;

/** Centre frequency of band k (base-2 1/3-octave series through 1 kHz). */
export function bandCentreHz(k: number): number {
  return 1000 * 2 ** ((k - 13) / 3);
}

/** Band edges of band k: centre · 2^(∓1/6). */
export function bandEdgesHz(k: number): readonly [number, number] {
  const c = bandCentreHz(k);
  return [c * 2 ** (-1 / 6), c * 2 ** (1 / 6)];
}
