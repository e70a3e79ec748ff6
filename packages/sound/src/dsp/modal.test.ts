import { describe, expect, it } from "vitest";
import { Rng } from "../rng";
import { Drift, softClip } from "./envelope";
import { GrainPool } from "./grains";
import { ModalBank, materialT60 } from "./modal";
import { Svf } from "./svf";

const SR = 48000;

describe("ModalBank", () => {
  it("rings each mode with the given amplitude and decays at its bandwidth", () => {
    const bank = new ModalBank(SR, 1);
    bank.setMode(0, 1000, 10, 0.5);
    const x = new Float64Array(SR);
    x[0] = 1;
    const y = new Float64Array(SR);
    bank.run(x, y, SR);
    let peak = 0;
    for (let i = 0; i < 200; i++) peak = Math.max(peak, Math.abs(y[i] as number));
    expect(peak).toBeCloseTo(0.5, 2);
    // amplitude envelope e^(−πBt): after 1/(πB) s it is down to 1/e
    const tau = Math.round(SR / (Math.PI * 10));
    let later = 0;
    for (let i = tau; i < tau + 100; i++) later = Math.max(later, Math.abs(y[i] as number));
    expect(later / peak).toBeGreaterThan(0.33);
    expect(later / peak).toBeLessThan(0.41);
  });

  it("run (block) and tick (per sample) agree; settle flushes dead modes", () => {
    const a = new ModalBank(SR, 3);
    const b = new ModalBank(SR, 3);
    for (const m of [a, b]) {
      m.setMode(0, 300, 5, 1);
      m.setMode(1, 1200, 40, 0.5);
      m.setMaterialMode(2, 2500, 0.01, 0.3);
    }
    const x = new Float64Array(64);
    x[3] = 1;
    const ya = new Float64Array(64);
    a.run(x, ya, 64);
    for (let i = 0; i < 64; i++) expect(b.tick(x[i] as number)).toBeCloseTo(ya[i] as number, 12);
    const silent = new ModalBank(SR, 1);
    silent.settle();
    expect(silent.isSilent).toBe(true);
    expect(materialT60(1000, 0.001)).toBeGreaterThan(10 * materialT60(1000, 0.01) - 1e-9);
  });
});

describe("Svf", () => {
  it("runBand matches per-sample bandNorm and peaks at 0 dB at the centre", () => {
    const a = new Svf(SR).set(2000, 4);
    const b = new Svf(SR).set(2000, 4);
    const n = 4800;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.sin((2 * Math.PI * 2000 * i) / SR);
    const y = new Float64Array(n);
    a.runBand(x, y, n, 1);
    let peak = 0;
    for (let i = 0; i < n; i++) {
      expect(b.bandNorm(x[i] as number)).toBeCloseTo(y[i] as number, 12);
      if (i > n / 2) peak = Math.max(peak, Math.abs(y[i] as number));
    }
    expect(peak).toBeGreaterThan(0.97);
    expect(peak).toBeLessThan(1.03);
  });
});

describe("helpers", () => {
  it("Drift stays in [−1, 1] and moves smoothly", () => {
    const d = new Drift(new Rng(1), SR, 1, 3);
    let prev = d.value;
    for (let i = 0; i < 20000; i++) {
      d.advance(32);
      const v = d.value;
      expect(Math.abs(v)).toBeLessThanOrEqual(1);
      expect(Math.abs(v - prev)).toBeLessThan(0.01);
      prev = v;
    }
  });

  it("softClip is transparent below the knee and never exceeds the ceiling", () => {
    expect(softClip(0.3)).toBe(0.3);
    expect(softClip(-0.45)).toBe(-0.45);
    expect(softClip(50)).toBeLessThanOrEqual(0.8);
    expect(softClip(-50)).toBeGreaterThanOrEqual(-0.8);
  });

  it("GrainPool rings a grain and then goes idle", () => {
    const g = new GrainPool(SR, 4);
    expect(g.idle).toBe(true);
    g.spawn(1, 3000, 300, 0.001);
    const rng = new Rng(2);
    let energy = 0;
    for (let i = 0; i < SR / 2; i++) energy += g.tick(rng.signed()) ** 2;
    expect(energy).toBeGreaterThan(0);
    expect(g.idle).toBe(true);
  });
});
