import { describe, expect, it } from "vitest";
import { highpass, lowpass } from "../analysis/filters";
import { attackRiseMs } from "../analysis/impact";
import { pageTurn } from "./page-turn";

const SR = 48000;

function turn(params: Record<string, number>, seed = 3): Float32Array {
  const v = pageTurn.create(SR, seed);
  v.setParam("rate", 0);
  for (const [k, x] of Object.entries(params)) v.setParam(k, x);
  const pre = new Float32Array(SR);
  v.process(pre, pre, 0, pre.length);
  v.trigger?.(1);
  const out = new Float32Array(2 * SR);
  for (let i = 0; i < out.length; i += 128) v.process(out, out, i, Math.min(128, out.length - i));
  return out;
}

/** 10 ms RMS envelope of the whoosh band (1–8 kHz roughly: first difference removes lows). */
function envelope(x: Float32Array): number[] {
  const hop = SR / 100;
  const env: number[] = [];
  for (let i = 0; i + hop <= x.length; i += hop) {
    let s = 0;
    for (let k = 0; k < hop; k++) s += (x[i + k] as number) ** 2;
    env.push(Math.sqrt(s / hop));
  }
  return env;
}

/** Energy below ~250 Hz (a one-pole low-pass), as a share of the total. */
function lowShare(x: Float32Array): number {
  const k = 1 - Math.exp((-2 * Math.PI * 250) / SR);
  let y = 0;
  let lo = 0;
  let all = 0;
  for (const v of x) {
    y += k * (v - y);
    lo += y * y;
    all += v * v;
  }
  return lo / all;
}

describe("page-turn character", () => {
  it("a turn lasts 0.3–1 s and rises faster than it falls", () => {
    const env = envelope(turn({}));
    const max = Math.max(...env);
    const on = env.map((e) => e > max / 30);
    const first = on.indexOf(true);
    const last = on.lastIndexOf(true);
    const seconds = (last - first + 1) / 100;
    expect(seconds).toBeGreaterThan(0.3);
    expect(seconds).toBeLessThan(1.1);
    // smoothed envelope peak (the whoosh) sits in the first half of the turn
    const smooth = env.map((_, i) => env.slice(Math.max(0, i - 5), i + 6).reduce((s, v) => s + v, 0));
    const peak = smooth.indexOf(Math.max(...smooth.slice(first, last + 1)));
    expect((peak - first) / (last - first)).toBeLessThan(0.5);
  });

  it("heavy paper thumps lower and fuller than thin paper", () => {
    expect(lowShare(turn({ weight: 1 }))).toBeGreaterThan(2 * lowShare(turn({ weight: 0 })));
  });

  it("turns only when triggered at rate 0", () => {
    const v = pageTurn.create(SR, 1);
    v.setParam("rate", 0);
    const x = new Float32Array(20 * SR);
    for (let i = 0; i < x.length; i += 128) v.process(x, x, i, Math.min(128, x.length - i));
    expect(Math.max(...envelope(x))).toBe(0);
  });

  it("the page's edge lands with a contact tick: 2–10 kHz jumps ≥ 4 dB, rising in under 1 ms", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const v = pageTurn.create(SR, seed);
      v.setParam("rate", 0);
      const pre = new Float32Array(SR);
      v.process(pre, pre, 0, SR);
      v.trigger?.(1);
      // find the landing (the voice's own flag) while rendering in 32-frame blocks
      const x = new Float32Array(2 * SR);
      let at = -1;
      for (let i = 0; i < x.length; i += 32) {
        v.process(x, x, i, 32);
        if (at < 0 && (v as unknown as { landed: boolean }).landed) at = i;
      }
      expect(at).toBeGreaterThan(SR / 10);
      const band = lowpass(highpass(Float64Array.from(x), SR, 2000, 4), SR, 10000, 4);
      const peak = (from: number, to: number) => {
        let p = 0;
        for (let i = from; i < to; i++) p = Math.max(p, Math.abs(band[i] as number));
        return p;
      };
      // 5 ms after the landing against the 20 ms of whoosh and crinkle before it (before: ≤ −0.3 dB)
      const jump = 20 * Math.log10(peak(at, at + 240) / peak(at - 960, at));
      expect(jump, `seed ${seed}`).toBeGreaterThan(4);
      expect(attackRiseMs(band.subarray(at - 96, at + 240), SR), `seed ${seed}`).toBeLessThan(1);
    }
  });
});
