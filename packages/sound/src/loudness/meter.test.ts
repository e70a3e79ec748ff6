import { describe, expect, it } from "vitest";
import { integratedLoudness, LoudnessMeter } from "./meter";

function sine(fs: number, seconds: number, freq: number, amp: number): Float32Array {
  const x = new Float32Array(Math.round(fs * seconds));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * freq * i) / fs);
  return x;
}

describe("BS.1770-4 loudness meter", () => {
  it("reads −3.01 LUFS for a 0 dBFS 1 kHz sine on one channel (the standard's reference)", () => {
    const fs = 48000;
    const l = sine(fs, 5, 1000, 1);
    const r = new Float32Array(l.length);
    expect(integratedLoudness(fs, [l, r])).toBeCloseTo(-3.01, 1);
  });

  it("reads −20 LUFS for a −20 dBFS 1 kHz sine in both channels, at 44.1 and 48 kHz", () => {
    for (const fs of [44100, 48000]) {
      const x = sine(fs, 5, 1000, 10 ** (-20 / 20));
      expect(integratedLoudness(fs, [x, x])).toBeCloseTo(-20, 1);
    }
  });

  it("weights highs up (+4 dB shelf) and rolls off the lowest lows (RLB)", () => {
    const fs = 48000;
    const hi = sine(fs, 3, 10000, 0.1);
    const lo = sine(fs, 3, 20, 0.1);
    const ref = sine(fs, 3, 1000, 0.1);
    const lRef = integratedLoudness(fs, [ref, ref]);
    expect(integratedLoudness(fs, [hi, hi]) - lRef).toBeGreaterThan(3);
    expect(integratedLoudness(fs, [lo, lo]) - lRef).toBeLessThan(-10);
  });

  it("gates silence: absolute gate ignores digital silence, relative gate ignores quiet parts", () => {
    const fs = 48000;
    const loud = sine(fs, 4, 1000, 10 ** (-20 / 20));
    const x = new Float32Array(loud.length * 3);
    x.set(loud, 0); // 4 s at −20, then 8 s of silence (blocks straddling the edge count, as specified)
    expect(integratedLoudness(fs, [x, x])).toBeCloseTo(-20, 0);
    const quiet = sine(fs, 4, 1000, 10 ** (-45 / 20));
    const y = new Float32Array(loud.length * 2);
    y.set(loud, 0);
    y.set(quiet, loud.length);
    expect(integratedLoudness(fs, [y, y])).toBeCloseTo(-20, 0);
  });

  it("streams: pushing in odd chunks gives the same result as one pass", () => {
    const fs = 48000;
    const x = sine(fs, 3, 440, 0.3);
    const m = new LoudnessMeter(fs);
    for (let i = 0; i < x.length; i += 777) m.push([x, x], i, Math.min(777, x.length - i));
    expect(m.integrated()).toBeCloseTo(integratedLoudness(fs, [x, x]), 10);
  });
});
