import { describe, expect, it } from "vitest";
import { Rng } from "../rng";
import { analyseLpc, levinson, lpcResidual, lpcSynthesis, reflectionToPredictor } from "./lpc";
import { syntheticSpeech } from "./test-speech";

describe("LPC", () => {
  it("Levinson recovers a known all-pole process", () => {
    // x[n] = 1.3 x[n−1] − 0.6 x[n−2] + e[n]: predictor A(z) = 1 − 1.3 z⁻¹ + 0.6 z⁻².
    const rng = new Rng(1);
    const n = 200000;
    const x = new Float64Array(n);
    for (let i = 2; i < n; i++) x[i] = 1.3 * (x[i - 1] as number) - 0.6 * (x[i - 2] as number) + rng.gauss();
    const r = new Float64Array(3);
    for (let lag = 0; lag < 3; lag++)
      for (let i = lag; i < n; i++) r[lag] = (r[lag] as number) + (x[i] as number) * (x[i - lag] as number);
    const a = new Float64Array(3);
    const k = new Float64Array(2);
    levinson(r, 2, a, k);
    expect(a[1]).toBeCloseTo(-1.3, 1);
    expect(a[2]).toBeCloseTo(0.6, 1);
    const b = new Float64Array(3);
    reflectionToPredictor(k, 2, b);
    expect(b[1]).toBeCloseTo(a[1] as number, 12);
    expect(b[2]).toBeCloseTo(a[2] as number, 12);
  });

  it("residual and synthesis are exact inverses, and the residual is whiter than the speech", () => {
    const fs = 16000;
    const x = Float64Array.from(syntheticSpeech({ sampleRate: fs, seed: 2 }));
    const an = analyseLpc(x, fs);
    const e = lpcResidual(x, an);
    const y = lpcSynthesis(e, an);
    let err = 0;
    let px = 0;
    let pe = 0;
    for (let i = 0; i < x.length; i++) {
      err = Math.max(err, Math.abs((y[i] as number) - (x[i] as number)));
      px += (x[i] as number) ** 2;
      pe += (e[i] as number) ** 2;
    }
    expect(err).toBeLessThan(1e-9);
    expect(pe).toBeLessThan(0.1 * px); // prediction gain > 10 dB
    for (const k of an.k) expect(Math.abs(k)).toBeLessThan(1);
  });
});
