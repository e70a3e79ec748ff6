import { describe, expect, it } from "vitest";
import { attackRiseMs } from "../analysis/impact";
import { bandFraction, welch } from "../analysis/spectrum";
import { tapping } from "./tapping";

const SR = 48000;

function renderTap(params: Record<string, number>, seconds = 1.5, seed = 7): Float32Array {
  const v = tapping.create(SR, seed);
  v.setParam("tempo", 0);
  for (const [k, x] of Object.entries(params)) v.setParam(k, x);
  const out = new Float32Array(Math.round(seconds * SR));
  const pre = new Float32Array(SR);
  v.process(pre, pre, 0, SR); // let parameters settle, no automatic taps
  v.trigger?.(0.8);
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return out;
}

/** Frequency of the strongest spectral peak (naive DFT on a coarse grid, 100 Hz–6 kHz). */
function peakFrequency(x: Float32Array): number {
  let best = 0;
  let bestF = 0;
  const n = Math.min(x.length, 4800);
  for (let f = 100; f <= 6000; f += 10) {
    let re = 0;
    let im = 0;
    const w = (2 * Math.PI * f) / SR;
    for (let i = 0; i < n; i++) {
      re += (x[i] as number) * Math.cos(w * i);
      im += (x[i] as number) * Math.sin(w * i);
    }
    const p = re * re + im * im;
    if (p > best) {
      best = p;
      bestF = f;
    }
  }
  return bestF;
}

/** Frequency (1 Hz grid) of the strongest component of `x` between lo and hi (Goertzel). */
function strongest(x: Float32Array, lo: number, hi: number): number {
  let best = 0;
  let bestF = lo;
  for (let f = lo; f <= hi; f++) {
    const c = 2 * Math.cos((2 * Math.PI * f) / SR);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < x.length; i++) {
      const s0 = (x[i] as number) + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const p = s1 * s1 + s2 * s2 - c * s1 * s2;
    if (p > best) {
      best = p;
      bestF = f;
    }
  }
  return bestF;
}

/** Seconds until the 10 ms RMS envelope falls 40 dB below its maximum (after the maximum). */
function ringTime(x: Float32Array): number {
  const hop = SR / 100;
  const env: number[] = [];
  for (let i = 0; i + hop <= x.length; i += hop) {
    let s = 0;
    for (let k = 0; k < hop; k++) s += (x[i + k] as number) ** 2;
    env.push(Math.sqrt(s / hop));
  }
  const max = Math.max(...env);
  const at = env.indexOf(max);
  for (let i = at; i < env.length; i++) if ((env[i] as number) < max / 100) return (i - at) / 100;
  return env.length / 100;
}

function centroid(x: Float32Array): number {
  let num = 0;
  let den = 0;
  for (let f = 100; f <= 12000; f += 50) {
    let re = 0;
    let im = 0;
    const w = (2 * Math.PI * f) / SR;
    for (let i = 0; i < 2400; i++) {
      re += (x[i] as number) * Math.cos(w * i);
      im += (x[i] as number) * Math.sin(w * i);
    }
    const p = re * re + im * im;
    num += f * p;
    den += p;
  }
  return num / den;
}

describe("tapping character", () => {
  it("tunes its modes by material", () => {
    const wood = peakFrequency(renderTap({ material: 0 }));
    const glass = peakFrequency(renderTap({ material: 2 }));
    expect(Math.abs(glass - wood)).toBeGreaterThan(200);
  });

  it("lets glass ring much longer than wood", () => {
    const wood = ringTime(renderTap({ material: 0 }));
    const glass = ringTime(renderTap({ material: 2 }));
    expect(glass).toBeGreaterThan(2.5 * wood);
  });

  it("knocks on wood rather than ringing like a marimba bar (−40 dB within 0.3 s)", () => {
    expect(ringTime(renderTap({ material: 0 }))).toBeLessThan(0.3);
  });

  it("does not play one note: the strike spot retunes the modes from burst to burst", () => {
    // Default rhythm (wood) for 40 s: each tap's fundamental (the 470 Hz mode, first 80 ms).
    const v = tapping.create(SR, 5);
    const x = new Float32Array(SR * 40);
    for (let i = 0; i < x.length; i += 128) v.process(x, x, i, 128);
    const fundamentals: number[] = [];
    const hop = 240;
    let last = -SR;
    for (let i = hop; i + 3840 < x.length; i += hop) {
      let e0 = 0;
      let e1 = 0;
      for (let k = 0; k < hop; k++) {
        e0 += (x[i - hop + k] as number) ** 2;
        e1 += (x[i + k] as number) ** 2;
      }
      if (e1 > 20 * e0 && e1 > 1e-6 && i - last > SR / 10) {
        last = i;
        fundamentals.push(strongest(x.subarray(i, i + 3840), 400, 560));
      }
    }
    expect(fundamentals.length).toBeGreaterThan(30);
    const mean = fundamentals.reduce((s, f) => s + f, 0) / fundamentals.length;
    const sd = Math.sqrt(fundamentals.reduce((s, f) => s + (f - mean) ** 2, 0) / fundamentals.length);
    // Before: every tap at the same 466 Hz (a spread under 0.5 %).
    expect(sd / mean).toBeGreaterThan(0.01);
  });

  it("sounds brighter with nails than with fingertips", () => {
    expect(centroid(renderTap({ hardness: 1 }))).toBeGreaterThan(1.2 * centroid(renderTap({ hardness: 0 })));
  });

  it("stays silent at tempo 0 until triggered, then taps at once", () => {
    const v = tapping.create(SR, 3);
    v.setParam("tempo", 0);
    const buf = new Float32Array(SR * 2);
    v.process(buf, buf, 0, buf.length);
    expect(Math.max(...buf.map(Math.abs))).toBe(0);
    v.trigger?.(0.7);
    const after = new Float32Array(240); // 5 ms
    v.process(after, after, 0, after.length);
    expect(Math.max(...after.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  /** Share of the voice's energy in 2–10 kHz over 30 s of its own rhythm. */
  function share(params: Record<string, number>): number {
    const v = tapping.create(SR, 2);
    for (const [k, x] of Object.entries(params)) v.setParam(k, x);
    const x = new Float32Array(30 * SR);
    for (let i = 0; i < x.length; i += 128) v.process(x, x, i, 128);
    return bandFraction(welch(x, 4096), SR, 2000, 10000);
  }

  it("has a contact transient: ≥ 10 % of its energy in 2–10 kHz at the defaults", () => {
    expect(share({})).toBeGreaterThan(0.1);
  });

  it("tells nails from fingertips: nails put ≥ 3× the fingertips' share in 2–10 kHz", () => {
    const pads = share({ hardness: 0 });
    const nails = share({ hardness: 1 });
    expect(pads).toBeGreaterThan(0.02); // a pad still has a soft skin contact
    expect(nails).toBeGreaterThan(3 * pads);
    expect(nails).toBeGreaterThan(0.4);
  });

  it("each tap rises in under 1 ms, pad or nail, on every material", () => {
    for (const hardness of [0, 0.35, 1])
      for (const material of [0, 1, 2])
        expect(
          attackRiseMs(renderTap({ hardness, material }, 0.3), SR),
          `${hardness} ${material}`,
        ).toBeLessThan(1);
  });
});
