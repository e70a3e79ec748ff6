import { describe, expect, it } from "vitest";
import { TruePeakMeter, truePeakDb } from "./true-peak";

describe("true-peak estimator (4× oversampling)", () => {
  it("finds the inter-sample peak of a fs/4 sine sampled at ±45°", () => {
    const x = new Float32Array(4800);
    for (let i = 0; i < x.length; i++) x[i] = Math.sin((Math.PI / 2) * i + Math.PI / 4);
    // Samples are all ±0.707 (−3.01 dBFS), the waveform peaks at 1.0 (0 dBTP).
    expect(20 * Math.log10(Math.max(...Array.from(x, Math.abs)))).toBeCloseTo(-3.01, 1);
    expect(truePeakDb([x])).toBeGreaterThan(-0.3);
    expect(truePeakDb([x])).toBeLessThan(0.2);
  });

  it("reads a low-frequency sine at its sample peak", () => {
    const x = new Float32Array(48000);
    for (let i = 0; i < x.length; i++) x[i] = 0.5 * Math.sin((2 * Math.PI * 100 * i) / 48000);
    expect(truePeakDb([x])).toBeCloseTo(20 * Math.log10(0.5), 1);
  });

  it("streams across chunks and channels", () => {
    const l = new Float32Array(1000);
    const r = new Float32Array(1000);
    r[500] = 0.25;
    const m = new TruePeakMeter(2);
    m.push([l, r], 0, 333);
    m.push([l, r], 333, 667);
    expect(m.linear).toBeGreaterThanOrEqual(0.25);
    expect(m.linear).toBeLessThan(0.3);
  });
});
