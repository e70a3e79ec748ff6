import { describe, expect, it } from "vitest";
import { Biquad } from "../dsp/biquad";
import { Rng } from "../rng";
import { pitchStats, trackPitch, voicedShare } from "./pitch";

const FS = 16000;

function noise(seconds: number, seed: number, band?: [number, number]): Float32Array {
  const rng = new Rng(seed);
  const hp = new Biquad(FS).highpass(band?.[0] ?? 20, Math.SQRT1_2);
  const lp = new Biquad(FS).lowpass(band?.[1] ?? 7900, Math.SQRT1_2);
  const x = new Float32Array(seconds * FS);
  for (let i = 0; i < x.length; i++) x[i] = 0.1 * lp.tick(hp.tick(rng.gauss()));
  return x;
}

/** A band-limited sawtooth gliding from f0 to f1 Hz. */
function glide(f0: number, f1: number, seconds: number): Float32Array {
  const x = new Float32Array(seconds * FS);
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    const f = f0 + ((f1 - f0) * i) / x.length;
    phase += f / FS;
    let v = 0;
    for (let h = 1; h * f < 3000; h++) v += Math.sin(2 * Math.PI * h * phase) / h;
    x[i] = 0.1 * v;
  }
  return x;
}

describe("pitch detector", () => {
  it("finds the fundamental of a gliding harmonic tone within 1 %", () => {
    const x = glide(100, 250, 2);
    const t = trackPitch(x, FS);
    let checked = 0;
    for (let f = 5; f < t.f0.length - 5; f++) {
      const centre = (f * t.hop + 0.02) / 2; // seconds into the glide ÷ its length
      const expected = 100 + 150 * centre;
      expect(Math.abs((t.f0[f] as number) / expected - 1)).toBeLessThan(0.01);
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
    expect(voicedShare(x, FS)).toBeGreaterThan(0.95);
    expect(pitchStats(x, FS).range).toBeGreaterThan(12);
  });

  it("calls noise unvoiced: white, and band-limited like a whispered vowel", () => {
    expect(voicedShare(noise(5, 1), FS)).toBeLessThan(0.01);
    expect(voicedShare(noise(5, 2, [350, 1200]), FS)).toBeLessThan(0.02);
  });

  it("calls noise with steep onsets unvoiced (no chance peaks)", () => {
    const x = noise(10, 3, [400, 1100]);
    for (let i = 0; i < x.length; i++) {
      const ph = ((i / FS) % 0.1) / 0.1;
      x[i] = (x[i] as number) * 10 ** (4 * Math.min(ph, 1 - ph) - 2);
    }
    expect(voicedShare(x, FS)).toBeLessThan(0.02);
  });

  it("silence has no active frames", () => {
    expect(voicedShare(new Float32Array(FS), FS)).toBe(0);
  });
});
