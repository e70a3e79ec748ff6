import { describe, expect, it } from "vitest";
import { attackRiseMs, spectralCentroid } from "../analysis/impact";
import { bandFraction, welch } from "../analysis/spectrum";
import { keyboard } from "./keyboard";

const SR = 48000;

function render(v: ReturnType<typeof keyboard.create>, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return out;
}

function peak(x: Float32Array, from = 0, to = x.length): number {
  let m = 0;
  for (let i = from; i < to; i++) m = Math.max(m, Math.abs(x[i] as number));
  return m;
}

/** Energy share above 1.5 kHz (first-difference energy over signal energy, a brightness proxy). */
function brightness(x: Float32Array): number {
  let d = 0;
  let e = 0;
  for (let i = 1; i < x.length; i++) {
    d += ((x[i] as number) - (x[i - 1] as number)) ** 2;
    e += (x[i] as number) ** 2;
  }
  return d / e;
}

/** Count onsets: 5 ms frames whose peak jumps above 4× the previous frame and a floor. */
function onsets(x: Float32Array): number {
  const hop = SR / 200;
  let prev = 0;
  let count = 0;
  let hold = 0;
  for (let i = 0; i + hop <= x.length; i += hop) {
    const p = peak(x, i, i + hop);
    if (hold > 0) hold--;
    else if (p > 4 * prev && p > 1e-3) {
      count++;
      hold = 10;
    }
    prev = p;
  }
  return count;
}

describe("keyboard character", () => {
  it("is silent at speed 0 and a trigger gives a transient within 3 ms", () => {
    const v = keyboard.create(SR, 5);
    v.setParam("speed", 0);
    expect(peak(render(v, 2))).toBe(0);
    v.trigger?.(0.8);
    const after = render(v, 0.003);
    expect(peak(after)).toBeGreaterThan(5e-3);
  });

  it("softer keys are duller", () => {
    const hit = (softness: number) => {
      const v = keyboard.create(SR, 9);
      v.setParam("speed", 0);
      v.setParam("softness", softness);
      render(v, 0.5);
      v.trigger?.(0.8);
      return brightness(render(v, 0.25));
    };
    expect(hit(1)).toBeLessThan(0.6 * hit(0));
  });

  it("types faster at a higher speed", () => {
    const count = (wpm: number) => {
      const v = keyboard.create(SR, 11);
      v.setParam("speed", wpm);
      v.setParam("variation", 0);
      return onsets(render(v, 30));
    };
    const slow = count(15);
    const fast = count(70);
    expect(slow).toBeGreaterThan(10);
    expect(fast).toBeGreaterThan(2 * slow);
  });

  it("sounds like typing, not a muffled marimba: centroid ≥ 1.2 kHz, ≥ 20 % in 2–10 kHz (defaults)", () => {
    const psd = welch(render(keyboard.create(SR, 3), 30), 4096);
    expect(spectralCentroid(psd, SR)).toBeGreaterThan(1200);
    expect(bandFraction(psd, SR, 2000, 10000)).toBeGreaterThan(0.2);
  });

  it("a keystroke's contact click rises in under 1 ms", () => {
    for (const seed of [1, 2, 3]) {
      const v = keyboard.create(SR, seed);
      v.setParam("speed", 0);
      render(v, 0.5);
      v.trigger?.(0.8);
      expect(attackRiseMs(render(v, 0.4), SR)).toBeLessThan(1);
    }
  });

  it("no two keystrokes are copies (seeded variation per key and per stroke)", () => {
    // isolated keystrokes from the typing process: successive clicks are not copies
    const v = keyboard.create(SR, 4);
    v.setParam("variation", 0);
    const x = render(v, 20);
    const hop = SR / 200;
    const starts: number[] = [];
    let prev = 0;
    for (let i = 0; i + hop <= x.length; i += hop) {
      const p = peak(x, i, i + hop);
      if (p > 4 * prev && p > 1e-3 && (starts.length === 0 || i - (starts.at(-1) as number) > SR / 20))
        starts.push(i);
      prev = p;
    }
    expect(starts.length).toBeGreaterThan(20);
    const peaks = starts.map((s) => peak(x, s, s + SR / 50));
    const distinct = new Set(peaks.map((p) => p.toFixed(7)));
    expect(distinct.size).toBe(peaks.length);
  });
});
