import { describe, expect, it } from "vitest";
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
