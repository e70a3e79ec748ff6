/**
 * The contract every registered generator passes, rendered through the full engine
 * (binaural placement at the front, 1 m; master; limiter). Run one generator with
 *   GENERATOR=rain npx vitest run packages/sound/src/generators/contract.test.ts
 */
import { describe, expect, it } from "vitest";
import { autocorrelation } from "../analysis/autocorr";
import { clickOutliers } from "../analysis/clicks";
import { decimate, detrend, highpass, lowpass, mid, rmsEnvelope } from "../analysis/filters";
import { type RenderOptions, renderGenerator, type Stereo } from "../analysis/render";
import type { GeneratorDef, ParamSpec } from "../generator";
import { integratedLoudness } from "../loudness/meter";
import { truePeakDb } from "../loudness/true-peak";
import { GENERATORS } from "./index";

const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
const only = env?.GENERATOR?.split(",");
const defs = GENERATORS.filter((g) => !only || only.includes(g.id));

function same(a: Stereo, b: Stereo): boolean {
  if (a.l.length !== b.l.length) return false;
  for (let i = 0; i < a.l.length; i++) if (a.l[i] !== b.l[i] || a.r[i] !== b.r[i]) return false;
  return true;
}

function clicks(x: Stereo): number {
  return clickOutliers(x.l).length + clickOutliers(x.r).length;
}

/** Render `seconds` while sweeping one parameter from min to max (steps every 256 frames). */
function sweep(def: GeneratorDef, p: ParamSpec, seconds: number): Stereo {
  const fs = 48000;
  const total = seconds * fs;
  return renderGenerator(def, {
    seconds,
    seed: 3,
    block: 256,
    onBlock: (engine, frame) => {
      const x = frame / total;
      const v = p.choices
        ? Math.min(p.max, Math.floor(x * (p.max - p.min + 1)) + p.min)
        : p.min + (p.max - p.min) * x;
      engine.setLayerParam("solo", p.name, v);
    },
  });
}

/** The largest |mean| of the two channels. */
function dc(x: Stereo): number {
  let sl = 0;
  let sr = 0;
  for (let i = 0; i < x.l.length; i++) {
    sl += x.l[i] as number;
    sr += x.r[i] as number;
  }
  return Math.max(Math.abs(sl / x.l.length), Math.abs(sr / x.r.length));
}

/** Every parameter at its minimum, or every one at its maximum. */
function extreme(def: GeneratorDef, end: "min" | "max"): Record<string, number> {
  return Object.fromEntries(def.params.map((p) => [p.name, p[end]]));
}

/**
 * Generators being rewritten under issue 14 by others, whose per-seed loudness is not yet held to
 * −27 ±1 LUFS (the lead clears this list once they are recalibrated). Measured at 1b31b0a:
 * pen-on-paper −27.46 … −25.59 LUFS (seed 4), hair-brushing −27.17 … −25.37 (seed 6).
 */
function staticAt(def: GeneratorDef, name: string, value: number, seconds: number): Stereo {
  return renderGenerator(def, { seconds, seed: 3, block: 256, params: { [name]: value } });
}

