import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

/**
 * Creating a trigger-vs-sham experiment renders the trigger and its matched bed (~2 s of CPU).
 * That work runs in the level meter's thread: the event loop keeps ticking and answers other
 * requests while the experiment is being built.
 */
const scene = {
  version: 2,
  name: "Whisper evening",
  layers: [
    { id: "rain-bed", generator: "rain", gainDb: -6 },
    { id: "whisper", generator: "whispering", position: { azimuth: 60, elevation: 0, distance: 0.5 } },
  ],
};
const plan = {
  comparison: { kind: "trigger-vs-sham", scene, layerId: "whisper" },
  primaryOutcome: "anxiety-change",
  pairs: 2,
};

describe("experiment creation off the event loop", () => {
  let h: Harness;
  let c: Client;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    c = await ownerClient(h);
  }, 60_000);
  afterAll(() => h.dispose());

  it("keeps the event loop responsive while the sham is built", async () => {
    let last = performance.now();
    let longest = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const t = performance.now();
      longest = Math.max(longest, t - last);
      last = t;
      ticks++;
    }, 10);
    const started = performance.now();
    let cheapAnsweredAt = Number.POSITIVE_INFINITY;
    const cheap = (async () => {
      // A cheap route asked for while the experiment is being built answers before it is done.
      await new Promise((r) => setTimeout(r, 50));
      const res = await c.get("/api/experiments");
      expect(res.status).toBe(200);
      cheapAnsweredAt = performance.now();
    })();
    try {
      const created = await c.post("/api/experiments", { name: "Whisper test", plan });
      const doneAt = performance.now();
      await cheap;
      expect(created.status, JSON.stringify(await body(created))).toBe(201);
      const shown = await c.get(`/api/experiments/${(await body(created)).id}`);
      expect(shown.status).toBe(200);
      const elapsed = doneAt - started;
      // The creation itself did real work (the renders), yet no tick waited long.
      expect(elapsed).toBeGreaterThan(300);
      expect(ticks).toBeGreaterThan(elapsed / 40);
      expect(longest).toBeLessThan(200);
      expect(cheapAnsweredAt).toBeLessThan(doneAt);
    } finally {
      clearInterval(timer);
    }
  }, 60_000);
});
