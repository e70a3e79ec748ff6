/** Long-term spectrum of speech: spectral tilt as a least-squares slope in dB per octave. */

function fftInPlace(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      const tr = re[i] ?? 0;
      re[i] = re[j] ?? 0;
      re[j] = tr;
      const ti = im[i] ?? 0;
      im[i] = im[j] ?? 0;
      im[j] = ti;
    }
  }
  for (let len = 2; len <= n; len <<= 1) {
    const ang = (-2 * Math.PI) / len;
    for (let i = 0; i < n; i += len) {
      for (let k = 0; k < len / 2; k++) {
        const wr = Math.cos(ang * k);
        const wi = Math.sin(ang * k);
        const a = i + k;
        const b = a + len / 2;
        const xr = (re[b] ?? 0) * wr - (im[b] ?? 0) * wi;
        const xi = (re[b] ?? 0) * wi + (im[b] ?? 0) * wr;
        re[b] = (re[a] ?? 0) - xr;
        im[b] = (im[a] ?? 0) - xi;
        re[a] = (re[a] ?? 0) + xr;
        im[a] = (im[a] ?? 0) + xi;
      }
    }
  }
}

/** Welch power spectrum (Hann, 50 % overlap) of size/2+1 bins. */
export function powerSpectrum(x: Float32Array, size = 1024): Float64Array {
  const psd = new Float64Array(size / 2 + 1);
  const re = new Float64Array(size);
  const im = new Float64Array(size);
  for (let start = 0; start + size <= x.length; start += size / 2) {
    for (let i = 0; i < size; i++) {
      re[i] = (x[start + i] ?? 0) * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (size - 1)));
      im[i] = 0;
    }
    fftInPlace(re, im);
    for (let k = 0; k <= size / 2; k++) psd[k] = (psd[k] ?? 0) + (re[k] ?? 0) ** 2 + (im[k] ?? 0) ** 2;
  }
  return psd;
}

/** Slope of the power spectrum in dB per octave between lo and hi Hz (least squares on log2 f). */
export function spectralTiltDbPerOctave(x: Float32Array, sampleRate: number, lo = 200, hi = 6000): number {
  const size = 1024;
  const psd = powerSpectrum(x, size);
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let n = 0;
  for (let k = 1; k <= size / 2; k++) {
    const f = (k * sampleRate) / size;
    if (f < lo || f > Math.min(hi, sampleRate / 2)) continue;
    const p = psd[k] ?? 0;
    if (p <= 0) continue;
    const lx = Math.log2(f);
    const ly = 10 * Math.log10(p);
    sx += lx;
    sy += ly;
    sxx += lx * lx;
    sxy += lx * ly;
    n++;
  }
  const d = n * sxx - sx * sx;
  return d !== 0 ? (n * sxy - sx * sy) / d : 0;
}
