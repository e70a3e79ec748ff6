import { describe, expect, it } from "vitest";
import { CRUMPLE_ALPHA, crumpleEnergies, paperCrinkle } from "./paper-crinkle";

const SR = 48000;

/** Power-law exponent by least squares on a log-binned density (bins of 1/5 decade). */
function fitExponent(e: Float64Array, decades: number): number {
  const binsPerDecade = 5;
  const nb = Math.floor(decades * binsPerDecade);
  const counts = new Float64Array(nb);
  for (const x of e) {
    const b = Math.floor(Math.log10(x) * binsPerDecade);
    if (b >= 0 && b < nb) counts[b] = (counts[b] as number) + 1;
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let b = 0; b < nb; b++) {
    const lo = 10 ** (b / binsPerDecade);
    const hi = 10 ** ((b + 1) / binsPerDecade);
    const c = counts[b] as number;
    if (c < 5) continue;
    xs.push(Math.log10(Math.sqrt(lo * hi)));
    ys.push(Math.log10(c / (hi - lo)));
  }
  const n = xs.length;
  const mx = xs.reduce((s, v) => s + v, 0) / n;
  const my = ys.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += ((xs[i] as number) - mx) * ((ys[i] as number) - my);
    den += ((xs[i] as number) - mx) ** 2;
  }
  return -num / den;
}

function render(v: ReturnType<typeof paperCrinkle.create>, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return out;
}

describe("paper-crinkle character", () => {
  it("draws click energies from a power law with exponent 1.3–1.6 over two decades", () => {
    const e = crumpleEnergies(42, 50000);
    let max = 0;
    for (const x of e) max = Math.max(max, x);
    expect(max / Math.min(...e)).toBeGreaterThan(100);
    const alpha = fitExponent(e, 2.2);
    expect(alpha).toBeGreaterThan(1.3);
    expect(alpha).toBeLessThan(1.6);
    expect(Math.abs(alpha - CRUMPLE_ALPHA)).toBeLessThan(0.1);
  });

  it("the fit rejects a distribution with the wrong exponent", () => {
    expect(fitExponent(crumpleEnergies(42, 50000, 2.2), 2.2)).toBeGreaterThan(1.9);
  });

  it("is silent with activity 0, and a trigger crumples at once", () => {
    const v = paperCrinkle.create(SR, 4);
    v.setParam("activity", 0);
    const quiet = render(v, 2);
    expect(quiet.reduce((m, x) => Math.max(m, Math.abs(x)), 0)).toBe(0);
    v.trigger?.(1);
    const loud = render(v, 0.4);
    expect(loud.reduce((m, x) => Math.max(m, Math.abs(x)), 0)).toBeGreaterThan(0.01);
  });

  it("crackles arrive in gestures separated by rests", () => {
    const v = paperCrinkle.create(SR, 8);
    const x = render(v, 60);
    const hop = SR / 10;
    let silent = 0;
    let busy = 0;
    for (let i = 0; i + hop <= x.length; i += hop) {
      let s = 0;
      for (let k = 0; k < hop; k++) s += (x[i + k] as number) ** 2;
      if (Math.sqrt(s / hop) < 1e-4) silent++;
      else busy++;
    }
    expect(silent).toBeGreaterThan(60);
    expect(busy).toBeGreaterThan(120);
  });
});
