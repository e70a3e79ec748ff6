/**
 * Character checks for the beds: noise slopes, nothing much under 20 Hz, wave cycles and the wash
 * between them, rain kept soft, no notch in the wind.
 */
import { describe, expect, it } from "vitest";
import { highpass, lowpass, mid, rmsEnvelope } from "../analysis/filters";
import { renderGenerator } from "../analysis/render";
import { bandFraction, slopeDbPerOctave, welch } from "../analysis/spectrum";
import * as C from "../engine/constants";
import type { GeneratorDef } from "../generator";
import { brownNoise } from "./brown-noise";
import { fire } from "./fire";
import { leaves } from "./leaves";
import { pinkNoise } from "./pink-noise";
import { BED_PRESENCE } from "./presence";
import { rain } from "./rain";
import { waves } from "./waves";
import { whiteNoise } from "./white-noise";
import { wind } from "./wind";

/** The voice alone (no head model, no presence shelf), channel a, fully open tone, no swell or variation. */
function raw(def: GeneratorDef, seconds: number, params: Record<string, number>): Float32Array {
  const fs = 48000;
  const v = def.create(fs, 12);
  for (const [k, x] of Object.entries(params)) v.setParam(k, x);
  const a = new Float32Array(seconds * fs);
  const b = new Float32Array(seconds * fs);
  for (let i = 0; i < a.length; i += 1024) v.process(a, b, i, Math.min(1024, a.length - i));
  if (PRESENCE_BEDS.has(def.id)) undoPresence(a, fs);
  return a.subarray(fs);
}

/** Beds whose voice ends in the presence shelf (presence.ts), a stand-in for the head model. */
const PRESENCE_BEDS = new Set([
  "white-noise",
  "pink-noise",
  "brown-noise",
  "rain",
  "stream",
  "wind",
  "leaves",
]);

/** The presence shelf's exact inverse, in place: the voice's own colour, as before the shelf. */
function undoPresence(x: Float32Array, fs: number): void {
  const w0 = C.SPEED_OF_SOUND / C.HEAD_RADIUS;
  const den = w0 + fs;
  const b0 = (w0 + BED_PRESENCE * fs) / den;
  const b1 = (w0 - BED_PRESENCE * fs) / den;
  const a1 = (w0 - fs) / den;
  let x1 = 0;
  let y1 = 0;
  for (let i = 0; i < x.length; i++) {
    const u = x[i] as number;
    const y = (u + a1 * x1 - b1 * y1) / b0;
    x1 = u;
    y1 = y;
    x[i] = y;
  }
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

/** Mean power of `psd` over [lo, hi] Hz. */
function bandPower(psd: Float64Array, fs: number, lo: number, hi: number): number {
  const size = (psd.length - 1) * 2;
  let sum = 0;
  let n = 0;
  for (let k = Math.ceil((lo * size) / fs); k <= Math.floor((hi * size) / fs); k++) {
    sum += psd[k] as number;
    n++;
  }
  return sum / Math.max(n, 1);
}

describe("ocean waves keep a wash under them", () => {
  // Before: the troughs were nearly silent (19 dB swing above 100 Hz) and 30 % of the energy sat
  // under 30 Hz.
  const fs = 48000;
  let cached: Float64Array | undefined;
  const sea = (): Float64Array => {
    if (!cached) {
      const { l, r } = renderGenerator(waves, { seconds: 60, seed: 11 });
      cached = mid(l, r);
    }
    return cached;
  };
  it("swings at most 12 dB above 100 Hz (95th − 5th percentile of 100 ms levels over 60 s)", () => {
    const hp = highpass(Float64Array.from(sea()), fs, 100, 4);
    const hop = fs / 10;
    const levels: number[] = [];
    for (let i = 0; i + hop <= hp.length; i += hop) {
      let e = 0;
      for (let k = i; k < i + hop; k++) e += (hp[k] as number) ** 2;
      levels.push(10 * Math.log10(e / hop + 1e-20));
    }
    levels.sort((a, b) => a - b);
    const at = (q: number) => levels[Math.floor(q * (levels.length - 1))] as number;
    expect(at(0.95) - at(0.05)).toBeLessThanOrEqual(12);
  });
  it("keeps under 5 % of its energy below 30 Hz", () => {
    expect(bandFraction(welch(sea(), 32768), fs, 0, 30)).toBeLessThan(0.05);
  });
});

describe("wind", () => {
  it("has no notch deeper than 6 dB against its ±1/3-octave neighbourhood (50 Hz–5 kHz)", () => {
    // Before: the rumble (low-passed) and the body (band-passed) were fed the same noise and met in
    // antiphase near 215 Hz: a notch 10 dB under the neighbourhood here, ~18 dB under the trend.
    const fs = 48000;
    const { l } = renderGenerator(wind, { seconds: 60, seed: 11 });
    const psd = welch(l, 32768);
    let worst = 0;
    let at = 0;
    for (let f = 50; f <= 5000; f *= 2 ** (1 / 24)) {
      const here = bandPower(psd, fs, f * 2 ** (-1 / 24), f * 2 ** (1 / 24));
      const below = bandPower(psd, fs, f * 2 ** (-1 / 3 - 1 / 24), f * 2 ** (-1 / 3 + 1 / 24));
      const above = bandPower(psd, fs, f * 2 ** (1 / 3 - 1 / 24), f * 2 ** (1 / 3 + 1 / 24));
      const depth = 10 * Math.log10((below + above) / 2 / here);
      if (depth > worst) {
        worst = depth;
        at = f;
      }
    }
    expect(worst, `notch ${worst.toFixed(1)} dB at ${at.toFixed(0)} Hz`).toBeLessThan(6);
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
