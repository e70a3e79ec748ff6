import { describe, expect, it } from "vitest";
import { renderScene } from "../analysis/render";
import { integratedLoudness } from "../loudness/meter";
import type { RoomKind, Scene } from "../scene";

const FS = 48000;

function centred(room?: RoomKind, generator = "white-noise"): Scene {
  return {
    version: 1,
    fadeIn: 0,
    ...(room ? { room } : {}),
    layers: [{ id: "src", generator, spread: 0, position: { azimuth: 0, elevation: 0, distance: 1 } }],
  };
}

/** Interaural coherence: the largest normalised cross-correlation of the ears within ±1 ms. */
function coherence(l: Float32Array, r: Float32Array, from: number): number {
  const lag = Math.round(0.001 * FS);
  let el = 0;
  let er = 0;
  for (let i = from; i < l.length; i++) {
    el += (l[i] as number) ** 2;
    er += (r[i] as number) ** 2;
  }
  let best = 0;
  for (let t = -lag; t <= lag; t++) {
    let c = 0;
    for (let i = from + lag; i < l.length - lag; i++) c += (l[i] as number) * (r[i + t] as number);
    best = Math.max(best, Math.abs(c) / Math.sqrt(el * er));
  }
  return best;
}

describe("room: early reflections", () => {
  it("takes a centred source out of L = R: coherence dry ≈ 1, close room < 0.9, large room < 0.95 (white, pink, brown)", () => {
    // Brown noise has nearly all its power below 300 Hz, where only the lateral low-frequency
    // taps decorrelate the ears (it measured 0.99 with the close room before they were added).
    for (const generator of ["white-noise", "pink-noise", "brown-noise"]) {
      for (const seed of [1, 2, 3, 4]) {
        const c: Record<string, number> = {};
        for (const room of ["dry", "close", "large"] as const) {
          const x = renderScene(centred(room, generator), { seconds: 1.5, seed });
          c[room] = coherence(x.l, x.r, FS / 2);
        }
        expect(c.dry, `${generator} seed ${seed}`).toBeGreaterThan(0.99);
        expect(c.close, `${generator} seed ${seed}`).toBeLessThan(0.9);
        expect(c.large, `${generator} seed ${seed}`).toBeLessThan(0.95);
      }
    }
  });

  it("adds the lateral low band in opposite phase: the mid (L + R) of brown noise keeps its low end", () => {
    // Below 150 Hz the mono sum with the close room stays within 1.5 dB of the dry sum's, while
    // the side (L − R) rises from nothing to a clear share of it.
    const lowDb = (x: Float32Array, y: Float32Array, sign: number) => {
      let z = 0;
      let e = 0;
      const a = 1 - Math.exp((-2 * Math.PI * 150) / FS);
      for (let i = 0; i < x.length; i++) {
        z += a * ((x[i] as number) + sign * (y[i] as number) - z);
        if (i >= FS / 2) e += z * z;
      }
      return 10 * Math.log10(e + 1e-30);
    };
    const dry = renderScene(centred("dry", "brown-noise"), { seconds: 3, seed: 2 });
    const close = renderScene(centred("close", "brown-noise"), { seconds: 3, seed: 2 });
    expect(Math.abs(lowDb(close.l, close.r, 1) - lowDb(dry.l, dry.r, 1))).toBeLessThan(1.5);
    expect(lowDb(close.l, close.r, -1) - lowDb(close.l, close.r, 1)).toBeGreaterThan(-14);
    expect(lowDb(dry.l, dry.r, -1) - lowDb(dry.l, dry.r, 1)).toBeLessThan(-60);
  });

  it("keeps the scene's loudness (white, pink and brown noise within 0.75 LU of dry)", () => {
    for (const generator of ["white-noise", "pink-noise", "brown-noise"]) {
      const dry = renderScene(centred(undefined, generator), { seconds: 3, seed: 3 });
      const ref = integratedLoudness(FS, [dry.l, dry.r]);
      for (const room of ["close", "large"] as const) {
        const x = renderScene(centred(room, generator), { seconds: 3, seed: 3 });
        expect(Math.abs(integratedLoudness(FS, [x.l, x.r]) - ref), `${generator} ${room}`).toBeLessThan(0.75);
      }
    }
  });

  it("leaves a scene without a room bit-identical to an explicitly dry one", () => {
    const a = renderScene(centred(), { seconds: 1, seed: 5 });
    const b = renderScene(centred("dry"), { seconds: 1, seed: 5 });
    expect(b.l).toEqual(a.l);
    expect(b.r).toEqual(a.r);
  });

  it("is bit-identical whatever the block size, and the same for the same seed", () => {
    const scene = centred("close", "pink-noise");
    const a = renderScene(scene, { seconds: 1, seed: 7, block: 128 });
    for (const block of [37, 5000]) {
      const b = renderScene(scene, { seconds: 1, seed: 7, block });
      expect(b.l).toEqual(a.l);
      expect(b.r).toEqual(a.r);
    }
  });

  it("switches rooms while playing without a step in level", () => {
    const scene = centred("close", "pink-noise");
    const x = renderScene(scene, {
      seconds: 4,
      seed: 2,
      block: 480,
      onBlock: (engine, frame) => {
        if (frame === FS) engine.setScene({ ...scene, room: "large" });
        if (frame === 2 * FS) engine.setScene({ ...scene, room: "dry" });
      },
    });
    // The same source dry (same seed, same samples before the room): the ratio per 50 ms window
    // is the room's effect on the level alone; it stays near 0 dB and moves smoothly.
    const dry = renderScene(centred(undefined, "pink-noise"), { seconds: 4, seed: 2, block: 480 });
    const win = FS / 20;
    const energy = (l: Float32Array, r: Float32Array, s: number) => {
      let e = 0;
      for (let i = s; i < s + win; i++) e += (l[i] as number) ** 2 + (r[i] as number) ** 2;
      return e;
    };
    let last = Number.NaN;
    let worst = 0;
    let far = 0;
    for (let s = FS / 2; s + win <= x.l.length; s += win) {
      const db = 10 * Math.log10(energy(x.l, x.r, s) / energy(dry.l, dry.r, s));
      far = Math.max(far, Math.abs(db));
      if (!Number.isNaN(last)) worst = Math.max(worst, Math.abs(db - last));
      last = db;
    }
    expect(far).toBeLessThan(2);
    expect(worst).toBeLessThan(1);
  });
});
