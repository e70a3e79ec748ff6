/**
 * RBJ biquad coefficient designs that write into a Float64Array (b0, b1, b2, a1, a2 normalised
 * by a0) instead of allocating, for coefficient updates at control rate inside `process`.
 */

export function rbjLowShelf(out: Float64Array, fs: number, f: number, q: number, gainDb: number): void {
  const w = (2 * Math.PI * f) / fs;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * q);
  const a = 10 ** (gainDb / 40);
  const s = 2 * Math.sqrt(a) * alpha;
  const a0 = a + 1 + (a - 1) * cos + s;
  out[0] = (a * (a + 1 - (a - 1) * cos + s)) / a0;
  out[1] = (2 * a * (a - 1 - (a + 1) * cos)) / a0;
  out[2] = (a * (a + 1 - (a - 1) * cos - s)) / a0;
  out[3] = (-2 * (a - 1 + (a + 1) * cos)) / a0;
  out[4] = (a + 1 + (a - 1) * cos - s) / a0;
}

export function rbjPeaking(out: Float64Array, fs: number, f: number, q: number, gainDb: number): void {
  const w = (2 * Math.PI * f) / fs;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * q);
  const a = 10 ** (gainDb / 40);
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
