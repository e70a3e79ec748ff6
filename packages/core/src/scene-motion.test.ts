import { describe, expect, it } from "vitest";
import { driftPhases, placeAt } from "./scene-motion";

const base = { azimuth: 10, elevation: 0, distance: 2 };

describe("own-audio motion", () => {
  it("stays put when static", () => {
    expect(placeAt(base, { kind: "static" }, 123)).toEqual(base);
  });

  it("sweeps ear to ear over its period", () => {
    expect(placeAt(base, { kind: "sweep", period: 8 }, 2).azimuth).toBeCloseTo(100);
    expect(placeAt(base, { kind: "sweep", period: 8 }, 6).azimuth).toBeCloseTo(-80);
    expect(placeAt(base, { kind: "sweep", period: 8 }, 8).azimuth).toBeCloseTo(10);
  });

  it("orbits once per period, reversed by a negative period, wrapped to ±180", () => {
    expect(placeAt(base, { kind: "orbit", period: 20 }, 5).azimuth).toBeCloseTo(100);
    expect(placeAt(base, { kind: "orbit", period: -20 }, 5).azimuth).toBeCloseTo(-80);
    expect(placeAt(base, { kind: "orbit", period: 20 }, 10).azimuth).toBeCloseTo(-170);
  });

  it("approaches to the near distance at half a period and recedes", () => {
    expect(placeAt(base, { kind: "approach", period: 10 }, 5).distance).toBeCloseTo(0.15);
    expect(placeAt(base, { kind: "approach", period: 10 }, 10).distance).toBeCloseTo(2);
  });

  it("drifts within its depth, smoothly, the same way for the same layer id", () => {
    const phases = driftPhases("hum");
    expect(driftPhases("hum")).toEqual(phases);
    expect(driftPhases("other")).not.toEqual(phases);
    let prev = placeAt(base, { kind: "drift", period: 20 }, 0, phases);
    let moved = 0;
    for (let t = 0.05; t < 120; t += 0.05) {
      const p = placeAt(base, { kind: "drift", period: 20 }, t, phases);
      expect(Math.abs(p.azimuth - base.azimuth)).toBeLessThanOrEqual(30.0001);
      expect(p.distance).toBeGreaterThan(0.1);
      expect(Math.abs(p.azimuth - prev.azimuth)).toBeLessThan(1);
      moved = Math.max(moved, Math.abs(p.azimuth - base.azimuth));
      prev = p;
    }
    expect(moved).toBeGreaterThan(10);
  });
});
