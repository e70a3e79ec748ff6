/**
 * Joins synthesised sentences into one speech buffer: each sentence trimmed to its audible part,
 * faded in and out over a few milliseconds (so a join never steps), separated by silence whose
 * length makes the whole come out at the requested words per minute.
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

export interface Assembled {
  readonly samples: Float32Array;
  readonly sentences: { text: string; start: number; end: number }[];
}

/** Lays pieces end to end with the given gaps (seconds) between them and `edge` seconds around. */
export function assemble(
  pieces: readonly Piece[],
  gaps: readonly number[],
  sampleRate: number,
  edge: number,
): Assembled {
  const edgeFrames = Math.round(edge * sampleRate);
  const gapFrames = gaps.map((g) => Math.max(0, Math.round(g * sampleRate)));
  let total = 2 * edgeFrames;
  pieces.forEach((p, i) => {
    total += p.samples.length + (i < pieces.length - 1 ? (gapFrames[i] ?? 0) : 0);
  });
  const samples = new Float32Array(total);
  const sentences: Assembled["sentences"] = [];
  let at = edgeFrames;
  pieces.forEach((p, i) => {
    samples.set(p.samples, at);
    sentences.push({ text: p.text, start: at, end: at + p.samples.length });
    at += p.samples.length + (i < pieces.length - 1 ? (gapFrames[i] ?? 0) : 0);
  });
  return { samples, sentences };
}
