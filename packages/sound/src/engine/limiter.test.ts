import { describe, expect, it } from "vitest";
import { truePeakDb } from "../loudness/true-peak";
import { Limiter } from "./limiter";

const FS = 48000;

/** A quiet noise with a loud burst in the middle (the limiter rests, limits, then rests again). */
function signal(n: number): [Float32Array, Float32Array] {
  const l = new Float32Array(n);
  const r = new Float32Array(n);
  let s = 7;
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    const loud = i > n / 3 && i < n / 2 ? 4 : 0.2;
    l[i] = loud * (s / 2 ** 32 - 0.5);
    r[i] = loud * 0.7 * Math.sin(i * 0.01);
  }
  return [l, r];
}

/** Run the limiter in blocks of the given sizes (cycled), in place or into separate arrays. */
function run(blocks: number[], inPlace: boolean, n: number): [Float32Array, Float32Array] {
  const [l, r] = signal(n);
  const lim = new Limiter(FS, 4096);
  const outL = inPlace ? l : new Float32Array(n);
  const outR = inPlace ? r : new Float32Array(n);
  let at = 0;
  let k = 0;
  while (at < n) {
    const m = Math.min(blocks[k++ % blocks.length] as number, n - at);
    lim.run(l, r, at, m, outL, outR, at);
    at += m;
  }
  return [outL, outR];
}

describe("master limiter", () => {
  const n = FS;
  it("only delays a quiet mix, by its latency, exactly", () => {
    const lim = new Limiter(FS, 4096);
    const [l, r] = signal(n);
    const outL = new Float32Array(n);
    const outR = new Float32Array(n);
    // The first third is quiet: compare there, in blocks shorter and longer than the delay.
    for (let at = 0, k = 0; at < n; k++) {
      const m = Math.min(k % 2 === 0 ? 37 : 300, n - at);
      lim.run(l, r, at, m, outL, outR, at);
      at += m;
    }
    const d = lim.latency;
    for (let i = 0; i < d; i++) expect(outL[i]).toBe(0);
    let wrong = 0;
    for (let i = d; i < n / 3; i++) if (outL[i] !== l[i - d] || outR[i] !== r[i - d]) wrong++;
    expect(wrong).toBe(0);
  });

  it("gives the same samples in place or not, whatever the block sizes, and catches the burst", () => {
    const ref = run([128], true, n);
    for (const [blocks, inPlace] of [
      [[128], false],
      [[37, 5, 300], false],
      [[4096], false],
      [[1, 72, 73, 74], true],
    ] as const) {
      const [l, r] = run([...blocks], inPlace, n);
      let diff = 0;
      for (let i = 0; i < n; i++) if (l[i] !== ref[0][i] || r[i] !== ref[1][i]) diff++;
      expect(diff).toBe(0);
    }
    let peak = 0;
    for (const v of ref[0]) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeGreaterThan(0.5);
    expect(peak).toBeLessThan(10 ** (-1 / 20));
  });
});

describe("master limiter on bright transients", () => {
  it("keeps the true peak (the meter's own 4× interpolation) under −1 dBTP for clicks and near-Nyquist bursts", () => {
    // Single-sample clicks and short bursts at 9–20 kHz, 20 dB too hot: the inter-sample peaks
    // of such material are where a half-sample estimate falls short.
    const n = FS * 2;
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    let s = 3;
    for (let k = 0; k < 200; k++) {
      s = (s * 1103515245 + 12345) >>> 0;
      const at = 2000 + (s % (n - 4000));
      const f = 9000 + (s % 11000);
      const len = 3 + (s % 40);
      for (let i = 0; i < len; i++) {
        const v = 8 * Math.sin((2 * Math.PI * f * i) / FS + (s % 7)) * (1 - i / len);
        l[at + i] = (l[at + i] as number) + v;
        r[at + i] = (r[at + i] as number) + (k % 2 === 0 ? v : -v);
      }
    }
    const lim = new Limiter(FS, 4096);
    const outL = new Float32Array(n);
    const outR = new Float32Array(n);
    for (let at = 0; at < n; at += 128) lim.run(l, r, at, 128, outL, outR, at);
    expect(truePeakDb([outL, outR])).toBeLessThanOrEqual(-1);
  });
});

describe("master limiter resting bound", () => {
  it("does not rest on a block whose samples look safe but whose true peak is not (in place or not)", () => {
    // A 12 kHz sine sampled at 45° of its phase: samples peak at 0.67 (−3.5 dBFS) while the
    // waveform between them peaks near −0.4 dBTP. Resting on "sample peak × 1.25 < ceiling"
    // let it through untouched.
    const n = FS;
    const amp = 0.67 / Math.sin(Math.PI / 4);
    for (const inPlace of [true, false]) {
      const l = new Float32Array(n);
      const r = new Float32Array(n);
      for (let i = 0; i < n; i++) l[i] = r[i] = amp * Math.sin((2 * Math.PI * 12000 * i) / FS + Math.PI / 4);
      const inputPeak = truePeakDb([l, r]);
      expect(inputPeak).toBeGreaterThan(-1);
      const lim = new Limiter(FS, 4096);
      const outL = inPlace ? l : new Float32Array(n);
      const outR = inPlace ? r : new Float32Array(n);
      for (let at = 0; at < n; at += 128) lim.run(l, r, at, 128, outL, outR, at);
      expect(truePeakDb([outL, outR])).toBeLessThanOrEqual(-1);
    }
  });
});
