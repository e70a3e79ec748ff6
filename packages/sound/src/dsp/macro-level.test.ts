import { describe, expect, it } from "vitest";
import { MacroLevel } from "./macro-level";

const DT = 32 / 48000;

/** Run `seconds` of a power curve through a fresh normaliser; returns the output power per step. */
function run(seconds: number, power: (t: number) => number, strength = 1): number[] {
  const m = new MacroLevel(DT, 8, strength);
  const out: number[] = [];
  for (let t = 0; t < seconds; t += DT) {
    const p = power(t);
    m.power = p;
    m.reference = 1;
    m.step();
    out.push(p * m.gain * m.gain);
  }
  return out;
}

const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const db = (x: number) => 10 * Math.log10(x);

describe("MacroLevel", () => {
  it("takes a seed's slow offset back to the reference (a +4 dB minute ends within 0.3 dB)", () => {
    const out = run(60, () => 10 ** 0.4);
    expect(Math.abs(db(mean(out.slice(-Math.round(10 / DT)))))).toBeLessThan(0.3);
  });

  it("lets a gust through: a 2 s +6 dB swell keeps over 5 dB of its rise", () => {
    const out = run(30, (t) => (t > 20 && t < 22 ? 4 : 1));
    const before = out[Math.round(19.9 / DT)] as number;
    const peak = Math.max(...out.slice(Math.round(20 / DT), Math.round(22 / DT)));
    expect(db(peak / before)).toBeGreaterThan(5);
  });

  it("starts at unity gain (no fade-in and nothing seed-dependent at the start)", () => {
    const m = new MacroLevel(DT, 8, 1);
    m.power = 1;
    m.reference = 1;
    m.step();
    expect(m.gain).toBe(1);
  });

  it("at strength 0.75 keeps a quarter of a slow offset in dB", () => {
    const out = run(90, () => 10 ** 0.4, 0.75);
    expect(db(mean(out.slice(-Math.round(10 / DT))))).toBeCloseTo(1, 1);
  });
});
