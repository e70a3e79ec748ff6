import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveOptionsFromEnv } from "../serve";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";
import { TestClock } from "../time";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("TestClock", () => {
  it("runs on in real time from where it was set, and never goes back", () => {
    let real = Date.parse("2026-03-01T12:00:00.000Z");
    const clock = new TestClock(() => real);
    expect(clock.now().toISOString()).toBe("2026-03-01T12:00:00.000Z");
    expect(clock.set(new Date("2026-04-01T20:00:00.000Z"))).toBe("ok");
    real += 1500;
    expect(clock.now().toISOString()).toBe("2026-04-01T20:00:01.500Z");
    clock.advance(DAY_MS);
    expect(clock.now().toISOString()).toBe("2026-04-02T20:00:01.500Z");
    expect(clock.set(new Date("2026-04-01T00:00:00.000Z"))).toBe("back");
    expect(clock.now().toISOString()).toBe("2026-04-02T20:00:01.500Z");
    expect(() => clock.advance(-1)).toThrow(/forward/);
  });

  it("goes at most 400 days ahead of real time", () => {
    const real = Date.parse("2026-03-01T12:00:00.000Z");
    const clock = new TestClock(() => real);
    expect(clock.set(new Date(real + 400 * DAY_MS + 1))).toBe("too_far");
    expect(clock.now().getTime()).toBe(real);
    expect(clock.set(new Date(real + 399 * DAY_MS))).toBe("ok");
    expect(clock.advance(2 * DAY_MS)).toBe("too_far");
    expect(clock.now().getTime()).toBe(real + 399 * DAY_MS);
    expect(clock.advance(DAY_MS)).toBe("ok");
    expect(clock.now().getTime()).toBe(real + 400 * DAY_MS);
  });
});

describe("the test clock flag", () => {
  it("is on only for MERIDIAN_TEST_CLOCK=1", () => {
    expect(serveOptionsFromEnv({ MERIDIAN_TEST_CLOCK: "1" }).testClock).toBe(true);
    for (const value of [undefined, "", "0", "true", "yes"])
      expect(serveOptionsFromEnv({ MERIDIAN_TEST_CLOCK: value }).testClock, String(value)).toBeUndefined();
  });

  it("registers no route without it", async () => {
    const h = await createHarness("sqlite");
    try {
      const c = await ownerClient(h);
      expect((await c.get("/api/test/clock")).status).toBe(404);
      const moved = await c.post("/api/test/clock", { advanceMs: DAY_MS });
      expect(moved.status).toBe(404);
      expect((await body(moved)).error.code).toBe("not_found");
      const doc = await body(await c.get("/api/openapi.json"));
      expect(Object.keys(doc.paths)).not.toContain("/api/test/clock");
    } finally {
      await h.dispose();
    }
  });
});

describe("POST /api/test/clock (test mode)", () => {
  let h: Harness;
  let c: Client;
  const clock = new TestClock();
  // 7 pm UTC on a day about 300 days from now: ahead of real time, inside the 400-day cap.
  const start = new Date(Date.now() + 300 * DAY_MS);
  start.setUTCHours(19, 0, 0, 0);
  const day = (n: number) => new Date(start.getTime() + n * DAY_MS).toISOString().slice(0, 10);

  beforeAll(async () => {
    h = await createHarness("sqlite", { testClock: clock });
  }, 60_000);
  afterAll(() => h.dispose());

  it("moves the time every route reads", async () => {
    // Set before signing in: a jump past the 30-day session expiry signs everyone out.
    const set = await h.client().post("/api/test/clock", { now: start.toISOString() });
    expect(set.status).toBe(200);
    expect(Date.parse((await body(set)).now)).toBeGreaterThanOrEqual(start.getTime());
    c = await ownerClient(h);
    const first = await body(
      await c.post("/api/sessions", { checkIn: { pleasantness: 5, energy: 5, anxiety: 40 } }),
    );
    expect(first.localDate).toBe(day(0));
    await c.patch(`/api/sessions/${first.id}`, { status: "abandoned" });

    const next = await body(await c.post("/api/test/clock", { advanceMs: 2 * DAY_MS }));
    expect(next.now.slice(0, 10)).toBe(day(2));
    expect((await body(await c.get("/api/test/clock"))).now.slice(0, 10)).toBe(day(2));
    const second = await body(
      await c.post("/api/sessions", { checkIn: { pleasantness: 5, energy: 5, anxiety: 40 } }),
    );
    expect(second.localDate).toBe(day(2));
  });

  it("refuses going back and unclear bodies", async () => {
    const back = await c.post("/api/test/clock", { now: "2020-01-01T00:00:00.000Z" });
    expect(back.status).toBe(400);
    expect((await body(back)).error).toMatchObject({ code: "validation_failed", field: "now" });
    for (const bad of [
      {},
      { now: "tomorrow" },
      { advanceMs: -5 },
      { now: "2031-01-01T00:00:00Z", advanceMs: 1 },
    ]) {
      const res = await c.post("/api/test/clock", bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect((await body(res)).error.code).toBe("validation_failed");
    }
    expect((await body(await c.get("/api/test/clock"))).now.slice(0, 10)).toBe(day(2));
  });

  it("goes no further than 400 days ahead of real time", async () => {
    const far = await c.post("/api/test/clock", { now: new Date(Date.now() + 401 * DAY_MS).toISOString() });
    expect(far.status).toBe(400);
    expect((await body(far)).error).toMatchObject({ code: "validation_failed", field: "now" });
    expect((await body(far)).error.message).toMatch(/400 days ahead of real time/);
    const farOn = await c.post("/api/test/clock", { advanceMs: 200 * DAY_MS });
    expect(farOn.status).toBe(400);
    expect((await body(farOn)).error).toMatchObject({ code: "validation_failed", field: "advanceMs" });
    expect((await body(await c.get("/api/test/clock"))).now.slice(0, 10)).toBe(day(2));
  });
});
