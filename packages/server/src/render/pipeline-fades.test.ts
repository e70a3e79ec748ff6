import { builtinScene, type Scene } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import { type AudioWriter, fitFades, renderInto } from "./pipeline";

/** Keeps the left channel in memory. */
class MemoryWriter implements AudioWriter {
  readonly chunks: Float32Array[] = [];
  async write(channels: readonly Float32Array[], n: number): Promise<void> {
    this.chunks.push((channels[0] as Float32Array).slice(0, n));
  }
  async close(): Promise<void> {}
  samples(): Float32Array {
    const out = new Float32Array(this.chunks.reduce((a, c) => a + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const rms = (x: Float32Array, from: number, to: number): number => {
  let s = 0;
  for (let i = from; i < to; i++) s += (x[i] as number) ** 2;
  return Math.sqrt(s / Math.max(1, to - from));
};

const RATE = 16000;

async function render(id: string, seconds: number): Promise<Float32Array> {
  const scene = builtinScene(id) as Scene;
  const writer = new MemoryWriter();
  await renderInto(writer, { scene, seconds, sampleRate: RATE, seed: 3 });
  return writer.samples();
}

describe("fitFades", () => {
  it("keeps fades that fit and shrinks both in proportion when they do not", () => {
    expect(fitFades(5, 30, 60)).toEqual({ fadeIn: 5, fadeOut: 30 });
    const f = fitFades(5, 30, 10);
    expect(f.fadeIn).toBeCloseTo(10 / 7, 9);
    expect(f.fadeOut).toBeCloseTo(60 / 7, 9);
    expect(f.fadeIn + f.fadeOut).toBeCloseTo(10, 9);
  });
});

describe("short renders", () => {
  it("a 10 s render of a built-in scene (5 s fade-in, 30 s fade-out) has sound and ends faded", async () => {
    const x = await render("seaside-journal", 10);
    expect(x.length).toBe(10 * RATE);
    // The loudest part, where the fitted fade-in meets the fade-out (about 1.4 s in).
    const peak = rms(x, Math.round(1 * RATE), Math.round(2 * RATE));
    expect(peak).toBeGreaterThan(0.003);
    // The last 100 ms are far quieter than the middle.
    const tail = rms(x, x.length - RATE / 10, x.length);
    expect(tail).toBeLessThan(peak * 0.1);
  });

  it("a 31 s render has sound all the way through, not 7 s of it", async () => {
    const x = await render("seaside-journal", 31);
    // Every second from 3 s to 20 s carries sound (the fade-out curve is quiet near its end).
    for (let s = 3; s < 20; s++) {
      expect(rms(x, s * RATE, (s + 1) * RATE), `second ${s}`).toBeGreaterThan(0.001);
    }
    // The fade-out still ends the file.
    expect(rms(x, x.length - RATE / 10, x.length)).toBeLessThan(rms(x, 4 * RATE, 5 * RATE) * 0.1);
  });
});
