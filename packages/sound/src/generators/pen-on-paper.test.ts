import { describe, expect, it } from "vitest";
import { highpass, lowpass } from "../analysis/filters";
import { renderGenerator } from "../analysis/render";
import { welch } from "../analysis/spectrum";
import { penOnPaper } from "./pen-on-paper";

const SR = 48000;

function render(v: ReturnType<typeof penOnPaper.create>, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * SR));
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return out;
}

/** 20 ms RMS frames. */
function frames(x: Float32Array): number[] {
  const hop = SR / 50;
  const out: number[] = [];
  for (let i = 0; i + hop <= x.length; i += hop) {
    let s = 0;
    for (let k = 0; k < hop; k++) s += (x[i + k] as number) ** 2;
    out.push(Math.sqrt(s / hop));
  }
  return out;
}

function brightness(x: Float32Array): number {
  let d = 0;
  let e = 0;
  for (let i = 1; i < x.length; i++) {
    d += ((x[i] as number) - (x[i - 1] as number)) ** 2;
    e += (x[i] as number) ** 2;
  }
  return d / e;
}

describe("pen-on-paper character", () => {
  it("writes words separated by short gaps and longer line-end pauses", () => {
    const f = frames(render(penOnPaper.create(SR, 12), 60));
    const max = Math.max(...f);
    const quiet = f.map((e) => e < max / 300);
    const share = quiet.filter(Boolean).length / quiet.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.75);
    // gap lengths (frames of 20 ms)
    const gaps: number[] = [];
    let run = 0;
    for (const q of quiet) {
      if (q) run++;
      else if (run > 0) {
        gaps.push(run * 0.02);
        run = 0;
      }
    }
    expect(gaps.filter((g) => g > 0.08 && g < 0.6).length).toBeGreaterThan(10); // between words
    expect(gaps.filter((g) => g >= 0.6).length).toBeGreaterThan(2); // line ends, thoughts
  });

  it("pencil is brighter than ballpoint, which is brighter than felt tip", () => {
    const b = (pen: number) => {
      const v = penOnPaper.create(SR, 4);
      v.setParam("pen", pen);
      return brightness(render(v, 20));
    };
    const ball = b(0);
    const pencil = b(1);
    const felt = b(2);
    expect(pencil).toBeGreaterThan(1.15 * ball);
    expect(ball).toBeGreaterThan(1.15 * felt);
  });

  it("with pace 0 only a trigger writes, as one short stroke", () => {
    const v = penOnPaper.create(SR, 6);
    v.setParam("pace", 0);
    const idle = render(v, 2);
    expect(Math.max(...frames(idle))).toBe(0);
    v.trigger?.(0.8);
    const f = frames(render(v, 1.5));
    const max = Math.max(...f);
    expect(max).toBeGreaterThan(1e-3);
    const active = f.filter((e) => e > max / 30).length * 0.02;
    expect(active).toBeGreaterThan(0.1);
    expect(active).toBeLessThan(0.6);
  });
});

describe("pen on paper colour", () => {
  it("has no standing desk tone: the 190 Hz desk mode stays under 3 dB above its neighbours", () => {
    // Before the desk modes were damped it stood 4.3 dB out (a hum under every stroke).
    const { l } = renderGenerator(penOnPaper, { seconds: 30, seed: 4 });
    const p = welch(l.subarray(48000), 16384);
    const band = (lo: number, hi: number) => {
      let s = 0;
      let n = 0;
      for (let k = Math.round((lo * 16384) / 48000); k <= Math.round((hi * 16384) / 48000); k++) {
        s += p[k] as number;
        n++;
      }
      return 10 * Math.log10(s / n);
    };
    expect(band(180, 200) - (band(120, 150) + band(240, 280)) / 2).toBeLessThan(3);
  });
});

/** 10 ms frames while writing: RMS above 1/30 of the 99th-percentile frame. */
function writing(x: Float64Array, hop: number): boolean[] {
  const e: number[] = [];
  for (let i = 0; i + hop <= x.length; i += hop) {
    let s = 0;
    for (let k = 0; k < hop; k++) s += (x[i + k] as number) ** 2;
    e.push(Math.sqrt(s / hop));
  }
  const ref = [...e].sort((p, q) => p - q)[Math.floor(0.99 * e.length)] as number;
  return e.map((v) => v > ref / 30);
}

function band(x: Float64Array): Float64Array {
  return lowpass(highpass(Float64Array.from(x), SR, 2000, 4), SR, 10000, 4);
}

/**
 * Roughness of the friction: in each 20 ms frame while writing, the coefficient of variation of
 * the 2–10 kHz band's 1 ms RMS; the median over frames. Steady band noise gives ≈ 0.25
 * (1/√(2·B·T) with B = 8 kHz, T = 1 ms); a grainy, stick-slipping scrape fluctuates more.
 */
