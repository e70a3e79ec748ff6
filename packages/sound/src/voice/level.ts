/**
 * Level of a styled utterance: faded edges (no clicks), gain to the calibrated loudness
 * (BS.1770, measured as mono), and a gentle peak control that keeps the true peak under the
 * ceiling: a gain envelope that dips only around the peaks (2 ms attack, 40 ms release), then
 * the loudness gain again, twice, so both targets hold.
 */
import { integratedLoudness } from "../loudness/meter";
import { truePeakDb } from "../loudness/true-peak";

export const VOICE_TARGET_LUFS = -27;
export const VOICE_CEILING_DBTP = -1;
/** Seconds of raised-cosine fade at each end of an utterance. */
export const EDGE_FADE = 0.01;

/** Raised-cosine fade-in and fade-out of `seconds` at the ends of x (in place). */
export function fadeEdges(x: Float64Array, sampleRate: number, seconds = EDGE_FADE): void {
  const n = Math.min(Math.round(seconds * sampleRate), x.length >> 1);
  for (let i = 0; i < n; i++) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * i) / n);
    x[i] = (x[i] as number) * g;
    x[x.length - 1 - i] = (x[x.length - 1 - i] as number) * g;
  }
}

function scale(x: Float64Array, g: number): void {
  for (let i = 0; i < x.length; i++) x[i] = (x[i] as number) * g;
}

/** Gain envelope that brings every |x| under `ceiling` (linear), smooth around each peak. */
function limitPeaks(x: Float64Array, sampleRate: number, ceiling: number): void {
  const n = x.length;
  const need = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.abs(x[i] as number);
    need[i] = a > ceiling ? ceiling / a : 1;
  }
  // Attack: the gain reaches a peak's need `att` samples ahead of it (backward one-pole on the
  // minimum), release: it recovers over ~40 ms after (forward one-pole), never above the need.
  const att = Math.max(1, Math.round(0.002 * sampleRate));
  const held = new Float64Array(n);
  // Running minimum over the next `att` samples (a plain scan: peaks are sparse).
  for (let i = 0; i < n; i++) held[i] = need[i] as number;
  for (let i = 0; i < n; i++) {
    const v = need[i] as number;
    if (v < 1) for (let j = Math.max(0, i - att); j < i; j++) if ((held[j] as number) > v) held[j] = v;
  }
  const rel = Math.exp(-1 / (0.04 * sampleRate));
  const atk = Math.exp(-1 / (0.0005 * sampleRate));
  let g = 1;
  for (let i = 0; i < n; i++) {
    const h = held[i] as number;
    g = h < g ? h + (g - h) * atk : h + (g - h) * rel;
    if (g > h) g = h;
    x[i] = (x[i] as number) * g;
  }
}

/**
 * Integrated loudness of an utterance; one shorter than the meter's 400 ms blocks (a "Yes.")
 * is measured repeated end to end over 1.2 s.
 */
function utteranceLoudness(x: Float32Array, sampleRate: number): number {
  const need = Math.round(1.2 * sampleRate);
  if (x.length >= need / 2) return integratedLoudness(sampleRate, [x]);
  const tiled = new Float32Array(need);
  for (let i = 0; i < need; i++) tiled[i] = x[i % x.length] as number;
  return integratedLoudness(sampleRate, [tiled]);
}

/** Fade the edges, then set the loudness to `targetLufs` with the true peak ≤ `ceilingDbtp`. */
export function calibrateLevel(
  x: Float64Array,
  sampleRate: number,
  targetLufs = VOICE_TARGET_LUFS,
  ceilingDbtp = VOICE_CEILING_DBTP,
): Float32Array {
  fadeEdges(x, sampleRate);
  let out = Float32Array.from(x);
  for (let round = 0; round < 4; round++) {
    const lufs = utteranceLoudness(out, sampleRate);
    if (!Number.isFinite(lufs)) return out;
    scale(x, 10 ** ((targetLufs - lufs) / 20));
    out = Float32Array.from(x);
    const tp = truePeakDb([out]);
    if (tp <= ceilingDbtp - 0.2) break;
    // Sample peaks a little under the ceiling, so the inter-sample peaks stay under it too.
    limitPeaks(x, sampleRate, 10 ** ((ceilingDbtp - 0.6 - Math.max(0, tp - 20 * Math.log10(peak(x)))) / 20));
    out = Float32Array.from(x);
  }
  return out;
}

function peak(x: Float64Array): number {
  let p = 1e-12;
  for (let i = 0; i < x.length; i++) p = Math.max(p, Math.abs(x[i] as number));
  return p;
}
