import { describe, expect, it } from "vitest";
import { lengthenPauses, trimToAudible } from "./shape";

const SR = 16000;
function toneGapTone(gapSeconds: number): Float32Array {
  const tone = Math.round(0.3 * SR);
  const gap = Math.round(gapSeconds * SR);
  const x = new Float32Array(2 * tone + gap);
  for (let i = 0; i < tone; i++) {
    const env = Math.sin((Math.PI * i) / tone);
    x[i] = 0.3 * env * Math.sin((2 * Math.PI * 220 * i) / SR);
    x[tone + gap + i] = 0.3 * env * Math.sin((2 * Math.PI * 330 * i) / SR);
  }
  return x;
}

describe("sentence shaping", () => {
  it("lengthens a short inner silence to the pause asked for, without a step", () => {
    const x = toneGapTone(0.08);
    const { samples, added } = lengthenPauses(x, SR, 1, 0.45);
    expect(added).toBeGreaterThan(0.3);
    expect(samples.length).toBe(x.length + Math.round(added * SR));
    let run = 0;
    let longest = 0;
    let jump = 0;
    for (let i = 0; i < samples.length; i++) {
      run = Math.abs(samples[i] ?? 0) < 1e-3 ? run + 1 : 0;
      longest = Math.max(longest, run);
      if (i > 0) jump = Math.max(jump, Math.abs((samples[i] ?? 0) - (samples[i - 1] ?? 0)));
    }
    expect(longest / SR).toBeGreaterThan(0.42);
    expect(jump).toBeLessThan(0.07);
  });

  it("leaves a long enough pause and a sentence without commas alone", () => {
    const x = toneGapTone(0.6);
    expect(lengthenPauses(x, SR, 1, 0.45).added).toBe(0);
    expect(lengthenPauses(toneGapTone(0.08), SR, 0, 0.45).added).toBe(0);
  });

  it("trims silence around the audible part", () => {
    const x = new Float32Array(SR);
    x.set(toneGapTone(0.05), 4000);
    const t = trimToAudible(x, SR);
    expect(t.length).toBeLessThan(toneGapTone(0.05).length + 200);
    expect(trimToAudible(new Float32Array(100), SR).length).toBe(0);
  });
});
