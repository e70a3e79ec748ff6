import { OUTCOME_INFO, powerGuidance, sd } from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

const backends = await testBackends();

const checkIn = { pleasantness: 4, energy: 4, anxiety: 50 };
const checkOut = (anxiety: number) => ({
  pleasantness: 6,
  energy: 4,
  anxiety,
  tingles: 3,
  relaxation: 6,
  tingleLocations: [],
});
/** Past evenings' anxiety after the session: the change is this minus 50. */
const AFTER = [40, 35, 47, 30, 44, 38, 41, 29, 46, 36];

describe.each(backends)("power guidance before Start (%s)", (kind) => {
  let h: Harness;
  let c: Client;

  beforeAll(async () => {
    h = await createHarness(kind, { now: () => new Date("2026-03-01T18:00:00.000Z") });
    c = await ownerClient(h);
  }, 60_000);
  afterAll(() => h.dispose());

  it("refuses bad queries clearly and needs a session", async () => {
    const noOutcome = await c.get("/api/experiments/power");
    expect(noOutcome.status).toBe(400);
    expect((await body(noOutcome)).error.code).toBe("validation_failed");
    expect((await c.get("/api/experiments/power?outcome=happiness")).status).toBe(400);
    for (const mid of ["abc", "0", "-3", "500"]) {
      const res = await c.get(`/api/experiments/power?outcome=anxiety-change&mid=${mid}`);
      expect(res.status, mid).toBe(400);
      expect((await body(res)).error.message, mid).toMatch(/mid/);
    }
    expect((await h.client().get("/api/experiments/power?outcome=tingles")).status).toBe(401);
  });

  it("keeps the default 6 pairs with too few past evenings", async () => {
    const res = await c.get("/api/experiments/power?outcome=anxiety-change");
    expect(res.status).toBe(200);
    const g = await body(res);
    expect(g).toMatchObject({ enough: false, pastValues: 0, suggestedPairs: 6, sdEvening: null });
    expect(g.message).toMatch(/Not enough past data \(0 of 8 evenings/);
    expect(g.message).toMatch(/default 6 pairs/);
  });

  it("works out pairs from the person's own past evenings", async () => {
    for (const after of AFTER) {
      const started = await c.post("/api/sessions", { checkIn });
      expect(started.status).toBe(201);
      const id = (await body(started)).id as string;
      const out = await c.patch(`/api/sessions/${id}`, { status: "checked-out", checkOut: checkOut(after) });
      expect(out.status).toBe(200);
    }
    const changes = AFTER.map((a) => a - checkIn.anxiety);
    const res = await c.get("/api/experiments/power?outcome=anxiety-change&mid=8");
    expect(res.status).toBe(200);
    const g = await body(res);
    expect(g.enough).toBe(true);
    expect(g.pastValues).toBe(AFTER.length);
    expect(g.sdEvening).toBeCloseTo(sd(changes), 9);
    const expected = powerGuidance("anxiety-change", changes, 8);
    if (!expected.enough) throw new Error("expected enough data");
    expect(g.pairsForMid).toBe(expected.forMid.pairs);
    expect(g.pairsForHalfSd).toBe(expected.targets[0].pairs);
    expect(g.suggestedPairs).toBe(expected.suggestedPairs);
    expect(g.pairsForHalfSd).toBeGreaterThan(g.pairsForEightTenthsSd);
    // A smaller difference to find needs at least as many pairs; the default MID is used when none.
    const small = await body(await c.get("/api/experiments/power?outcome=anxiety-change&mid=3"));
    expect(small.pairsForMid).toBeGreaterThan(g.pairsForMid);
    const byDefault = await body(await c.get("/api/experiments/power?outcome=anxiety-change"));
    const withDefault = powerGuidance("anxiety-change", changes, OUTCOME_INFO["anxiety-change"].defaultMid);
    expect(withDefault.enough && byDefault.pairsForMid).toBe(withDefault.enough && withDefault.forMid.pairs);
    // Another outcome has its own past values: tingles were 3 every evening (SD 0).
    const tingles = await body(await c.get("/api/experiments/power?outcome=tingles"));
    expect(tingles).toMatchObject({ enough: true, pastValues: AFTER.length, sdEvening: 0 });
  });
});
