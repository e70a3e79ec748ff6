import { describe, expect, it } from "vitest";
import {
  BAND_COUNT,
  bandCentreHz,
  longTermSpectrum,
  normaliseProfile,
  shamProfileFor,
} from "./long-term-spectrum";

const FS = 48000;

function sine(freq: number, seconds: number): Float64Array {
  const x = new Float64Array(seconds * FS);
  for (let i = 0; i < x.length; i++) x[i] = Math.sin((2 * Math.PI * freq * i) / FS);
  return x;
}

describe("longTermSpectrum", () => {
  it("has 25 1/3-octave bands from 50 Hz to 12.7 kHz through 1 kHz", () => {
    expect(BAND_COUNT).toBe(25);
    expect(bandCentreHz(13)).toBe(1000);
    expect(bandCentreHz(0)).toBeCloseTo(49.6, 1);
    expect(bandCentreHz(24)).toBeCloseTo(12699, 0);
  });

  it("puts a full-scale 1 kHz sine's power (−3.01 dB) in the 1 kHz band and nowhere else", () => {
    const lv = longTermSpectrum(sine(1000, 2), FS);
    expect(lv[13]).toBeCloseTo(-3.01, 1);
    for (let k = 0; k < BAND_COUNT; k++) if (Math.abs(k - 13) > 1) expect(lv[k] as number).toBeLessThan(-60);
  });

  it("gives white noise 1 dB more per band (energy ∝ bandwidth) and the right total", () => {
    let s = 12345;
    const x = new Float64Array(10 * FS);
    for (let i = 0; i < x.length; i++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      x[i] = (s >>> 8) / 2 ** 23 - 1; // uniform, variance 1/3
    }
    const lv = longTermSpectrum(x, FS);
    // Band k's share of a flat spectrum: its width over Nyquist, of the variance 1/3.
    for (let k = 6; k < BAND_COUNT; k++) {
      const width = bandCentreHz(k) * (2 ** (1 / 6) - 2 ** (-1 / 6));
      expect(lv[k] as number, `band ${k}`).toBeCloseTo(10 * Math.log10(((1 / 3) * width) / (FS / 2)), 0);
    }
  });

  it("rejects bad input", () => {
    expect(() => longTermSpectrum(new Float64Array(100), 0)).toThrow(/sampleRate/);
    expect(() => longTermSpectrum(new Float64Array(1), FS)).toThrow(/two samples/);
  });
});

describe("shamProfileFor", () => {
  it("returns 25 relative band levels with mean 0, reproducibly", () => {
    const a = shamProfileFor("rain", {}, FS, 4, 5);
    const b = shamProfileFor("rain", {}, FS, 4, 5);
    expect(a.length).toBe(BAND_COUNT);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.reduce((s, v) => s + v, 0) / a.length).toBeCloseTo(0, 9);
    // Rain is brighter than it is boomy: 2 kHz well above 63 Hz.
    expect((a[16] as number) - (a[1] as number)).toBeGreaterThan(10);
  });

  it("follows the generator's parameters (a darker tone moves energy down)", () => {
    const open = shamProfileFor("pink-noise", { tone: 1 }, FS, 4, 5);
    const dark = shamProfileFor("pink-noise", { tone: 0 }, FS, 4, 5);
    expect((open[22] as number) - (dark[22] as number)).toBeGreaterThan(20);
  });

  it("names an unknown generator", () => {
    expect(() => shamProfileFor("nope", {}, FS, 1)).toThrow(/unknown generator "nope"/);
  });

  it("normalises any levels to mean 0", () => {
    expect(Array.from(normaliseProfile([1, 2, 3]))).toEqual([-1, 0, 1]);
  });
});
