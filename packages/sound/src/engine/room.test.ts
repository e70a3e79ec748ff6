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
  it("takes a centred source out of L = R: coherence dry ≈ 1, close room < 0.9, large room < 0.95", () => {
    for (const seed of [1, 2, 3, 4]) {
      const c: Record<string, number> = {};
      for (const room of ["dry", "close", "large"] as const) {
        const x = renderScene(centred(room), { seconds: 1.5, seed });
        c[room] = coherence(x.l, x.r, FS / 2);
      }
      expect(c.dry, `seed ${seed}`).toBeGreaterThan(0.99);
      expect(c.close, `seed ${seed}`).toBeLessThan(0.9);
      expect(c.large, `seed ${seed}`).toBeLessThan(0.95);
    }
  });

  it("keeps the scene's loudness (white and pink noise within 0.75 LU of dry)", () => {
    for (const generator of ["white-noise", "pink-noise"]) {
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
