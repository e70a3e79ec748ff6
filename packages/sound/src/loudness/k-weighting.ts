/**
 * BS.1770-4 K-weighting for any sample rate: stage 1 high shelf (f0 ≈ 1681.97 Hz, +4 dB,
 * Q ≈ 0.7072), stage 2 RLB high-pass (f0 ≈ 38.14 Hz, Q ≈ 0.5003). Designed with the bilinear
 * transform as in libebur128, which reproduces the standard's 48 kHz coefficients.
 */
export interface BiquadCoefs {
  readonly b0: number;
  readonly b1: number;
  readonly b2: number;
  readonly a1: number;
  readonly a2: number;
}

export function preFilter(sampleRate: number): BiquadCoefs {
  const f0 = 1681.974450955533;
  const g = 3.999843853973347;
  const q = 0.7071752369554196;
  const k = Math.tan((Math.PI * f0) / sampleRate);
  const vh = 10 ** (g / 20);
  const vb = vh ** 0.4996667741545416;
  const a0 = 1 + k / q + k * k;
  return {
    b0: (vh + (vb * k) / q + k * k) / a0,
    b1: (2 * (k * k - vh)) / a0,
    b2: (vh - (vb * k) / q + k * k) / a0,
    a1: (2 * (k * k - 1)) / a0,
    a2: (1 - k / q + k * k) / a0,
  };
}

export function rlbFilter(sampleRate: number): BiquadCoefs {
  const f0 = 38.13547087602444;
  const q = 0.5003270373238773;
  const k = Math.tan((Math.PI * f0) / sampleRate);
  const a0 = 1 + k / q + k * k;
  return { b0: 1, b1: -2, b2: 1, a1: (2 * (k * k - 1)) / a0, a2: (1 - k / q + k * k) / a0 };
}
