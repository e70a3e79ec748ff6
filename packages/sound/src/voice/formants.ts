/**
 * Formant estimate (for measuring the voice styles): per 10 ms frame, an LPC envelope of the
 * pre-emphasised speech (order 2 + kHz, no bandwidth widening) and its first two peaks above
 * 200 Hz; the medians over the frames asked for.
 */
import { analyseLpc, envelope, lpcOrder, preEmphasis, reflectionToPredictor } from "./lpc";

const BINS = 513;

/** Median F1 and F2 (Hz) over the frames where `use(timeSeconds)` is true. */
export function medianFormants(
  x: ArrayLike<number>,
  fs: number,
  use: (t: number) => boolean,
): { f1: number; f2: number; frames: number } {
  const order = lpcOrder(fs) - 2;
  const an = analyseLpc(preEmphasis(x, 0.9), fs, { order, hop: 0.01, frame: 0.03, bandwidth: 0 });
  const a = new Float64Array(order + 1);
  const env = new Float64Array(BINS);
  const f1s: number[] = [];
  const f2s: number[] = [];
  for (let f = 0; f < an.frames; f++) {
    if (!use((f * an.hop) / fs)) continue;
    reflectionToPredictor(an.k.subarray(f * order, (f + 1) * order), order, a);
    envelope(a, BINS, env);
    const peaks: number[] = [];
    for (let b = 1; b < BINS - 1 && peaks.length < 2; b++) {
      const hz = ((fs / 2) * b) / (BINS - 1);
      if (hz < 200) continue;
      if ((env[b] as number) > (env[b - 1] as number) && (env[b] as number) >= (env[b + 1] as number))
        peaks.push(hz);
    }
    if (peaks.length === 2) {
      f1s.push(peaks[0] as number);
      f2s.push(peaks[1] as number);
    }
  }
  const median = (v: number[]): number => {
    const s = [...v].sort((p, q) => p - q);
    return s[Math.floor(s.length / 2)] ?? Number.NaN;
  };
  return { f1: median(f1s), f2: median(f2s), frames: f1s.length };
}
