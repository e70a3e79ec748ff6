/**
 * Linear prediction for the voice styles: frame-by-frame analysis (autocorrelation method,
 * Levinson–Durbin) into reflection coefficients, and the matching lattice filters. The inverse
 * (FIR) lattice turns speech into its residual; the all-pole (IIR) lattice turns an excitation
 * back into speech. Both interpolate the coefficients linearly between frame centres, so with the
 * same analysis they are exact inverses sample by sample, and |k| < 1 keeps the synthesis stable.
 * Offline code (per utterance): it allocates freely.
 */

/** Frame-by-frame analysis: frame f is centred on sample f·hop. */
export interface LpcAnalysis {
  readonly order: number;
  readonly hop: number;
  readonly frames: number;
  /** Reflection coefficients, `order` per frame. */
  readonly k: Float64Array;
  /** Prediction error power per frame (normalised by the frame energy: 0–1). */
  readonly error: Float64Array;
  /** RMS of each analysis frame (windowed). */
  readonly rms: Float64Array;
}

/** A sensible LPC order for speech at a sample rate (one pole pair per kHz, plus four). */
export function lpcOrder(sampleRate: number): number {
  return Math.round(sampleRate / 1000) + 4;
}

/**
 * Levinson–Durbin on autocorrelation `r[0..order]`: writes predictor `a` (a[0] = 1, A(z) =
 * Σ a_j z^−j) and reflection coefficients `k[0..order−1]`; returns the normalised error (0–1).
 */
export function levinson(r: ArrayLike<number>, order: number, a: Float64Array, k: Float64Array): number {
  const r0 = r[0] as number;
  a.fill(0);
  a[0] = 1;
  k.fill(0);
  if (!(r0 > 0)) return 1;
  let err = r0;
  for (let m = 1; m <= order; m++) {
    let acc = r[m] as number;
    for (let j = 1; j < m; j++) acc += (a[j] as number) * (r[m - j] as number);
    let km = -acc / err;
    if (!(Math.abs(km) < 0.9999)) km = Math.sign(km || 1) * 0.9999;
    k[m - 1] = km;
    stepUp(a, m, km);
    err *= 1 - km * km;
  }
  return err / r0;
}

/** a_j += k·a_{m−j} for 0 < j < m (in place, pairwise), then a_m = k. */
function stepUp(a: Float64Array, m: number, km: number): void {
  for (let j = 1, h = m - 1; j <= h; j++, h--) {
    const aj = a[j] as number;
    const ah = a[h] as number;
    a[j] = aj + km * ah;
    if (j !== h) a[h] = ah + km * aj;
  }
  a[m] = km;
}

/** Autocorrelation r[0..maxLag] of x[start, start+n) weighted by `win`. */
function windowedAutocorr(
  x: Float64Array,
  start: number,
  win: Float64Array,
  maxLag: number,
  r: Float64Array,
  buf: Float64Array,
): number {
  const n = win.length;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const j = start + i;
    const v = j >= 0 && j < x.length ? (x[j] as number) * (win[i] as number) : 0;
    buf[i] = v;
    energy += v * v;
  }
  for (let lag = 0; lag <= maxLag; lag++) {
    let acc = 0;
    for (let i = lag; i < n; i++) acc += (buf[i] as number) * (buf[i - lag] as number);
    r[lag] = acc;
  }
  return energy;
}

export function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
  return w;
}

/**
 * Gaussian lag window: widens every resonance by about `bandwidthHz` (and keeps the analysis
 * well conditioned), with a tiny white-noise floor on r[0].
 */
export function lagWindow(r: Float64Array, sampleRate: number, bandwidthHz: number): void {
  const c = (Math.PI * bandwidthHz) / sampleRate;
  for (let lag = 1; lag < r.length; lag++) r[lag] = (r[lag] as number) * Math.exp(-0.5 * (c * lag) ** 2);
  r[0] = (r[0] as number) * 1.0001;
}

export interface AnalyseOptions {
  readonly order?: number;
  /** Seconds between frame centres (default 0.005). */
  readonly hop?: number;
  /** Seconds of each (Hann) analysis frame (default 0.025). */
  readonly frame?: number;
  /** Resonance widening of the lag window in Hz (default 40). */
  readonly bandwidth?: number;
}

/** Analyse `x` (already pre-emphasised if wanted) frame by frame. */
export function analyseLpc(x: Float64Array, sampleRate: number, opts: AnalyseOptions = {}): LpcAnalysis {
  const order = opts.order ?? lpcOrder(sampleRate);
  const hop = Math.max(1, Math.round((opts.hop ?? 0.005) * sampleRate));
  const size = Math.round((opts.frame ?? 0.025) * sampleRate);
  const win = hann(size);
  const frames = Math.ceil(x.length / hop) + 1;
  const k = new Float64Array(frames * order);
  const error = new Float64Array(frames);
  const rms = new Float64Array(frames);
  const r = new Float64Array(order + 1);
  const a = new Float64Array(order + 1);
  const kk = new Float64Array(order);
  const buf = new Float64Array(size);
  let wsum = 0;
  for (let i = 0; i < size; i++) wsum += (win[i] as number) ** 2;
  for (let f = 0; f < frames; f++) {
    const energy = windowedAutocorr(x, f * hop - (size >> 1), win, order, r, buf);
    rms[f] = Math.sqrt(energy / wsum);
    lagWindow(r, sampleRate, opts.bandwidth ?? 40);
    error[f] = levinson(r, order, a, kk);
    k.set(kk, f * order);
  }
  return { order, hop, frames, k, error, rms };
}

