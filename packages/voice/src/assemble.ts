/**
 * Prepares synthesised sentences for joining: each is trimmed to its audible part and faded in
 * and out over a few milliseconds, so a join with the silence around it never steps.
 */

/** First and last frame (exclusive) louder than −50 dB relative to the piece's peak. */
export function audibleBounds(x: Float32Array, sampleRate: number): { start: number; end: number } {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i] ?? 0));
  if (peak === 0) return { start: 0, end: 0 };
  const floor = peak * 10 ** (-50 / 20);
  const win = Math.max(1, Math.round(sampleRate * 0.005));
  let start = 0;
  while (start < x.length && Math.abs(x[start] ?? 0) < floor) start++;
  let end = x.length;
  while (end > start && Math.abs(x[end - 1] ?? 0) < floor) end--;
  return { start: Math.max(0, start - win), end: Math.min(x.length, end + win) };
}

/** Raised-cosine fade over `fadeFrames` at both ends, in place. */
export function fadeEdges(x: Float32Array, fadeFrames: number): void {
  const n = Math.min(fadeFrames, Math.floor(x.length / 2));
  for (let i = 0; i < n; i++) {
    const g = 0.5 - 0.5 * Math.cos((Math.PI * (i + 0.5)) / n);
    x[i] = (x[i] ?? 0) * g;
    x[x.length - 1 - i] = (x[x.length - 1 - i] ?? 0) * g;
  }
}

export interface Piece {
  readonly text: string;
  readonly samples: Float32Array;
}
