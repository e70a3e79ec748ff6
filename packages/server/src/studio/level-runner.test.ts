import { BUILTIN_SCENES, estimateMakeupGainDb, measureMakeupGainDb, shamLayerFor } from "@meridian/sound";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";
import { LEVEL_UNAVAILABLE, LevelMeter, LevelUnavailableError, replaceLevelBundler } from "./level-runner";

const scene = {
  version: 1,
  name: "Desk rain",
  layers: [
    { id: "rain", generator: "rain", gainDb: -6, position: { azimuth: -40, elevation: 0, distance: 2 } },
    { id: "noise", generator: "pink-noise", gainDb: -12, motion: { kind: "orbit", period: 8 } },
  ],
};

describe("level meter thread", () => {
  it("measures the same make-up gain as the event loop", async () => {
    const meter = new LevelMeter();
    try {
      for (const { scene } of BUILTIN_SCENES.slice(0, 2)) {
        const inThread = await meter.measure(scene, 20);
        expect(inThread).toBe(measureMakeupGainDb(scene, { seconds: 20 }));
      }
    } finally {
      await meter.dispose();
    }
  });

  it("builds the same sham bed as the event loop", async () => {
    const meter = new LevelMeter();
    try {
      const trigger = { id: "w", generator: "whispering", gainDb: -3 };
      const opts = { sampleRate: 24000, seed: 1, seconds: 2, matchLoudness: true };
      const inThread = await meter.sham(trigger, opts);
      expect(inThread.generator).toBe("sham");
      expect(inThread).toEqual(shamLayerFor(trigger, opts.sampleRate, opts.seed, opts));
    } finally {
      await meter.dispose();
    }
  });

  it("falls back to the estimate when the thread's code cannot be built", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const restore = replaceLevelBundler(() => Promise.reject(new Error("no esbuild here")));
    const meter = new LevelMeter();
    try {
      const built = BUILTIN_SCENES[0];
      if (!built) throw new Error("no built-in scene");
      expect(await meter.measure(built.scene, 20)).toBe(estimateMakeupGainDb(built.scene));
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      restore();
      warn.mockRestore();
      await meter.dispose();
    }
  });

  it("refuses with level_unavailable (503) when the thread fails, and starts a new one next time", async () => {
    const restore = replaceLevelBundler(async () => 'throw new Error("thread broke")');
    const meter = new LevelMeter();
    try {
      const built = BUILTIN_SCENES[0];
      if (!built) throw new Error("no built-in scene");
      const failed = await meter.measure(built.scene, 1).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(LevelUnavailableError);
      expect(failed).toMatchObject({ status: 503, code: LEVEL_UNAVAILABLE });
      restore();
      expect(await meter.measure(built.scene, 1)).toBe(measureMakeupGainDb(built.scene, { seconds: 1 }));
    } finally {
      restore();
      await meter.dispose();
    }
  });
});

describe("saving a preset", () => {
  let h: Harness;
  let owner: Client;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    owner = await ownerClient(h);
    // Builds the thread's code and starts the thread.
    expect((await owner.post("/api/presets", { name: "Warm-up", scene })).status).toBe(201);
  });
  afterAll(async () => h.dispose());

  it("keeps the event loop responsive while the level is measured", async () => {
    let ticks = 0;
    let last = performance.now();
    let longestGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    const started = performance.now();
    try {
      const res = await owner.post("/api/presets", { name: "Evening", scene });
      expect(res.status).toBe(201);
      expect((await body(res)).scene.makeupGainDb).toEqual(expect.any(Number));
    } finally {
      clearInterval(timer);
    }
    longestGap = Math.max(longestGap, performance.now() - last);
    const elapsed = performance.now() - started;
    console.info(
      `preset POST: ${elapsed.toFixed(0)} ms, ${ticks} ticks, longest gap ${longestGap.toFixed(0)} ms`,
    );
    // On the event loop the 20 s measuring pass blocked it for the whole save (0.2–0.7 s): no tick
    // ran (measured: 197 ms, 0 ticks); on the thread the 10 ms timer keeps ticking.
    expect(longestGap).toBeLessThan(150);
    expect(ticks).toBeGreaterThanOrEqual(Math.max(3, Math.floor(elapsed / 40)));
  });
});