/** The reflection coefficients at sample n (linear between frame centres) into `out`. */
function coefsAt(an: LpcAnalysis, k: Float64Array, n: number, out: Float64Array): void {
  const p = an.order;
  const pos = n / an.hop;
  const f0 = Math.min(Math.floor(pos), an.frames - 1);
  const f1 = Math.min(f0 + 1, an.frames - 1);
  const t = pos - f0;
  for (let m = 0; m < p; m++) {
    out[m] = (k[f0 * p + m] as number) * (1 - t) + (k[f1 * p + m] as number) * t;
  }
}

/** Inverse (FIR lattice) filter: the prediction residual of `x`. `k` defaults to the analysis'. */
export function lpcResidual(x: Float64Array, an: LpcAnalysis, k: Float64Array = an.k): Float64Array {
  const p = an.order;
  const out = new Float64Array(x.length);
  const bPrev = new Float64Array(p + 1);
  const bCur = new Float64Array(p + 1);
  const kn = new Float64Array(p);
  for (let n = 0; n < x.length; n++) {
    coefsAt(an, k, n, kn);
    let f = x[n] as number;
    bCur[0] = f;
    for (let m = 1; m <= p; m++) {
      const km = kn[m - 1] as number;
      const bp = bPrev[m - 1] as number;
      const fm = f + km * bp;
      bCur[m] = km * f + bp;
      f = fm;
    }
    out[n] = f;
    bPrev.set(bCur);
  }
  return out;
}

/** All-pole (IIR lattice) filter: speech from excitation `e`. `k` defaults to the analysis'. */
export function lpcSynthesis(e: Float64Array, an: LpcAnalysis, k: Float64Array = an.k): Float64Array {
  const p = an.order;
  const out = new Float64Array(e.length);
  const b = new Float64Array(p + 1); // b[m] holds b_m[n−1]
  const kn = new Float64Array(p);
  for (let n = 0; n < e.length; n++) {
    coefsAt(an, k, n, kn);
    let f = e[n] as number;
    for (let m = p; m >= 1; m--) {
      const km = kn[m - 1] as number;
      const fm1 = f - km * (b[m - 1] as number);
      b[m] = km * fm1 + (b[m - 1] as number);
      f = fm1;
    }
    b[0] = f;
    out[n] = f;
  }
  return out;
}

/** y[n] = x[n] − c·x[n−1]. */
export function preEmphasis(x: ArrayLike<number>, c: number): Float64Array {
  const out = new Float64Array(x.length);
  let prev = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    out[i] = v - c * prev;
    prev = v;
  }
  return out;
}

/** y[n] = x[n] + c·y[n−1] (undoes `preEmphasis` with the same c). */
export function deEmphasis(x: Float64Array, c: number): Float64Array {
  const out = new Float64Array(x.length);
  let prev = 0;
  for (let i = 0; i < x.length; i++) {
    prev = (x[i] as number) + c * prev;
    out[i] = prev;
  }
  return out;
}

const cosTables = new Map<string, Float64Array>();
let envScratch = new Float64Array(64);

/** cos(π·b·j/(bins−1)) for b < bins, j < taps (cached: the styles evaluate it per 5 ms frame). */
function cosTable(bins: number, taps: number): Float64Array {
  const key = `${bins}:${taps}`;
  let t = cosTables.get(key);
  if (!t) {
    t = new Float64Array(bins * taps);
    for (let b = 0; b < bins; b++) {
      for (let j = 0; j < taps; j++) t[b * taps + j] = Math.cos((Math.PI * b * j) / (bins - 1));
    }
    cosTables.set(key, t);
  }
  return t;
}

/**
 * Power spectral envelope 1/|A(e^jω)|² of a predictor at `bins` frequencies from 0 to Nyquist
 * (inclusive): |A|² = Σ_m c_m cos(mω) from the predictor's autocorrelation c.
 */
export function envelope(
  a: Float64Array,
  bins: number,
  out: Float64Array = new Float64Array(bins),
): Float64Array {
  const p = a.length;
  if (envScratch.length < p) envScratch = new Float64Array(p);
  const c = envScratch;
  for (let m = 0; m < p; m++) {
    let acc = 0;
    for (let j = m; j < p; j++) acc += (a[j] as number) * (a[j - m] as number);
    c[m] = m === 0 ? acc : 2 * acc;
  }
  const t = cosTable(bins, p);
  for (let b = 0; b < bins; b++) {
    let acc = 0;
    const row = b * p;
    for (let m = 0; m < p; m++) acc += (c[m] as number) * (t[row + m] as number);
    out[b] = 1 / Math.max(acc, 1e-12);
  }
  return out;
}

/** Autocorrelation r[0..maxLag] of a power spectrum given at `bins` points from 0 to Nyquist. */
export function spectrumToAutocorr(p: Float64Array, maxLag: number, r: Float64Array): void {
  const bins = p.length;
  const n = 2 * (bins - 1);
  // cos(2π·b·lag/n) = cos(π·b·lag/(bins−1)): the envelope's table.
  const t = cosTable(bins, maxLag + 1);
  const taps = maxLag + 1;
  for (let lag = 0; lag <= maxLag; lag++) {
    let acc = (p[0] as number) + (p[bins - 1] as number) * (lag % 2 === 0 ? 1 : -1);
    for (let b = 1; b < bins - 1; b++) acc += 2 * (p[b] as number) * (t[b * taps + lag] as number);
    r[lag] = acc / n;
  }
}

/** Predictor a[0..order] (a[0] = 1) from reflection coefficients (step-up recursion). */
export function reflectionToPredictor(k: ArrayLike<number>, order: number, a: Float64Array): void {
  a.fill(0);
  a[0] = 1;
  for (let m = 1; m <= order; m++) stepUp(a, m, k[m - 1] as number);
}
