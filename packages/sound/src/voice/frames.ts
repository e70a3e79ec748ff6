/**
 * Frame envelopes for the voice styles: RMS per hop (Hann frames of two hops centred on each
 * frame point), values per frame interpolated to samples, and matching one signal's RMS envelope
 * to a target envelope with a smooth gain.
 */

/** RMS of x around every `hop`-th sample (frames of 2·hop, Hann weighted). */
export function frameRms(x: ArrayLike<number>, hop: number): Float64Array {
  const frames = Math.ceil(x.length / hop) + 1;
  const out = new Float64Array(frames);
  const size = 2 * hop;
  const win = new Float64Array(size);
  let wsum = 0;
  for (let i = 0; i < size; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / size);
    win[i] = w;
    wsum += w * w;
  }
  for (let f = 0; f < frames; f++) {
    let acc = 0;
    const s = f * hop - hop;
    for (let i = 0; i < size; i++) {
      const v = (x[s + i] ?? 0) * (win[i] as number);
      acc += v * v;
    }
    out[f] = Math.sqrt(acc / wsum);
  }
  return out;
}

/** Value at sample n of a per-frame series (frame f at sample f·hop), linear in between. */
export function atSample(series: Float64Array, hop: number, n: number): number {
  if (series.length === 0) return 0;
  const pos = n / hop;
  const f0 = Math.min(Math.floor(pos), series.length - 1);
  const f1 = Math.min(f0 + 1, series.length - 1);
  const t = pos - f0;
  return (series[f0] as number) * (1 - t) + (series[f1] as number) * t;
}

/** Scale y (in place) so its RMS envelope follows `target` (per frame of `hop`), gain ≤ maxGain. */
export function matchEnvelope(y: Float64Array, target: Float64Array, hop: number, maxGain = 1e4): void {
  const have = frameRms(y, hop);
  const g = new Float64Array(have.length);
  let peakTarget = 0;
  for (const t of target) peakTarget = Math.max(peakTarget, t);
  const floor = peakTarget * 1e-4 + 1e-12;
  for (let f = 0; f < g.length; f++) {
    const t = target[f] ?? 0;
    g[f] = Math.min(maxGain, t / Math.max(have[f] as number, floor));
  }
  // Smooth the gain over three frames so it never steps.
  const sm = new Float64Array(g.length);
  for (let f = 0; f < g.length; f++) {
    sm[f] =
      0.25 * (g[f - 1] ?? (g[f] as number)) + 0.5 * (g[f] as number) + 0.25 * (g[f + 1] ?? (g[f] as number));
  }
  for (let n = 0; n < y.length; n++) y[n] = (y[n] as number) * atSample(sm, hop, n);
}
