/** Welch power spectrum (Hann windows, 50 % overlap) and a log–log slope fit in dB/octave. */
import { fft } from "./fft";

export function welch(x: ArrayLike<number>, size: number): Float64Array {
  const psd = new Float64Array(size / 2 + 1);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  let frames = 0;
  for (let start = 0; start + size <= x.length; start += size / 2) {
    for (let i = 0; i < size; i++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
      re[i] = (x[start + i] as number) * w;
      im[i] = 0;
    }
    fft(re, im);
    for (let k = 0; k <= size / 2; k++)
      psd[k] = (psd[k] as number) + (re[k] as number) ** 2 + (im[k] as number) ** 2;
    frames++;
  }
  for (let k = 0; k < psd.length; k++) psd[k] = (psd[k] as number) / Math.max(frames, 1);
  return psd;
}

/** Least-squares slope of 10·log10(psd) against log2(f) over [lo, hi] Hz, in dB/octave. */
export function slopeDbPerOctave(psd: Float64Array, fs: number, lo: number, hi: number): number {
  const size = (psd.length - 1) * 2;
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  // Average in 1/6-octave bands so the fit weights octaves equally.
  for (let f = lo; f * 2 ** (1 / 6) <= hi; f *= 2 ** (1 / 6)) {
    const k0 = Math.ceil((f * size) / fs);
    const k1 = Math.floor((f * 2 ** (1 / 6) * size) / fs);
    if (k1 < k0) continue;
    let p = 0;
    for (let k = k0; k <= k1; k++) p += psd[k] as number;
    p /= k1 - k0 + 1;
    const xv = Math.log2(f * 2 ** (1 / 12));
    const yv = 10 * Math.log10(p);
    n++;
    sx += xv;
    sy += yv;
    sxx += xv * xv;
    sxy += xv * yv;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

/** Fraction of power between lo and hi Hz. */
export function bandFraction(psd: Float64Array, fs: number, lo: number, hi: number): number {
  const size = (psd.length - 1) * 2;
  let total = 0;
  let band = 0;
  for (let k = 1; k < psd.length; k++) {
    const f = (k * fs) / size;
    total += psd[k] as number;
    if (f >= lo && f <= hi) band += psd[k] as number;
  }
  return band / total;
}
