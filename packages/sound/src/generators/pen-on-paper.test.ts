import { describe, expect, it } from "vitest";
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
