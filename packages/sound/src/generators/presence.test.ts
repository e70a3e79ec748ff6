import { describe, expect, it } from "vitest";
import { renderGenerator } from "../analysis/render";
import { bandFraction, welch } from "../analysis/spectrum";
import { generatorById } from "./index";
import { Presence } from "./presence";

/** 2–10 kHz share of L + R, 20 s, seed 1, defaults (the beds' channels at ±30°). */
function share(id: string): number {
  const def = generatorById(id);
  if (!def) throw new Error(id);
  const { l, r } = renderGenerator(def, { seconds: 20, seed: 1 });
  const mid = new Float32Array(l.length);
  for (let i = 0; i < l.length; i++) mid[i] = ((l[i] as number) + (r[i] as number)) * 0.5;
  return bandFraction(welch(mid, 4096), 48000, 2000, 10000);
}

describe("the beds' presence shelf", () => {
  it("keeps the beds' timbre through the equalised head model (2–10 kHz share as before it)", () => {
    // Shares before the diffuse-field equalisation (60 s), and without this shelf after it:
    // white 64.7 % (46.1 %), rain 40.2 % (18.5 %), pink 14.8 % (5.0 %).
    expect(share("white-noise")).toBeGreaterThan(0.6);
    expect(share("rain")).toBeGreaterThan(0.35);
    expect(share("pink-noise")).toBeGreaterThan(0.12);
  });

  it("is a shelf: unity at low frequencies, near its gain at 16 kHz, the same in both channels", () => {
    const fs = 48000;
    const p = new Presence(fs, 2);
    const n = 4800;
    const tone = (f: number) => {
      const a = new Float32Array(n);
      const b = new Float32Array(n);
      for (let i = 0; i < n; i++) a[i] = b[i] = Math.sin((2 * Math.PI * f * i) / fs);
      new Presence(fs, 2).run(a, b, 0, n);
      let peak = 0;
      for (let i = n / 2; i < n; i++) peak = Math.max(peak, Math.abs(a[i] as number));
      expect(b).toEqual(a);
      return peak;
    };
    expect(tone(50)).toBeCloseTo(1, 2);
    const hi = tone(16000);
    expect(hi).toBeGreaterThan(1.7);
    expect(hi).toBeLessThan(2.01);
    p.flush();
  });
});
