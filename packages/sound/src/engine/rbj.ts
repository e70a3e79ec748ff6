/**
 * RBJ biquad coefficient designs that write into a Float64Array (b0, b1, b2, a1, a2 normalised
 * by a0) instead of allocating, for coefficient updates at control rate inside `process`.
 * The design frequency, gain and Q are read from the same array (`out[F]`, `out[GAIN_DB]`,
 * `out[Q]`): V8 boxes doubles passed as arguments to calls it does not inline (even constant
 * ones), array slots are not.
 */

/** Index of the design frequency (Hz) in a coefficient array. */
export const F = 5;
/** Index of the design gain (dB) in a coefficient array. */
export const GAIN_DB = 6;
/** Index of the design Q in a coefficient array. */
export const Q = 7;
/** Length of a coefficient array: five coefficients, then frequency, gain and Q. */
export const RBJ_LENGTH = 8;

/** Low shelf at `out[F]` Hz, `out[GAIN_DB]` dB, slope from `out[Q]`. */
export function rbjLowShelf(out: Float64Array, fs: number): void {
  const q = out[Q] as number;
  const w = (2 * Math.PI * (out[F] as number)) / fs;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * q);
  const a = 10 ** ((out[GAIN_DB] as number) / 40);
  const s = 2 * Math.sqrt(a) * alpha;
  const a0 = a + 1 + (a - 1) * cos + s;
  out[0] = (a * (a + 1 - (a - 1) * cos + s)) / a0;
  out[1] = (2 * a * (a - 1 - (a + 1) * cos)) / a0;
  out[2] = (a * (a + 1 - (a - 1) * cos - s)) / a0;
  out[3] = (-2 * (a - 1 + (a + 1) * cos)) / a0;
  out[4] = (a + 1 + (a - 1) * cos - s) / a0;
}

/** Peaking EQ at `out[F]` Hz, `out[GAIN_DB]` dB, `out[Q]`. */
export function rbjPeaking(out: Float64Array, fs: number): void {
  const q = out[Q] as number;
  const w = (2 * Math.PI * (out[F] as number)) / fs;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * q);
  const a = 10 ** ((out[GAIN_DB] as number) / 40);
  const a0 = 1 + alpha / a;
  out[0] = (1 + alpha * a) / a0;
  out[1] = (-2 * cos) / a0;
  out[2] = (1 - alpha * a) / a0;
  out[3] = (-2 * cos) / a0;
  out[4] = (1 - alpha / a) / a0;
}

export function rbjIdentity(out: Float64Array): void {
  out[0] = 1;
  out[1] = 0;
  out[2] = 0;
  out[3] = 0;
  out[4] = 0;
}