describe.each(defs.map((d) => [d.id, d] as const))("generator contract: %s", (_id, def) => {
  const long: RenderOptions = { seconds: 60, seed: 11 };
  let main: Stereo | undefined;
  const mainRender = (): Stereo => {
    main ??= renderGenerator(def, long);
    return main;
  };

  it("declares 2–5 meaningful parameters plus variation, with defaults in range", () => {
    const names = def.params.map((p) => p.name);
    expect(names).toContain("variation");
    expect(names.length - 1).toBeGreaterThanOrEqual(2);
    expect(names.length - 1).toBeLessThanOrEqual(5);
    expect(new Set(names).size).toBe(names.length);
    for (const p of def.params) {
      expect(p.min).toBeLessThan(p.max);
      expect(p.default).toBeGreaterThanOrEqual(p.min);
      expect(p.default).toBeLessThanOrEqual(p.max);
      if (p.choices) expect(p.choices.length).toBe(p.max - p.min + 1);
    }
    expect(def.description.length).toBeGreaterThan(10);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    const a = renderGenerator(def, { seconds: 3, seed: 5 });
    const b = renderGenerator(def, { seconds: 3, seed: 5 });
    const c = renderGenerator(def, { seconds: 3, seed: 6 });
    expect(same(a, b)).toBe(true);
    expect(same(a, c)).toBe(false);
  });

  it("is block-size invariant (128 vs 37 frames through the engine)", () => {
    const a = renderGenerator(def, { seconds: 4, seed: 9, block: 128 });
    const b = renderGenerator(def, { seconds: 4, seed: 9, block: 37 });
    expect(same(a, b)).toBe(true);
  });

  it("renders finite samples without DC, under −1 dBTP, at −27 ±1 LUFS", () => {
    const { l, r, sampleRate } = mainRender();
    let dcL = 0;
    let dcR = 0;
    for (let i = 0; i < l.length; i++) {
      const a = l[i] as number;
      const b = r[i] as number;
      if (!Number.isFinite(a) || !Number.isFinite(b)) throw new Error(`non-finite sample at ${i}`);
      dcL += a;
      dcR += b;
    }
    // Issue 14: attic-storm sat at +2.1e-3 DC, rain-on-roof and stream just under 1e-3.
    expect(Math.abs(dcL / l.length)).toBeLessThan(1e-4);
    expect(Math.abs(dcR / r.length)).toBeLessThan(1e-4);
    expect(truePeakDb([l, r])).toBeLessThanOrEqual(-1);
    const lufs = integratedLoudness(sampleRate, [l, r]);
    expect(lufs).toBeGreaterThanOrEqual(-28);
    expect(lufs).toBeLessThanOrEqual(-26);
  });

  it("has no DC with every parameter at its minimum or its maximum (60 s, |mean| < 1e-4)", () => {
    for (const end of ["min", "max"] as const) {
      const x = renderGenerator(def, { seconds: 60, seed: 11, params: extreme(def, end) });
      expect(dc(x), `params at ${end}`).toBeLessThan(1e-4);
    }
  });

  it("renders at −27 ±1 LUFS whatever the seed (seeds 1–6, 60 s each)", () => {
    // Issue 14: evolving beds varied with the seed (leaves 3.5 LU, waves 4.7 LU across 1–6).
    const all: string[] = [];
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let seed = 1; seed <= 6; seed++) {
      const x = renderGenerator(def, { seconds: 60, seed });
      const lufs = integratedLoudness(x.sampleRate, [x.l, x.r]);
      all.push(lufs.toFixed(2));
      lo = Math.min(lo, lufs);
      hi = Math.max(hi, lufs);
    }
    expect(lo, `seeds 1–6: ${all.join(", ")} LUFS`).toBeGreaterThanOrEqual(-28);
    expect(hi, `seeds 1–6: ${all.join(", ")} LUFS`).toBeLessThanOrEqual(-26);
  });

  it("has no clicks while each parameter sweeps or the source moves", () => {
    const seconds = 6;
    for (const p of def.params) {
      const swept = sweep(def, p, seconds);
      for (let i = 0; i < swept.l.length; i++) {
        if (!Number.isFinite(swept.l[i] as number)) throw new Error(`${p.name}: non-finite sample`);
      }
      const base = Math.max(
        clicks(staticAt(def, p.name, p.min, seconds)),
        clicks(staticAt(def, p.name, p.max, seconds)),
      );
      expect(clicks(swept), `param ${p.name}`).toBeLessThanOrEqual(Math.ceil(base * 1.5) + 3);
    }
    const still = clicks(renderGenerator(def, { seconds, seed: 3 }));
    for (const motion of [
      { kind: "orbit", period: 3 },
      { kind: "approach", period: 4, depth: 0.1 },
      { kind: "sweep", period: 2 },
    ] as const) {
      const moving = renderGenerator(def, { seconds, seed: 3, motion });
      expect(clicks(moving), `motion ${motion.kind}`).toBeLessThanOrEqual(Math.ceil(still * 1.5) + 3);
    }
  });

  it("never loops: waveform and envelope do not repeat over 5 minutes", () => {
    const fs = 22050;
    const { l, r } = renderGenerator(def, { seconds: 300, seed: 21, sampleRate: fs, block: 2048 });
    const m = mid(l, r);
    // Waveform: 300–1800 Hz band (decimated ×5), |r| < 0.1 for lags 1 s … 2 min.
    const band = decimate(lowpass(highpass(Float64Array.from(m), fs, 300, 4), fs, 1800, 4), 5);
    const dfs = fs / 5;
    const ac = autocorrelation(band, Math.round(120 * dfs));
    let worst = 0;
    let worstLag = 0;
    for (let k = Math.round(dfs); k < ac.length; k++) {
      const v = Math.abs(ac[k] as number);
      if (v > worst) {
        worst = v;
        worstLag = k / dfs;
      }
    }
    expect(worst, `waveform autocorrelation ${worst.toFixed(3)} at ${worstLag.toFixed(2)} s`).toBeLessThan(
      0.1,
    );
    // Envelope: 50 ms RMS frames, slow drift removed (10 s), no pattern beyond 20 s or the declared cycle.
    const hop = Math.round(fs * 0.05);
    const env = detrend(rmsEnvelope(m, hop), 200);
    const eac = autocorrelation(env, Math.round(120 / 0.05));
    const from = Math.max(20, 1.5 * (def.cycleSeconds?.[1] ?? 0));
    let eWorst = 0;
    let eLag = 0;
    for (let k = Math.round(from / 0.05); k < eac.length; k++) {
      const v = Math.abs(eac[k] as number);
      if (v > eWorst) {
        eWorst = v;
        eLag = k * 0.05;
      }
    }
    expect(eWorst, `envelope autocorrelation ${eWorst.toFixed(3)} at ${eLag.toFixed(1)} s`).toBeLessThan(0.3);
  });
});
