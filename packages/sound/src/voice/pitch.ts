/**
 * Autocorrelation pitch detector (offline, per utterance). The signal is low-passed at 2.5 kHz
 * (where the first harmonics and formants live, not the sibilants), taken down to ≥ 7 kHz,
 * cut into 40 ms frames every 10 ms, and each frame's normalised autocorrelation is searched for
 * its best lag between 2.5 ms and 16.7 ms (60–400 Hz). A frame is voiced when that peak reaches
 * VOICED_CLARITY and the signal also matches itself two periods on (0.8 of it); the first lag
 * within 10 % of the best wins (no octave-down errors). Active frames are those within 35 dB of
 * the loud end of the utterance (its 95th-percentile frame).
 */

import { Biquad } from "../dsp/biquad";

export const PITCH_MIN_HZ = 60;
export const PITCH_MAX_HZ = 400;
/** Normalised autocorrelation a frame needs to count as voiced. */
export const VOICED_CLARITY = 0.5;
const ACTIVE_RANGE_DB = 35;
/** The detector listens below this (Hz): the first harmonics and formants, not the sibilants. */
const LOWPASS_HZ = 2500;

export interface PitchTrack {
  /** Seconds between frames (frame f is centred on f·hop). */
  readonly hop: number;
  /** Fundamental in Hz per frame, 0 where unvoiced or inactive. */
  readonly f0: Float64Array;
  /** Peak normalised autocorrelation per frame (0–1). */
  readonly clarity: Float64Array;
  /** 1 where the frame is active (not silence), else 0. */
  readonly active: Uint8Array;
  /** RMS per frame (full band). */
  readonly rms: Float64Array;
}

function lowpassed(x: ArrayLike<number>, fs: number): Float64Array {
  const a = new Biquad(fs).lowpass(LOWPASS_HZ, Math.SQRT1_2);
  const b = new Biquad(fs).lowpass(LOWPASS_HZ, Math.SQRT1_2);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = b.tick(a.tick(x[i] as number));
  return out;
}

/** Normalised correlation of lp[s, s+n) with lp[s+lag, s+lag+n) (0 past the end). */
function lagCorrelation(lp: Float64Array, s: number, n: number, lag: number): number {
  let acc = 0;
  let e0 = 0;
  let el = 0;
  for (let i = s; i < s + n; i++) {
    const a = lp[i] as number;
    const b = lp[i + lag] ?? 0;
    acc += a * b;
    e0 += a * a;
    el += b * b;
  }
  return e0 > 0 && el > 0 ? acc / Math.sqrt(e0 * el) : 0;
}

export function trackPitch(x: ArrayLike<number>, sampleRate: number): PitchTrack {
  // Low-passed, the signal is searched at a third or half the rate (≥ 7 kHz): same lags, less work.
  const dec = Math.max(1, Math.floor(sampleRate / 7000));
  const rate = sampleRate / dec;
  const full = lowpassed(x, sampleRate);
  const lp = new Float64Array(Math.floor(full.length / dec));
  for (let i = 0; i < lp.length; i++) lp[i] = full[i * dec] as number;
  const hop = Math.round(0.01 * rate);
  const size = Math.round(0.04 * rate);
  const minLag = Math.floor(rate / PITCH_MAX_HZ);
  const maxLag = Math.ceil(rate / PITCH_MIN_HZ);
  const frames = Math.max(0, Math.floor((lp.length - size - 2 * maxLag) / hop) + 1);
  const f0 = new Float64Array(frames);
  const clarity = new Float64Array(frames);
  const active = new Uint8Array(frames);
  const rms = new Float64Array(frames);
  const corr = new Float64Array(maxLag + 1);
  for (let f = 0; f < frames; f++) {
    const s = f * hop;
    let e = 0;
    for (let i = s * dec; i < (s + size) * dec; i++) e += (x[i] as number) ** 2;
    rms[f] = Math.sqrt(e / (size * dec));
    let e0 = 0;
    for (let i = s; i < s + size; i++) e0 += (lp[i] as number) ** 2;
    // Energy of the lagged segment, slid along with the lag.
    let el = 0;
    for (let i = s + minLag; i < s + minLag + size; i++) el += (lp[i] as number) ** 2;
    let best = 0;
    for (let lag = minLag; lag <= maxLag; lag++) {
      let acc = 0;
      for (let i = s; i < s + size; i++) acc += (lp[i] as number) * (lp[i + lag] as number);
      const c = e0 > 0 && el > 0 ? acc / Math.sqrt(e0 * el) : 0;
      corr[lag] = c;
      if (c > best) best = c;
      el += (lp[s + lag + size] as number) ** 2 - (lp[s + lag] as number) ** 2;
    }
    clarity[f] = best;
    if (best >= VOICED_CLARITY) {
      // The first local peak within 10 % of the best: the period, not a multiple of it.
      for (let lag = minLag + 1; lag < maxLag; lag++) {
        const c = corr[lag] as number;
        if (c >= 0.9 * best && c >= (corr[lag - 1] as number) && c >= (corr[lag + 1] as number)) {
          // Parabolic interpolation of the peak.
          const l = corr[lag - 1] as number;
          const r = corr[lag + 1] as number;
          const d = l - 2 * c + r;
          const off = d < 0 ? (0.5 * (l - r)) / d : 0;
          // A period repeats: the signal also matches itself two periods on (a chance peak
          // in noise, e.g. at a steep onset, does not).
          if (lagCorrelation(lp, s, size, 2 * lag) >= VOICED_CLARITY * 0.8) f0[f] = rate / (lag + off);
          break;
        }
      }
    }
  }
  const sorted = Array.from(rms).sort((a, b) => a - b);
  const loud = sorted[Math.floor(0.95 * (sorted.length - 1))] ?? 0;
  const floor = loud * 10 ** (-ACTIVE_RANGE_DB / 20);
  for (let f = 0; f < frames; f++) {
    active[f] = loud > 0 && (rms[f] as number) > floor ? 1 : 0;
    if (active[f] === 0) f0[f] = 0;
  }
  return { hop: (hop * dec) / sampleRate, f0, clarity, active, rms };
}

/** Share (0–1) of active frames the detector calls voiced (0 for silence). */
export function voicedShare(samples: ArrayLike<number>, sampleRate: number): number {
  const t = trackPitch(samples, sampleRate);
  let act = 0;
  let voiced = 0;
  for (let f = 0; f < t.f0.length; f++) {
    if (t.active[f] === 0) continue;
    act++;
    if ((t.f0[f] as number) > 0) voiced++;
  }
  return act === 0 ? 0 : voiced / act;
}

/** Pitch statistics in semitones (re 1 Hz) over voiced frames: mean, and 5–95 % range. */
export function pitchStats(
  samples: ArrayLike<number>,
  sampleRate: number,
): { mean: number; range: number; frames: number } {
  const t = trackPitch(samples, sampleRate);
  const st: number[] = [];
  for (const f of t.f0) if (f > 0) st.push(12 * Math.log2(f));
  st.sort((a, b) => a - b);
  if (st.length === 0) return { mean: Number.NaN, range: 0, frames: 0 };
  const mean = st.reduce((a, b) => a + b, 0) / st.length;
  const lo = st[Math.floor(0.05 * (st.length - 1))] as number;
  const hi = st[Math.ceil(0.95 * (st.length - 1))] as number;
  return { mean, range: hi - lo, frames: st.length };
}
