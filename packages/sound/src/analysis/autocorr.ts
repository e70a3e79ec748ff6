/**
 * Normalised autocorrelation via FFT (zero-padded, so linear not circular): r[k] =
 * Σ x[i]x[i+k] / Σ x[i]², after removing the mean. Each lag is scaled by N/(N−k) so long
 * lags are not biased towards zero.
 */
import { fft, nextPow2 } from "./fft";

export function autocorrelation(x: ArrayLike<number>, maxLag: number): Float64Array {
  const n = x.length;
  const size = nextPow2(n + maxLag + 1);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i] as number;
  mean /= n;
  for (let i = 0; i < n; i++) re[i] = (x[i] as number) - mean;
  fft(re, im);
  for (let i = 0; i < size; i++) {
    const r = re[i] as number;
    const m = im[i] as number;
    re[i] = r * r + m * m;
    im[i] = 0;
  }
  fft(re, im, true);
  const r0 = re[0] as number;
  const out = new Float64Array(maxLag + 1);
  for (let k = 0; k <= maxLag && k < n; k++) out[k] = r0 > 0 ? ((re[k] as number) / r0) * (n / (n - k)) : 0;
  return out;
}
