/** Offline analysis filters (allocating, for tests and tools; not for the audio thread). */

function biquadRun(x: Float64Array, b0: number, b1: number, b2: number, a1: number, a2: number): void {
  let z1 = 0;
  let z2 = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    const y = b0 * v + z1;
    z1 = b1 * v - a1 * y + z2;
    z2 = b2 * v - a2 * y;
    x[i] = y;
  }
}

/** 2nd-order Butterworth high-pass (RBJ, Q = 0.7071) applied `order/2` times in place. */
export function highpass(x: Float64Array, fs: number, f: number, order = 2): Float64Array {
  const w = (2 * Math.PI * f) / fs;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const a0 = 1 + alpha;
  for (let k = 0; k < order / 2; k++) {
    biquadRun(x, (1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0);
  }
  return x;
}

/** 2nd-order Butterworth low-pass applied `order/2` times in place. */
export function lowpass(x: Float64Array, fs: number, f: number, order = 2): Float64Array {
  const w = (2 * Math.PI * f) / fs;
  const cos = Math.cos(w);
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const a0 = 1 + alpha;
  for (let k = 0; k < order / 2; k++) {
    biquadRun(x, (1 - cos) / 2 / a0, (1 - cos) / a0, (1 - cos) / 2 / a0, (-2 * cos) / a0, (1 - alpha) / a0);
  }
  return x;
}

/** Keep every `factor`-th sample (low-pass first!). */
export function decimate(x: Float64Array, factor: number): Float64Array {
  const out = new Float64Array(Math.floor(x.length / factor));
  for (let i = 0; i < out.length; i++) out[i] = x[i * factor] as number;
  return out;
}

/** Mid (L+R)/2 of a stereo pair as Float64Array. */
export function mid(l: Float32Array, r: Float32Array): Float64Array {
  const out = new Float64Array(l.length);
  for (let i = 0; i < l.length; i++) out[i] = ((l[i] as number) + (r[i] as number)) * 0.5;
  return out;
}

/** RMS envelope in frames of `hop` samples. */
export function rmsEnvelope(x: ArrayLike<number>, hop: number): Float64Array {
  const out = new Float64Array(Math.floor(x.length / hop));
  for (let f = 0; f < out.length; f++) {
    let s = 0;
    for (let i = f * hop; i < (f + 1) * hop; i++) s += (x[i] as number) ** 2;
    out[f] = Math.sqrt(s / hop);
  }
  return out;
}

/** Subtract a centred moving average of `win` frames (removes slow drift). */
export function detrend(x: Float64Array, win: number): Float64Array {
  const n = x.length;
  const pre = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) pre[i + 1] = (pre[i] as number) + (x[i] as number);
  const out = new Float64Array(n);
  const h = Math.floor(win / 2);
  for (let i = 0; i < n; i++) {
    const a = Math.max(0, i - h);
    const b = Math.min(n, i + h + 1);
    out[i] = (x[i] as number) - ((pre[b] as number) - (pre[a] as number)) / (b - a);
  }
  return out;
}
