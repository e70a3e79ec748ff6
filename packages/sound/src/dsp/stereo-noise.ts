/**
 * The stereo white-noise source of the noise beds (white/pink/brown, wind, rain, stream,
 * leaves, waves): two decorrelated xorshift32 streams, uniform in [−1, 1), filled a control step
 * at a time into `a` and `b` for the voice's own filters to read. Seeded from the voice's Rng
 * (two draws, in the order the voices always drew them), so output is unchanged by sharing it.
 */
import type { Rng } from "../rng";
import { CONTROL_STEP } from "./control-voice";

const SCALE = 4.656612873077393e-10; // 2^-31

export class StereoNoise {
  /** Channel a's samples of the last `fill`, from index 0. */
  readonly a = new Float64Array(CONTROL_STEP);
  /** Channel b's samples of the last `fill`, from index 0. */
  readonly b = new Float64Array(CONTROL_STEP);
  private readonly state = new Int32Array(2);

  constructor(rng: Rng) {
    this.state[0] = rng.nextU32() | 1;
    this.state[1] = rng.nextU32() | 1;
  }

  /** The next `n` (≤ CONTROL_STEP, one control step at most) samples of each stream. */
  fill(n: number): void {
    const a = this.a;
    const b = this.b;
    const st = this.state;
    let s1 = st[0] as number;
    let s2 = st[1] as number;
    for (let i = 0; i < n; i++) {
      s1 ^= s1 << 13;
      s1 ^= s1 >>> 17;
      s1 ^= s1 << 5;
      s2 ^= s2 << 13;
      s2 ^= s2 >>> 17;
      s2 ^= s2 << 5;
      a[i] = s1 * SCALE;
      b[i] = s2 * SCALE;
    }
    st[0] = s1;
    st[1] = s2;
  }
}

/** Layout of the state array of `bandNoisePair`: two SVF states per channel, then the gain and its step. */
export const BAND_GAIN = 4;
export const BAND_STEP = 5;
export const BAND_STATE = 6;

/**
 * The next `n` samples of `noise`, each channel band-passed by a TPT state-variable filter
 * (coefficients [a1, a2, a3, k] from `svfCoefs` in `c`) and scaled by a gain that moves by
 * `z[BAND_STEP]` per sample, written to `a`/`b[start..start+n)` (overwriting).
 */
export function bandNoisePair(
  noise: StereoNoise,
  c: Float64Array,
  z: Float64Array,
  a: Float32Array,
  b: Float32Array,
  start: number,
  n: number,
): void {
  noise.fill(n);
  const na = noise.a;
  const nb = noise.b;
  const a1 = c[0] as number;
  const a2 = c[1] as number;
  const a3 = c[2] as number;
  let i1 = z[0] as number;
  let i2 = z[1] as number;
  let j1 = z[2] as number;
  let j2 = z[3] as number;
  let g = z[BAND_GAIN] as number;
  const d = z[BAND_STEP] as number;
  for (let k = 0; k < n; k++) {
    let v3 = (na[k] as number) - i2;
    let v1 = a1 * i1 + a2 * v3;
    let v2 = i2 + a2 * i1 + a3 * v3;
    i1 = 2 * v1 - i1;
    i2 = 2 * v2 - i2;
    const x = v1;
    v3 = (nb[k] as number) - j2;
    v1 = a1 * j1 + a2 * v3;
    v2 = j2 + a2 * j1 + a3 * v3;
    j1 = 2 * v1 - j1;
    j2 = 2 * v2 - j2;
    g += d;
    a[start + k] = x * g;
    b[start + k] = v1 * g;
  }
  z[0] = i1;
  z[1] = i2;
  z[2] = j1;
  z[3] = j2;
  z[BAND_GAIN] = g;
}
