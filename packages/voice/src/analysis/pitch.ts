/**
 * Frame-by-frame autocorrelation pitch detector, for measuring speech (tests, docs/voice.md).
 * Frames of 40 ms every 10 ms; a frame is active when its RMS is within 35 dB of the loudest
 * frame, and voiced when the normalised autocorrelation has a peak above `threshold` at a lag
 * between 60 and 400 Hz.
 */

export interface PitchTrack {
  /** f0 in Hz per frame, 0 where unvoiced or silent. */
  readonly f0: Float64Array;
  readonly active: Uint8Array;
  readonly hopSeconds: number;
}

export function trackPitch(x: Float32Array, sampleRate: number, threshold = 0.5): PitchTrack {
  const frame = Math.round(sampleRate * 0.04);
  const hop = Math.round(sampleRate * 0.01);
  const count = x.length >= frame ? Math.floor((x.length - frame) / hop) + 1 : 0;
  const rms = new Float64Array(count);
  let loudest = 0;
  for (let f = 0; f < count; f++) {
    let e = 0;
    for (let i = 0; i < frame; i++) {
      const v = x[f * hop + i] ?? 0;
      e += v * v;
    }
    rms[f] = Math.sqrt(e / frame);
    if ((rms[f] ?? 0) > loudest) loudest = rms[f] ?? 0;
  }
  const floor = loudest * 10 ** (-35 / 20);
  const minLag = Math.floor(sampleRate / 400);
  const maxLag = Math.ceil(sampleRate / 60);
  const f0 = new Float64Array(count);
  const active = new Uint8Array(count);
  const buf = new Float64Array(frame);
  for (let f = 0; f < count; f++) {
    if ((rms[f] ?? 0) <= floor || loudest === 0) continue;
    active[f] = 1;
    let mean = 0;
    for (let i = 0; i < frame; i++) mean += x[f * hop + i] ?? 0;
    mean /= frame;
    for (let i = 0; i < frame; i++) buf[i] = (x[f * hop + i] ?? 0) - mean;
    let best = 0;
    let bestLag = 0;
    for (let lag = minLag; lag <= maxLag && lag < frame - 8; lag++) {
      let xy = 0;
      let xx = 0;
      let yy = 0;
      for (let i = 0; i + lag < frame; i++) {
        const a = buf[i] ?? 0;
        const b = buf[i + lag] ?? 0;
        xy += a * b;
        xx += a * a;
        yy += b * b;
      }
      const r = xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0;
      if (r > best) {
        best = r;
        bestLag = lag;
      }
    }
    if (best >= threshold && bestLag > 0) f0[f] = sampleRate / bestLag;
  }
  return { f0, active, hopSeconds: hop / sampleRate };
}

/** Share of active frames that are voiced. */
export function voicedShare(track: PitchTrack): number {
  let act = 0;
  let voiced = 0;
  for (let f = 0; f < track.active.length; f++) {
    if (!track.active[f]) continue;
    act++;
    if ((track.f0[f] ?? 0) > 0) voiced++;
  }
  return act > 0 ? voiced / act : 0;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
}

/** Pitch statistics over voiced frames: median Hz and the 5th–95th percentile range in semitones. */
export function pitchStats(track: PitchTrack): { medianHz: number; rangeSemitones: number } {
  const v = Array.from(track.f0)
    .filter((h) => h > 0)
    .sort((a, b) => a - b);
  const p5 = quantile(v, 0.05);
  const p95 = quantile(v, 0.95);
  return { medianHz: quantile(v, 0.5), rangeSemitones: p5 > 0 ? 12 * Math.log2(p95 / p5) : 0 };
}
