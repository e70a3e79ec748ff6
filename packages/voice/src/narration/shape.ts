/**
 * Sample-level shaping of one synthesised sentence before it is styled: trim to the audible
 * part, and lengthen the short silences the speech engine leaves at commas into the unhurried
 * pauses of the chosen style (the prosody around each pause is the engine's own).
 */

const FRAME_S = 0.005;
const SILENT_DB = -40;
const MIN_GAP_S = 0.04;
const SPLICE_FADE = 32;

function frameRms(x: Float32Array, hop: number): Float64Array {
  const n = Math.floor(x.length / hop);
  const out = new Float64Array(n);
  for (let f = 0; f < n; f++) {
    let e = 0;
    for (let i = f * hop; i < (f + 1) * hop; i++) e += (x[i] as number) ** 2;
    out[f] = Math.sqrt(e / hop);
  }
  return out;
}

/** The part of `x` louder than −50 dB re its peak, with 5 ms of margin either side. */
export function trimToAudible(x: Float32Array, sampleRate: number): Float32Array {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i] as number));
  if (peak === 0) return new Float32Array(0);
  const floor = peak * 10 ** (-50 / 20);
  const margin = Math.round(sampleRate * 0.005);
  let start = 0;
  while (start < x.length && Math.abs(x[start] as number) < floor) start++;
  let end = x.length;
  while (end > start && Math.abs(x[end - 1] as number) < floor) end--;
  return x.slice(Math.max(0, start - margin), Math.min(x.length, end + margin));
}

interface Gap {
  readonly start: number;
  readonly frames: number;
}

/** Silent stretches inside the speech (not at its edges), longest first. */
function innerGaps(x: Float32Array, hop: number): Gap[] {
  const rms = frameRms(x, hop);
  let loud = 0;
  for (const r of rms) loud = Math.max(loud, r);
  const floor = loud * 10 ** (SILENT_DB / 20);
  const minFrames = Math.ceil(MIN_GAP_S / FRAME_S);
  const gaps: Gap[] = [];
  const first = rms.findIndex((r) => r > floor);
  if (first < 0) return gaps;
  let run = -1;
  for (let f = first; f < rms.length; f++) {
    const silent = (rms[f] as number) <= floor;
    if (silent && run < 0) run = f;
    if (!silent && run >= 0) {
      if (f - run >= minFrames) gaps.push({ start: run, frames: f - run });
      run = -1;
    }
  }
  return gaps.sort((a, b) => b.frames - a.frames || a.start - b.start);
}

/**
 * Lengthens the `count` longest inner silences of `x` to at least `pauseSeconds` each by
 * splicing silence into their middle (with a 32-sample fade either side of the splice).
 * Returns the new samples and the seconds added.
 */
export function lengthenPauses(
  x: Float32Array,
  sampleRate: number,
  count: number,
  pauseSeconds: number,
): { samples: Float32Array; added: number } {
  if (count <= 0 || pauseSeconds <= 0) return { samples: x, added: 0 };
  const hop = Math.max(1, Math.round(FRAME_S * sampleRate));
  const chosen = innerGaps(x, hop)
    .slice(0, count)
    .sort((a, b) => a.start - b.start);
  const inserts: { at: number; frames: number }[] = [];
  for (const g of chosen) {
    const have = g.frames * hop;
    const want = Math.round(pauseSeconds * sampleRate);
    if (want > have) inserts.push({ at: (g.start + Math.floor(g.frames / 2)) * hop, frames: want - have });
  }
  if (inserts.length === 0) return { samples: x, added: 0 };
  const total = inserts.reduce((s, i) => s + i.frames, 0);
  const out = new Float32Array(x.length + total);
  let read = 0;
  let write = 0;
  for (const ins of inserts) {
    out.set(x.subarray(read, ins.at), write);
    write += ins.at - read;
    // Fade the speech out into the splice, and back in after it.
    for (let k = 0; k < SPLICE_FADE && write - 1 - k >= 0; k++)
      out[write - 1 - k] = (out[write - 1 - k] as number) * (k / SPLICE_FADE);
    write += ins.frames;
    read = ins.at;
    const after = write;
    out.set(x.subarray(read, inserts.find((i) => i.at > ins.at)?.at ?? x.length), after);
    for (let k = 0; k < SPLICE_FADE && after + k < out.length; k++)
      out[after + k] = (out[after + k] as number) * (k / SPLICE_FADE);
    const next = inserts.find((i) => i.at > ins.at)?.at ?? x.length;
    write += next - read;
    read = next;
  }
  return { samples: out, added: total / sampleRate };
}
