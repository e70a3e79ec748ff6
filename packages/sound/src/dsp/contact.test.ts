import { describe, expect, it } from "vitest";
import { bandFraction, welch } from "../analysis/spectrum";
import { Rng } from "../rng";
import { ContactTransient, CT_BOUNCES, CT_BUZZ1_LEVEL, CT_LEVEL } from "./contact";

const SR = 48000;

function render(block: number, seed = 3): Float64Array {
  const c = new ContactTransient(SR, new Rng(seed));
  c.shape[CT_LEVEL] = 0.5;
  c.shape[CT_BOUNCES] = 2;
  c.shape[CT_BUZZ1_LEVEL] = 0.2;
  const out = new Float64Array(SR / 2);
  let i = 0;
  while (i < out.length) {
    if (i % 4800 === 0) c.strike();
    const n = Math.min(block, 4800 - (i % 4800));
    c.addTo(out, i, n);
    i += n;
  }
  return out;
}

describe("ContactTransient", () => {
  it("puts most of its energy in 2–10 kHz with a sub-millisecond onset", () => {
    const x = render(96);
    expect(bandFraction(welch(x, 1024), SR, 2000, 10000)).toBeGreaterThan(0.6);
    let peak = 0;
    let at = 0;
    for (let i = 0; i < 4800; i++)
      if (Math.abs(x[i] as number) > peak) {
        peak = Math.abs(x[i] as number);
        at = i;
      }
    expect(peak).toBeGreaterThan(0.05);
    expect(at).toBeLessThan(SR / 1000);
  });

  it("is deterministic, block-size invariant and falls silent", () => {
    const a = render(96);
    const b = render(37);
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(Math.max(...a.subarray(4700, 4800).map(Math.abs))).toBeLessThan(1e-6);
  });
});
