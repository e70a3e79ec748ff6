/**
 * Measures for impact sounds (keyboard, tapping, page landing): spectral centroid of a power
 * spectrum, and the attack rise time of an isolated event (allocating; tests and tools only).
 */

/** Power-weighted mean frequency (Hz) of a one-sided power spectrum (`welch`). */
export function spectralCentroid(psd: Float64Array, fs: number): number {
  const size = (psd.length - 1) * 2;
  let sum = 0;
  let weight = 0;
  for (let k = 1; k < psd.length; k++) {
    sum += ((psd[k] as number) * k * fs) / size;
    weight += psd[k] as number;
  }
  return weight > 0 ? sum / weight : 0;
}

/**
 * Attack rise time (ms) of the loudest transient in `x`: the envelope is a ±0.1 ms peak-hold of
 * |x|; from its maximum walk back to the 90 % crossing, then on down the rising edge (while the
 * envelope keeps falling backwards) to the 10 % crossing. A keystroke's earlier finger tick,
 * separated by a dip, is not counted as part of the bottom-out's rise.
 */
export function attackRiseMs(x: ArrayLike<number>, fs: number): number {
  const win = Math.max(1, Math.round(fs * 1e-4));
  const env = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let m = 0;
    const hi = Math.min(x.length - 1, i + win);
    for (let k = Math.max(0, i - win); k <= hi; k++) m = Math.max(m, Math.abs(x[k] as number));
    env[i] = m;
  }
  let peak = 0;
  let at = 0;
  for (let i = 0; i < env.length; i++)
    if ((env[i] as number) > peak) {
      peak = env[i] as number;
      at = i;
    }
  let i90 = at;
  while (i90 > 0 && (env[i90 - 1] as number) >= 0.9 * peak) i90--;
  let i10 = i90;
  while (
    i10 > 0 &&
    (env[i10 - 1] as number) >= 0.1 * peak &&
    (env[i10 - 1] as number) <= (env[i10] as number)
  )
    i10--;
  return ((i90 - i10) / fs) * 1000;
}
