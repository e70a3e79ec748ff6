import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { clamp16, readWav, roundHalfUp, WavWriter } from "./wav-writer";

const dir = mkdtempSync(join(tmpdir(), "meridian-wav-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** Write `left`/`right` (written in blocks of 4096 frames) and return the file's bytes. */
async function encode(left: Float32Array, right: Float32Array, seed?: number): Promise<Buffer> {
  const path = join(dir, `t${files++}.wav`);
  const w = await WavWriter.create(path, 48000, 2, seed);
  for (let at = 0; at < left.length; at += 4096) {
    const n = Math.min(4096, left.length - at);
    await w.write([left.subarray(at, at + n), right.subarray(at, at + n)], n);
  }
  await w.close();
  return readFileSync(path);
}

const N = 48000 * 4;
/** A 1 kHz sine of `lsb` 16-bit steps' amplitude. */
function sine(lsb: number): Float32Array {
  const x = new Float32Array(N);
  for (let i = 0; i < N; i++) x[i] = (lsb / 32767) * Math.sin((2 * Math.PI * 1000 * i) / 48000);
  return x;
}

/** Amplitude (in LSB) of the 1 kHz component of `s`, and its mean. */
function analyse(s: Int16Array): { amplitude: number; mean: number } {
  let c = 0;
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    const v = s[i] as number;
    c += v * Math.sin((2 * Math.PI * 1000 * i) / 48000);
    sum += v;
  }
  return { amplitude: (2 * c) / s.length, mean: sum / s.length };
}

describe("WavWriter dither", () => {
  it("keeps a sine quieter than one 16-bit step at its level (plain rounding would erase it), with no DC", async () => {
    const x = sine(0.3);
    const wav = readWav(await encode(x, x));
    for (const ch of wav.samples) {
      const { amplitude, mean } = analyse(ch);
      expect(amplitude).toBeGreaterThan(0.27);
      expect(amplitude).toBeLessThan(0.33);
      expect(Math.abs(mean)).toBeLessThan(0.01);
    }
    // The two channels get independent dither: the hiss is not the same in both ears.
    const [l, r] = wav.samples as [Int16Array, Int16Array];
    let same = 0;
    for (let i = 0; i < l.length; i++) if (l[i] === r[i]) same++;
    expect(same / l.length).toBeLessThan(0.9);
  });

  it("adds triangular ±1 LSB dither: zero mean, variance ¼ LSB² (dither ⅙ + rounding ¹⁄₁₂)", async () => {
    const x = new Float32Array(N).fill(1e-9); // not exact silence, far below one step
    const [l] = readWav(await encode(x, x)).samples as [Int16Array];
    let sum = 0;
    let sq = 0;
    for (const v of l) {
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      sum += v;
      sq += v * v;
    }
    expect(Math.abs(sum / l.length)).toBeLessThan(0.01);
    expect(sq / l.length).toBeGreaterThan(0.23);
    expect(sq / l.length).toBeLessThan(0.27);
  });

  it("keeps louder signals at their level and clamps at full scale", async () => {
    const x = sine(1000);
    const [l] = readWav(await encode(x, x)).samples as [Int16Array];
    expect(analyse(l).amplitude).toBeCloseTo(1000, 0);
    const loud = new Float32Array(4096).fill(1.5);
    const quiet = new Float32Array(4096).fill(-1.5);
    const [hi, lo] = readWav(await encode(loud, quiet)).samples as [Int16Array, Int16Array];
    expect(Math.min(...hi)).toBeGreaterThanOrEqual(32766);
    expect(Math.max(...hi)).toBe(32767);
    expect(Math.max(...lo)).toBe(-32768);
  });

  it("is deterministic for a seed, differs between seeds, and leaves digital silence silent", async () => {
    const x = sine(3);
    const a = await encode(x, x, 11);
    expect((await encode(x, x, 11)).equals(a)).toBe(true);
    expect((await encode(x, x, 12)).equals(a)).toBe(false);
    const z = new Float32Array(N);
    const [l, r] = readWav(await encode(z, z)).samples as [Int16Array, Int16Array];
    expect(l.every((v) => v === 0) && r.every((v) => v === 0)).toBe(true);
  });
});

describe("WavWriter blocks", () => {
  it("never drops a sample, whatever offset each write's dither starts from", async () => {
    // A steady level far from zero: a dropped sample (a click) would read as 0 or full scale.
    // Many short writes start the dither table at many offsets, odd ones included.
    const level = 0.25;
    const x = new Float32Array(N).fill(level);
    const path = join(dir, `t${files++}.wav`);
    const w = await WavWriter.create(path, 48000, 2, 5);
    for (let at = 0; at < N; at += 1000) {
      const n = Math.min(1000, N - at);
      await w.write([x.subarray(at, at + n), x.subarray(at, at + n)], n);
    }
    await w.close();
    const expected = level * 32767;
    for (const ch of readWav(readFileSync(path)).samples) {
      expect(ch.length).toBe(N);
      let worst = 0;
      for (const v of ch) worst = Math.max(worst, Math.abs(v - expected));
      expect(worst).toBeLessThanOrEqual(1.5);
    }
  });
});

describe("WavWriter streaming", () => {
  it("writes every block in order while the next one is being quantised", async () => {
    // A slow ramp across many small blocks: a block written from the wrong buffer, or twice,
    // or out of order would break the ramp somewhere.
    const frames = 48000 * 3;
    const ramp = new Float32Array(frames);
    for (let i = 0; i < frames; i++) ramp[i] = -0.9 + (1.8 * i) / frames;
    const back = new Float32Array(frames).fill(0.5);
    const path = join(dir, `t${files++}.wav`);
    const w = await WavWriter.create(path, 48000, 2, 3);
    const block = new Float32Array(777);
    const other = new Float32Array(777);
    for (let at = 0; at < frames; at += 777) {
      const n = Math.min(777, frames - at);
      // The caller reuses its arrays for the next block as soon as write resolves.
      block.set(ramp.subarray(at, at + n));
      other.set(back.subarray(at, at + n));
      await w.write([block, other], n);
    }
    await w.close();
    const [l] = readWav(readFileSync(path)).samples as [Int16Array];
    expect(l.length).toBe(frames);
    let worst = 0;
    for (let i = 0; i < frames; i++)
      worst = Math.max(worst, Math.abs((l[i] as number) - (ramp[i] as number) * 32767));
    expect(worst).toBeLessThanOrEqual(1.5);
  });
});

describe("WavWriter rounding and failures", () => {
  it("rounds exactly as Math.round, also a hair below a half step and for NaN", () => {
    const cases = [0.49999999999968736, 0.49999999999999994, -0.5, 0.5, 2.5, -2.5, -2.5000000001];
    cases.push(32767, -32768, 32766.5, -32767.5, 1e-12, -1e-12, -0.49999999999999994);
    for (let k = 0; k < 20000; k++) {
      const base = Math.floor(k * 3.3 - 32000);
      cases.push(base + 0.5, base + 0.5 - 2 ** -40, base - 0.5, base - 0.5 + 2 ** -40, base + k / 20000);
    }
    const wrong = cases.filter((v) => roundHalfUp(v) !== (Math.round(v) || 0));
    expect(wrong).toEqual([]);
    expect(roundHalfUp(clamp16(Number.NaN))).toBe(0);
    expect(clamp16(40000)).toBe(32767);
    expect(clamp16(-40000)).toBe(-32768);
  });

  it("reports a failed block at close, leaves a valid file of the blocks on disk, and closes the handle", async () => {
    const path = join(dir, `t${files++}.wav`);
    const fds = () => readdirSync("/proc/self/fd").length;
    const before = fds();
    const w = await WavWriter.create(path, 48000);
    expect(fds()).toBe(before + 1);
    const x = new Float32Array(4096).fill(0.1);
    await w.write([x, x], 4096);
    await w.write([x, x], 4096);
    // The next block's disk write fails once (as a full disk would).
    const fh = (w as unknown as { fh: { write: (...a: unknown[]) => Promise<unknown> } }).fh;
    const write = fh.write.bind(fh);
    fh.write = () => {
      fh.write = write;
      return Promise.reject(new Error("no space left on device"));
    };
    await w.write([x, x], 4096);
    await expect(w.close()).rejects.toThrow("no space left");
    expect(fds()).toBe(before);
    const [l] = readWav(readFileSync(path)).samples as [Int16Array];
    expect(l.length).toBe(2 * 4096);
  });
});
