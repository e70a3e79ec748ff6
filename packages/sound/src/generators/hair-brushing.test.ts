import { describe, expect, it } from "vitest";
import { clickOutliers } from "../analysis/clicks";
import { highpass, lowpass } from "../analysis/filters";
import { bandFraction, welch } from "../analysis/spectrum";
import { hairBrushing } from "./hair-brushing";

const SR = 48000;

function stroke(params: Record<string, number>, seed = 2): Float32Array {
  const v = hairBrushing.create(SR, seed);
  v.setParam("rate", 0);
  for (const [k, x] of Object.entries(params)) v.setParam(k, x);
  const pre = new Float32Array(SR);
  v.process(pre, pre, 0, pre.length);
  v.trigger?.(1);
  const out = new Float32Array(3 * SR);
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return out;
}

function envelope(x: Float32Array, hop = SR / 100): number[] {
  const env: number[] = [];
  for (let i = 0; i + hop <= x.length; i += hop) {
    let s = 0;
    for (let k = 0; k < hop; k++) s += (x[i + k] as number) ** 2;
    env.push(Math.sqrt(s / hop));
  }
  return env;
}

/** Share of first-difference energy: rises with spectral brightness. */
function brightness(x: Float32Array): number {
  let d = 0;
  let e = 0;
  for (let i = 1; i < x.length; i++) {
    d += ((x[i] as number) - (x[i - 1] as number)) ** 2;
    e += (x[i] as number) ** 2;
  }
  return d / e;
}

describe("hair-brushing character", () => {
  it("a stroke lasts 1–2 s with a soft attack", () => {
    const env = envelope(stroke({}), SR / 20);
    const max = Math.max(...env);
    const above = env.filter((e) => e > max / 10).length / 20;
    expect(above).toBeGreaterThan(0.6);
    expect(above).toBeLessThan(2.2);
    const start = env.findIndex((e) => e > max / 100);
    const peak = env.indexOf(max);
    expect((peak - start) / 20).toBeGreaterThan(0.15);
  });

  it("bristle sound sits mostly between 1 and 8 kHz; stiff bristles are brighter", () => {
    const soft = stroke({ bristle: 0 });
    const stiff = stroke({ bristle: 1 });
    expect(brightness(stiff)).toBeGreaterThan(1.2 * brightness(soft));
    // first difference ≈ +6 dB/oct tilt: for noise centred at fc, d/e ≈ (2π fc / SR)²
    const fc = (Math.sqrt(brightness(soft)) * SR) / (2 * Math.PI);
    expect(fc).toBeGreaterThan(1500);
    expect(fc).toBeLessThan(8000);
  });

  it("is silent at rate 0 until triggered", () => {
    const v = hairBrushing.create(SR, 5);
    v.setParam("rate", 0);
    const x = new Float32Array(3 * SR);
    v.process(x, x, 0, x.length);
    expect(Math.max(...envelope(x))).toBe(0);
  });
});

/** The voice alone at default parameters (strokes on their own), `seconds` long. */
function auto(seconds: number, seed: number, params: Record<string, number> = {}): Float64Array {
  const v = hairBrushing.create(SR, seed);
  for (const [k, x] of Object.entries(params)) v.setParam(k, x);
  const out = new Float32Array(seconds * SR);
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return Float64Array.from(out);
}

/** 10 ms frames inside a stroke: RMS above 1/30 of the 99th-percentile frame. */
function strokeFrames(x: Float64Array): boolean[] {
  const env = envelope(Float32Array.from(x));
  const ref = [...env].sort((p, q) => p - q)[Math.floor(0.99 * env.length)] as number;
  return env.map((e) => e > ref / 30);
}

/**
 * Share of in-stroke 10 ms frames whose 2–10 kHz band has a crest factor (peak / RMS) above
 * 4.5. Steady band noise almost never does (a Gaussian frame of 480 samples peaks near 3.3×
 * its RMS; 4.5× happens in ≈ 0.3 % of frames); a frame holding a separate bristle snap does.
 */
function crackleShare(x: Float64Array): number {
  const band = lowpass(highpass(Float64Array.from(x), SR, 2000, 4), SR, 10000, 4);
  const on = strokeFrames(x);
  const hop = SR / 100;
  let n = 0;
  let hit = 0;
  on.forEach((active, f) => {
    if (!active) return;
    let s = 0;
    let peak = 0;
    for (let k = f * hop; k < (f + 1) * hop; k++) {
      s += (band[k] as number) ** 2;
      peak = Math.max(peak, Math.abs(band[k] as number));
    }
    n++;
    if (peak / Math.sqrt(s / hop) > 4.5) hit++;
  });
  return hit / n;
}

/**
 * Separate transients per second of stroke: analysis/clicks.ts at 6× the local residual RMS,
 * at most one per `window` samples (240 = 5 ms; 96 = 2 ms resolves denser crackle).
 */
function snapsPerSecond(x: Float64Array, window = 240): number {
  const on = strokeFrames(x);
  const hits = clickOutliers(x, 6, window).filter((i) => on[Math.floor(i / (SR / 100))]).length;
  return hits / (on.filter(Boolean).length / 100);
}

/** Lengths (s) of the strokes: runs of stroke frames, gaps under 60 ms bridged. */
function strokeLengths(x: Float64Array): number[] {
  const lens: number[] = [];
  let run = 0;
  let gap = 0;
  for (const a of strokeFrames(x)) {
    if (a) {
      run += gap + 1;
      gap = 0;
    } else if (run > 0 && ++gap > 5) {
      lens.push(run / 100);
      run = 0;
      gap = 0;
    }
  }
  return lens.filter((l) => l > 0.05);
}

describe("hair-brushing bristle crackle (issue 14)", () => {
  // Before: smooth swooshes, 13 strokes of 1.57–2.04 s in 60 s; 17 % of in-stroke frames with a
  // 2–10 kHz crest above 4.5; 1.6 separate snaps per second of stroke.
  const x = auto(60, 1);

  it("crackles: most in-stroke 10 ms frames hold a separate bristle snap", () => {
    expect(crackleShare(x)).toBeGreaterThan(0.4);
    expect(snapsPerSecond(x)).toBeGreaterThan(30);
  });

  it("strokes vary in length: quick flicks and long pulls through the hair", () => {
    const lens = [...strokeLengths(x), ...strokeLengths(auto(60, 2))];
    expect(lens.length).toBeGreaterThan(20);
    expect(lens.filter((l) => l < 0.7).length / lens.length).toBeGreaterThan(0.15);
    expect(lens.filter((l) => l > 1.5).length / lens.length).toBeGreaterThan(0.2);
  });

  it("crackle density and brightness follow the pressure", () => {
    const light = auto(30, 3, { pressure: 0.1 });
    const firm = auto(30, 3, { pressure: 0.9 });
    // measured: 81 → 126 snaps/s and 62 → 73 % of the energy in 2–10 kHz
    expect(snapsPerSecond(firm, 96)).toBeGreaterThan(1.3 * snapsPerSecond(light, 96));
    const hf = (y: Float64Array) => bandFraction(welch(y, 4096), SR, 2000, 10000);
    expect(hf(firm)).toBeGreaterThan(hf(light) + 0.05);
  });
});
