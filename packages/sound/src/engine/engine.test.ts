import { describe, expect, it } from "vitest";
import { renderScene } from "../analysis/render";
import type { GeneratorDef } from "../generator";
import { truePeakDb } from "../loudness/true-peak";
import type { Scene } from "../scene";
import { createEngine } from "./engine";
import { earDelaySeconds } from "./spatial";

const scene: Scene = {
  version: 1,
  fadeIn: 0.5,
  layers: [
    { id: "rain", generator: "rain", position: { azimuth: -50, elevation: 10, distance: 2 }, spread: 80 },
    { id: "fire", generator: "fire", gainDb: -3, motion: { kind: "orbit", period: 3 } },
    { id: "wind", generator: "wind", gainDb: -6, motion: { kind: "drift", period: 2, depth: 40 } },
    { id: "noise", generator: "brown-noise", gainDb: -10, motion: { kind: "approach", period: 2 } },
  ],
};

/** A test generator: silent until triggered, then a single impulse. */
const clickDef: GeneratorDef = {
  id: "click",
  label: "Click",
  description: "A single-sample click per trigger (tests only).",
  category: "trigger",
  channels: 1,
  calibrationDb: 0,
  params: [],
  create: () => {
    let pending = 0;
    return {
      setParam: () => {},
      trigger: (s: number) => {
        pending = s;
      },
      process: (a: Float32Array, _b: Float32Array, offset: number, frames: number) => {
        a.fill(0, offset, offset + frames);
        if (pending > 0 && frames > 0) {
          a[offset] = pending;
          pending = 0;
        }
      },
    };
  },
};

describe("engine", () => {
  it("is bit-identical whatever the block size (128, 37, 5000 frames)", () => {
    const a = renderScene(scene, { seconds: 3, seed: 4, block: 128 });
    const b = renderScene(scene, { seconds: 3, seed: 4, block: 37 });
    const c = renderScene(scene, { seconds: 3, seed: 4, block: 5000 });
    for (const x of [b, c]) {
      expect(x.l).toEqual(a.l);
      expect(x.r).toEqual(a.r);
    }
  });

  it("fades the scene in, and fades out to silence on fadeOut", () => {
    const engine = createEngine({ sampleRate: 48000, seed: 1 });
    engine.setScene(scene);
    const l = new Float32Array(48000);
    const r = new Float32Array(48000);
    engine.process(l, r, 4800);
    const early = Math.max(...Array.from(l.subarray(0, 480), Math.abs));
    engine.process(l, r, 48000);
    const later = Math.max(...Array.from(l, Math.abs));
    expect(early).toBeLessThan(later * 0.05);
    engine.fadeOut(0.5);
    expect(engine.finished).toBe(false);
    engine.process(l, r, 48000);
    expect(engine.finished).toBe(true);
    expect(Math.max(...Array.from(l.subarray(30000), Math.abs))).toBe(0);
  });

  it("adds and removes layers with fades (no steps in the output)", () => {
    const engine = createEngine({ sampleRate: 48000, seed: 2 });
    engine.setScene({ version: 1, fadeIn: 0, layers: [{ id: "noise", generator: "brown-noise" }] });
    const n = 48000 * 4;
    const l = new Float32Array(n);
    const r = new Float32Array(n);
    engine.process(l, r, 48000);
    engine.setScene({ version: 1, fadeIn: 0, layers: [{ id: "fire", generator: "fire" }] });
    engine.process(l.subarray(48000), r.subarray(48000), n - 48000);
    // Around the change the brown noise must not jump: compare the largest sample step with the
    // steady part before.
    const step = (from: number, to: number) => {
      let m = 0;
      for (let i = from; i < to; i++) m = Math.max(m, Math.abs((l[i] as number) - (l[i - 1] as number)));
      return m;
    };
    expect(step(48000, 48000 + 4800)).toBeLessThan(step(1000, 48000) * 1.5);
  });

  it("plays one-shots on their exact frame", () => {
    const engine = createEngine({
      sampleRate: 48000,
      seed: 3,
      generators: (id) => (id === "click" ? clickDef : undefined),
    });
    engine.setScene({ version: 1, fadeIn: 0, layers: [] });
    expect(engine.trigger("click", { frame: 1000, azimuth: 0, elevation: 0, distance: 1 })).toBe(true);
    expect(engine.trigger("harp")).toBe(false);
    const l = new Float32Array(4096);
    const r = new Float32Array(4096);
    for (let i = 0; i < 4096; i += 100) engine.process(l.subarray(i), r.subarray(i), Math.min(100, 4096 - i));
    let first = 0;
    while (Math.abs(l[first] as number) < 1e-6) first++;
    // frame + limiter latency + the head model's base delay (2) + the ear delay for a frontal source.
    const expected = 1000 + engine.latency + 2 + Math.floor(earDelaySeconds((100 * Math.PI) / 180) * 48000);
    expect(first).toBeGreaterThanOrEqual(expected);
    expect(first).toBeLessThanOrEqual(expected + 1);
    expect(Math.abs(l[first] as number)).toBeGreaterThan(0);
  });

  it("keeps true peak under −1 dBTP for a far too hot mix", () => {
    const hot: Scene = {
      ...scene,
      masterGainDb: 12,
      layers: scene.layers.map((l) => ({ ...l, gainDb: 12 })),
    };
    const out = renderScene(hot, { seconds: 8, seed: 5 });
    expect(truePeakDb([out.l, out.r])).toBeLessThanOrEqual(-1);
  });

  it("solo, mute and setLayerParam change the mix smoothly", () => {
    const engine = createEngine({ sampleRate: 48000, seed: 6 });
    engine.setScene({ ...scene, fadeIn: 0 });
    expect(engine.setLayerParam("rain", "solo", true)).toBe(true);
    expect(engine.setLayerParam("rain", "intensity", 0.9)).toBe(true);
    expect(engine.setLayerParam("rain", "azimuth", 120)).toBe(true);
    expect(engine.setLayerParam("rain", "motion", "sweep")).toBe(true);
    expect(engine.setLayerParam("rain", "nonsense", 1)).toBe(false);
    expect(engine.setLayerParam("nope", "gainDb", 1)).toBe(false);
    const l = new Float32Array(48000);
    const r = new Float32Array(48000);
    engine.process(l, r, 48000);
    for (const v of l) expect(Number.isFinite(v)).toBe(true);
  });

  it("plays the generator layers of a scene that also carries layers it does not synthesise", () => {
    // Scene format 2 (core) adds `mediaLayers` (your own audio files, mixed outside the engine).
    const withMedia = {
      ...scene,
      version: 2,
      mediaLayers: [
        { id: "own", mediaId: "m1", gainDb: 0, position: { azimuth: 0, elevation: 0, distance: 1 } },
      ],
    } as unknown as Scene;
    const a = renderScene(scene, { seconds: 1, seed: 4 });
    const b = renderScene(withMedia, { seconds: 1, seed: 4 });
    expect(b.l).toEqual(a.l);
    expect(b.r).toEqual(a.r);
  });

  it("rejects scenes with unknown generators or duplicate ids, naming the field", () => {
    const engine = createEngine({ sampleRate: 48000, seed: 1 });
    expect(() => engine.setScene({ version: 1, layers: [{ id: "a", generator: "harp" }] })).toThrow(
      /layers\[0\]\.generator/,
    );
    expect(() =>
      engine.setScene({
        version: 1,
        layers: [
          { id: "a", generator: "rain" },
          { id: "a", generator: "wind" },
        ],
      }),
    ).toThrow(/layers\[1\]\.id/);
  });
});