function roughness(x: Float64Array): number {
  const b = band(x);
  const cvs: number[] = [];
  writing(x, 960).forEach((on, f) => {
    if (!on) return;
    const r: number[] = [];
    for (let m = 0; m < 20; m++) {
      let s = 0;
      for (let k = 0; k < 48; k++) s += (b[f * 960 + m * 48 + k] as number) ** 2;
      r.push(Math.sqrt(s / 48));
    }
    const mean = r.reduce((p, q) => p + q) / r.length;
    const sd = Math.sqrt(r.reduce((p, q) => p + (q - mean) ** 2, 0) / r.length);
    if (mean > 0) cvs.push(sd / mean);
  });
  cvs.sort((p, q) => p - q);
  return cvs[Math.floor(cvs.length / 2)] as number;
}

/** Share of 10 ms frames while writing whose 2–10 kHz crest factor exceeds 4.5 (a grain catch). */
function catchShare(x: Float64Array): number {
  const b = band(x);
  let n = 0;
  let hit = 0;
  writing(x, 480).forEach((on, f) => {
    if (!on) return;
    let s = 0;
    let peak = 0;
    for (let k = f * 480; k < (f + 1) * 480; k++) {
      s += (b[k] as number) ** 2;
      peak = Math.max(peak, Math.abs(b[k] as number));
    }
    n++;
    if (peak / Math.sqrt(s / 480) > 4.5) hit++;
  });
  return hit / n;
}

/**
 * Prominence (dB) of the 1/12-octave band at `f` over the mean of the 1/12-octave bands 2–4
 * twelfths of an octave either side (its ±1/3-octave neighbourhood, the line itself left out).
 */
function prominence(p: Float64Array, size: number, f: number): number {
  const level = (g: number) => {
    const k0 = Math.max(1, Math.round((g * 2 ** (-1 / 24) * size) / SR));
    const k1 = Math.max(k0, Math.round((g * 2 ** (1 / 24) * size) / SR));
    let s = 0;
    for (let k = k0; k <= k1; k++) s += p[k] as number;
    return 10 * Math.log10(s / (k1 - k0 + 1));
  };
  let s = 0;
  let n = 0;
  for (let j = 2; j <= 4; j++) {
    s += level(f * 2 ** (j / 12)) + level(f * 2 ** (-j / 12));
    n += 2;
  }
  return level(f) - s / n;
}

describe("pen on paper grain (issue 14)", () => {
  // Before: a smooth scrape through six body modes, with lines at 1.0 and 1.75 kHz (2.6 and
  // 3.9 dB above their neighbourhood), friction roughness 0.29, 1.5 % of frames with a catch.
  const x = Float64Array.from(render(penOnPaper.create(SR, 1), 40));

  it("has no fixed tonal lines: no 1/12-octave band 3 dB over its ±1/3 octave, none at 1.0/1.75 kHz", () => {
    const size = 16384;
    const p = welch(x, size);
    let worst = Number.NEGATIVE_INFINITY;
    for (let f = 150; f <= 12000; f *= 2 ** (1 / 48)) worst = Math.max(worst, prominence(p, size, f));
    expect(worst).toBeLessThan(3);
    for (const line of [1000, 1750]) {
      for (let f = line * 0.95; f <= line * 1.05; f *= 2 ** (1 / 96)) {
        expect(prominence(p, size, f), `${f.toFixed(0)} Hz`).toBeLessThan(1.5);
      }
    }
  });

  it("the friction is rough and catches on the paper's grain", () => {
    expect(roughness(x)).toBeGreaterThan(0.4);
    expect(catchShare(x)).toBeGreaterThan(0.15);
  });

  it("toothy paper is rougher than smooth coated paper", () => {
    const at = (grain: number) => {
      const v = penOnPaper.create(SR, 5);
      v.setParam("grain", grain);
      return roughness(Float64Array.from(render(v, 20)));
    };
    expect(at(1)).toBeGreaterThan(at(0) + 0.05);
  });
});

describe("pen on paper touch-down (issue 14, finding 2)", () => {
  it("each touch-down is a broadband contact tick: fast rise, 2–10 kHz in its first 3 ms", () => {
    // Before: a 1.2 ms half-sine thump, 0 % of the first 3 ms in 2–10 kHz (rise 0.35–0.4 ms).
    const shares: number[] = [];
    for (let seed = 1; seed <= 6; seed++) {
      const v = penOnPaper.create(SR, seed);
      v.setParam("pace", 0);
      render(v, 1);
      v.trigger?.(0.8);
      const x = Float64Array.from(render(v, 0.1));
      let on = 0;
      while (on < x.length && Math.abs(x[on] as number) < 1e-5) on++;
      const head = x.slice(on, on + 240);
      const peak = Math.max(...Array.from(head, Math.abs));
      expect(head.findIndex((s) => Math.abs(s) >= 0.9 * peak) / SR).toBeLessThan(0.001);
      const first = x.slice(on, on + 144);
      const b = band(first);
      const e = first.reduce((p, s) => p + s * s, 0);
      shares.push(b.reduce((p, s) => p + s * s, 0) / e);
    }
    shares.sort((p, q) => p - q);
    expect(((shares[2] as number) + (shares[3] as number)) / 2).toBeGreaterThan(0.2);
  });
});
