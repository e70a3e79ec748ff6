/**
 * Formant measurement for the voice styles (LPC envelopes of pre-emphasised speech, order
 * 2 + kHz, no bandwidth widening, 30 ms frames every 10 ms).
 */
import { analyseLpc, envelope, lpcOrder, preEmphasis, reflectionToPredictor } from "./lpc";

const BINS = 513;

/**
 * How far y's formants sit above x's: the frequency scale s (0.8–1.4) that best lines up y's
 * LPC envelope at s·f with x's at f, between 250 Hz and 3.5 kHz on a log-frequency axis,
 * averaged over the frames where `use(timeSeconds)` is true. Robust where peak picking is not
 * (broad whispered formants merge).
 */
export function formantScale(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  fs: number,
  use: (t: number) => boolean,
): number {
  const order = lpcOrder(fs) - 2;
  const opts = { order, hop: 0.01, frame: 0.03, bandwidth: 0 };
  const ax = analyseLpc(preEmphasis(x, 0.9), fs, opts);
  const ay = analyseLpc(preEmphasis(y, 0.9), fs, opts);
  const a = new Float64Array(order + 1);
  const env = new Float64Array(BINS);
  const grid = 160;
  const lo = Math.log(250);
  const hi = Math.log(Math.min(3500, fs * 0.3));
  const scales: number[] = [];
  for (let s = 0.8; s <= 1.4001; s += 0.005) scales.push(s);
  const score = new Float64Array(scales.length);
  const logEnv = (an: typeof ax, f: number, freqs: (g: number) => number): Float64Array => {
    reflectionToPredictor(an.k.subarray(f * order, (f + 1) * order), order, a);
    envelope(a, BINS, env);
    const out = new Float64Array(grid);
    let mean = 0;
    for (let g = 0; g < grid; g++) {
      const pos = (freqs(g) / (fs / 2)) * (BINS - 1);
      const i = Math.min(Math.floor(pos), BINS - 2);
      const t = pos - i;
      out[g] = Math.log((env[i] as number) * (1 - t) + (env[i + 1] as number) * t);
      mean += out[g] as number;
    }
    mean /= grid;
    let norm = 0;
    for (let g = 0; g < grid; g++) {
      out[g] = (out[g] as number) - mean;
      norm += (out[g] as number) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let g = 0; g < grid; g++) out[g] = (out[g] as number) / norm;
    return out;
  };
  const frames = Math.min(ax.frames, ay.frames);
  for (let f = 0; f < frames; f++) {
    if (!use((f * ax.hop) / fs)) continue;
    const ex = logEnv(ax, f, (g) => Math.exp(lo + ((hi - lo) * g) / (grid - 1)));
    for (let k = 0; k < scales.length; k++) {
      const s = scales[k] as number;
      const ey = logEnv(ay, f, (g) => s * Math.exp(lo + ((hi - lo) * g) / (grid - 1)));
      let c = 0;
      for (let g = 0; g < grid; g++) c += (ex[g] as number) * (ey[g] as number);
      score[k] = (score[k] as number) + c;
    }
  }
  let best = 0;
  for (let k = 1; k < scales.length; k++) if ((score[k] as number) > (score[best] as number)) best = k;
  return scales[best] as number;
}
