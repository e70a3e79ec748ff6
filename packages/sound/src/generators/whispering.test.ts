import { describe, expect, it } from "vitest";
import { whispering } from "./whispering";

const SR = 48000;

function render(params: Record<string, number>, seconds: number, seed = 3): Float32Array {
  const v = whispering.create(SR, seed);
  for (const [k, x] of Object.entries(params)) v.setParam(k, x);
  const out = new Float32Array(Math.round(seconds * SR));
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return out;
}

/** Power of x in [lo, hi) Hz via Goertzel-style DFT bins spaced `step` Hz apart. */
function bandPower(x: ArrayLike<number>, rate: number, lo: number, hi: number, step: number): number {
  let p = 0;
  for (let f = lo; f < hi; f += step) {
    let re = 0;
    let im = 0;
    const w = (2 * Math.PI * f) / rate;
    for (let i = 0; i < x.length; i++) {
      re += (x[i] as number) * Math.cos(w * i);
      im += (x[i] as number) * Math.sin(w * i);
    }
    p += re * re + im * im;
  }
  return p;
}

/** 100 Hz RMS envelope, mean removed, only over voiced stretches (phrases). */
function envelope(x: Float32Array): Float64Array {
  const hop = SR / 100;
  const env = new Float64Array(Math.floor(x.length / hop));
  for (let j = 0; j < env.length; j++) {
    let s = 0;
    for (let k = 0; k < hop; k++) s += (x[j * hop + k] as number) ** 2;
    env[j] = Math.sqrt(s / hop);
  }
  let mean = 0;
  for (const v of env) mean += v / env.length;
  for (let j = 0; j < env.length; j++) env[j] = (env[j] as number) - mean;
  return env;
}

/** Frequency (Hz) of the strongest envelope modulation between 1.75 and 10 Hz (above phrasing). */
function modulationPeak(x: Float32Array): number {
  const env = envelope(x);
  let best = 0;
  let bestF = 0;
  for (let f = 1.75; f <= 10; f += 0.25) {
    const p = bandPower(env, 100, f - 0.25, f + 0.25, 0.125);
    if (p > best) {
      best = p;
      bestF = f;
    }
  }
  return bestF;
}

describe("whispering character", () => {
  it("keeps most of its energy between 1 and 8 kHz", () => {
    const x = render({}, 6).subarray(SR); // skip the first second
    const step = 50;
    // power spectrum estimate on a short excerpt (DFT cost grows with length)
    const seg = x.subarray(0, 9600);
    const inBand = bandPower(seg, SR, 1000, 8000, step);
    const total = bandPower(seg, SR, 50, 20000, step);
    expect(inBand / total).toBeGreaterThan(0.7);
  });

  it("is modulated at the syllable rate (2–6 Hz) and follows the rate parameter", () => {
    const slow = modulationPeak(render({ rate: 2.5, pauses: 0, variation: 0 }, 40));
    const fast = modulationPeak(render({ rate: 5, pauses: 0, variation: 0 }, 40));
    expect(slow).toBeGreaterThanOrEqual(2);
    expect(slow).toBeLessThanOrEqual(6);
    expect(fast).toBeGreaterThanOrEqual(2);
    expect(fast).toBeLessThanOrEqual(6.5);
    expect(fast).toBeGreaterThan(slow * 1.3);
  });

  it("pauses between phrases", () => {
    const env = envelope(render({ pauses: 0.8 }, 30));
    let min = Number.POSITIVE_INFINITY;
    let max = 0;
    for (const v of env) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    expect(max - min).toBeGreaterThan(0);
    let quiet = 0;
    for (const v of env) if (v - min < 0.05 * (max - min)) quiet++;
    expect(quiet / env.length).toBeGreaterThan(0.15);
  });
});
