/** Character checks for the beds: noise slopes, nothing much under 20 Hz, wave cycles, rain kept soft. */
import { describe, expect, it } from "vitest";
import { lowpass, mid, rmsEnvelope } from "../analysis/filters";
import { renderGenerator } from "../analysis/render";
import { bandFraction, slopeDbPerOctave, welch } from "../analysis/spectrum";
import type { GeneratorDef } from "../generator";
import { brownNoise } from "./brown-noise";
import { fire } from "./fire";
import { leaves } from "./leaves";
import { pinkNoise } from "./pink-noise";
import { rain } from "./rain";
import { waves } from "./waves";
import { whiteNoise } from "./white-noise";
import { wind } from "./wind";

/** The voice alone (no head model), channel a, fully open tone, no swell or variation. */
function raw(def: GeneratorDef, seconds: number, params: Record<string, number>): Float32Array {
  const fs = 48000;
  const v = def.create(fs, 12);
  for (const [k, x] of Object.entries(params)) v.setParam(k, x);
  const a = new Float32Array(seconds * fs);
  const b = new Float32Array(seconds * fs);
  for (let i = 0; i < a.length; i += 1024) v.process(a, b, i, Math.min(1024, a.length - i));
  return a.subarray(fs);
}

describe("noise colours", () => {
  const open = { tone: 1, swell: 0, variation: 0 };
  it("white is flat (0 ±0.5 dB/oct, 100 Hz–8 kHz)", () => {
    const s = slopeDbPerOctave(welch(raw(whiteNoise, 12, open), 8192), 48000, 100, 8000);
    expect(Math.abs(s)).toBeLessThan(0.5);
  });
  it("pink falls −3 dB/oct ±0.5 (50 Hz–8 kHz)", () => {
    const s = slopeDbPerOctave(welch(raw(pinkNoise, 12, open), 8192), 48000, 50, 8000);
    expect(s).toBeGreaterThan(-3.5);
    expect(s).toBeLessThan(-2.5);
  });
  it("brown falls −6 dB/oct ±0.5 (50 Hz–8 kHz)", () => {
    const s = slopeDbPerOctave(welch(raw(brownNoise, 12, open), 8192), 48000, 50, 8000);
    expect(s).toBeGreaterThan(-6.5);
    expect(s).toBeLessThan(-5.5);
  });
});

describe("ocean waves", () => {
  it("breaks in 6–15 s cycles", () => {
    const fs = 22050;
    const { l, r } = renderGenerator(waves, { seconds: 240, seed: 8, sampleRate: fs, block: 2048 });
    // 10 Hz envelope, smoothed over ~1 s, then peaks at least 4 s apart above the median.
    const env = lowpass(rmsEnvelope(mid(l, r), fs / 10), 10, 0.6, 4);
    const sorted = Array.from(env).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] as number;
    const peaks: number[] = [];
    for (let i = 1; i < env.length - 1; i++) {
      const v = env[i] as number;
      if (v > median && v >= (env[i - 1] as number) && v > (env[i + 1] as number)) {
        if (peaks.length === 0 || i - (peaks[peaks.length - 1] as number) > 40) peaks.push(i);
      }
    }
    const gaps = peaks.slice(1).map((p, i) => (p - (peaks[i] as number)) / 10);
    gaps.sort((a, b) => a - b);
    const medianGap = gaps[Math.floor(gaps.length / 2)] as number;
    expect(medianGap).toBeGreaterThanOrEqual(6);
    expect(medianGap).toBeLessThanOrEqual(15);
  });
});

describe("rain", () => {
  it("is never shrill: little energy above 8 kHz at default softness", () => {
    const x = raw(rain, 10, {});
    expect(bandFraction(welch(x, 4096), 48000, 8000, 24000)).toBeLessThan(0.05);
  });
});

describe("subsonic content", () => {
  // Under 20 Hz nothing is heard, but it costs headroom and pumps headphone drivers. Without the
  // beds' subsonic filter brown noise put 56 % of its energy there, waves 42 %, pink 30 %.
  for (const def of [brownNoise, pinkNoise, waves, fire, wind]) {
    it(`${def.id} keeps under 20 % of its energy below 20 Hz (as placed, defaults)`, () => {
      const { l } = renderGenerator(def, { seconds: 30, seed: 4 });
      const share = bandFraction(welch(l.subarray(48000), 32768), 48000, 0, 20);
      expect(share).toBeLessThan(0.2);
    });
  }
});

describe("leaves", () => {
  it("rustle across the band rather than ping in one: over a third of the energy in 4.5–10 kHz", () => {
    // Before: 68 % sat in 1.4–4.2 kHz and only 20 % above 4.5 kHz (it read as rain).
    const { l } = renderGenerator(leaves, { seconds: 30, seed: 4 });
    const p = welch(l.subarray(48000), 4096);
    expect(bandFraction(p, 48000, 4500, 10000)).toBeGreaterThan(0.33);
    expect(bandFraction(p, 48000, 1400, 4200)).toBeLessThan(0.5);
  });
});
