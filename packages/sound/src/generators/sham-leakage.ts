/**
 * How the `sham` bed's spectral synthesis spills between 1/3-octave bands, and the per-frame
 * solve that undoes it. Each synthesised bin reaches the ear smeared by the sine window's
 * transform, |W(δ)|² ∝ cos²(πδ)/(1 − 4δ²)² (δ in bins): a narrow band beside one 16 dB louder
 * would otherwise gain ≈ 3 dB from its neighbour's skirts. `leakageMatrix` integrates that kernel
 * over every band for every bin (once, at voice creation); `solveBandPowers` then finds the
 * per-bin power of each band that lands the wanted energy in every band (multiplicative
 * updates, a few per frame, allocation-free).
 */
import { BAND_COUNT, bandEdgesHz } from "../analysis/long-term-spectrum-bands";

/** Fine-grid steps per bin and half-width (bins) of the kernel table. */
const STEPS = 16;
const REACH = 64;

/** |W(δ)|² of the sine window, unnormalised. */
function kernel(d: number): number {
  const den = 1 - 4 * d * d;
  if (Math.abs(den) < 1e-9) return (Math.PI * Math.PI) / 16;
  const c = Math.cos(Math.PI * d);
  return (c * c) / (den * den);
}

/** Cumulative kernel on the fine grid from −REACH to +REACH, normalised to end at 1. */
function cumulativeKernel(): Float64Array {
  const len = 2 * REACH * STEPS + 1;
  const c = new Float64Array(len);
  let s = 0;
  for (let i = 0; i < len; i++) {
    const d = -REACH + i / STEPS;
    s += kernel(d);
    c[i] = s;
  }
  for (let i = 0; i < len; i++) c[i] = (c[i] as number) / s;
  return c;
}

function cumAt(c: Float64Array, d: number): number {
  if (d <= -REACH) return 0;
  if (d >= REACH) return 1;
  const x = (d + REACH) * STEPS;
  const i = Math.floor(x);
  const f = x - i;
  const a = c[i] as number;
  const b = (c[Math.min(i + 1, c.length - 1)] as number) - a;
  return a + b * f;
}

/**
 * A[m·BAND_COUNT + j]: energy landing in band m per unit per-bin power of band j (bins carry
 * `binShape` times their band's power). Bins 1 … half−1 at `binHz` spacing.
 */
export function leakageMatrix(binBand: Int16Array, binShape: Float64Array, binHz: number): Float64Array {
  const a = new Float64Array(BAND_COUNT * BAND_COUNT);
  const c = cumulativeKernel();
  const lo = new Float64Array(BAND_COUNT);
  const hi = new Float64Array(BAND_COUNT);
  for (let m = 0; m < BAND_COUNT; m++) {
    const [l, h] = bandEdgesHz(m);
    lo[m] = l / binHz;
    hi[m] = h / binHz;
  }
  for (let k = 1; k < binBand.length - 1; k++) {
    const s = binShape[k] as number;
    if (s <= 0) continue;
    const j = binBand[k] as number;
    for (let m = 0; m < BAND_COUNT; m++) {
      if ((hi[m] as number) < k - REACH || (lo[m] as number) > k + REACH) continue;
      const share = cumAt(c, (hi[m] as number) - k) - cumAt(c, (lo[m] as number) - k);
      const idx = m * BAND_COUNT + j;
      a[idx] = (a[idx] as number) + s * share;
    }
  }
  return a;
}

/**
 * Per-bin band powers `bp` (length ≥ BAND_COUNT) so that A·bp ≈ `target` (band energies),
 * by `iterations` multiplicative updates from "each band alone"; `scratch` holds A·bp.
 */
export function solveBandPowers(
  a: Float64Array,
  target: Float64Array,
  bp: Float64Array,
  scratch: Float64Array,
  iterations: number,
): void {
  const n = BAND_COUNT;
  for (let j = 0; j < n; j++) {
    let col = 0;
    for (let m = 0; m < n; m++) col += a[m * n + j] as number;
    bp[j] = (target[j] as number) / Math.max(col, 1e-12);
  }
  for (let it = 0; it < iterations; it++) {
    for (let m = 0; m < n; m++) {
      let e = 0;
      for (let j = 0; j < n; j++) e += (a[m * n + j] as number) * (bp[j] as number);
      scratch[m] = e;
    }
    for (let j = 0; j < n; j++) {
      const e = scratch[j] as number;
      if (e > 0) bp[j] = ((bp[j] as number) * (target[j] as number)) / e;
    }
  }
}
