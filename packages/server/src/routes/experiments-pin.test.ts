import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

/** An evening is the one its session was begun as (experiments-pin.ts), not its date's. */
const backends = await testBackends();
const scene = {
  version: 2,
  layers: [
    { id: "bed", generator: "rain", gainDb: -6 },
    { id: "taps", generator: "tapping" },
  ],
};
const checkIn = { pleasantness: 4, energy: 4, anxiety: 50 };
const checkOut = { pleasantness: 6, energy: 4, anxiety: 30, tingles: 2, relaxation: 6, tingleLocations: [] };
const plan = {
  comparison: { kind: "trigger-vs-without", scene, layerId: "taps" },
  primaryOutcome: "anxiety-change",
  pairs: 2,
};

describe.each(backends)("evenings pinned to their session (%s)", (kind) => {
  let h: Harness;
  let owner: Client;
  let now = new Date("2026-04-01T21:00:00.000Z");

  beforeAll(async () => {
    h = await createHarness(kind, { now: () => now });
    owner = await ownerClient(h, "ana");
  }, 60_000);
  afterAll(() => h.dispose());

  it("records a session begun before midnight and checked out after it as the evening heard", async () => {
    const c = await memberClient(h, owner, "mia");
    const id = (await body(await c.post("/api/experiments", { name: "Midnight", plan }))).id as string;
    // 23:50 UTC on evening 1 (the account's zone is UTC): tonight is evening 1.
    now = new Date("2026-04-01T23:50:00.000Z");
    const tonight = (await body(await c.get("/api/experiments/today"))).experiment;
    expect(tonight.progress.eveningNumber).toBe(1);
    const started = await c.post(`/api/experiments/${id}/evenings/1/session`, { checkIn });
    expect(started.status).toBe(201);
    const session = await body(started);
    expect(session.condition).toMatchObject({
      kind: "masked",
      experimentId: id,
      armLabel: tonight.soundscape,
    });
    // A wrong evening number is refused: only tonight's can be begun.
    const wrong = await c.post(`/api/experiments/${id}/evenings/2/session`, { checkIn });
    expect(wrong.status).toBe(409);
    expect((await body(wrong)).error.code).toBe("not_an_evening");

    // Checked out and recorded at 00:20, on evening 2's date.
    now = new Date("2026-04-02T00:20:00.000Z");
    await c.patch(`/api/sessions/${session.id}`, { status: "checked-out", checkOut });
    const rec = await c.post(`/api/experiments/${id}/evenings`, {
      sessionId: session.id,
      expectation: 5,
      guess: "dont-know",
    });
    expect(rec.status).toBe(201);
    expect((await body(rec)).evening).toMatchObject({ index: 1, date: "2026-04-01", sessionId: session.id });
    const stored = await h.secureStore.ritual.getSession(
      (await h.store.findUserByUsername("mia"))?.id ?? "",
      session.id,
    );
    expect(stored?.condition).toMatchObject({ kind: "masked", armLabel: tonight.soundscape, blockIndex: 0 });
    // Evening 2 is still tonight's, to be begun on its own.
    const next = (await body(await c.get("/api/experiments/today"))).experiment;
    expect(next.progress).toMatchObject({ eveningNumber: 2, today: "tonight", completed: 1 });
  }, 60_000);

  it("refuses an ordinary session with session_not_pinned", async () => {
    now = new Date("2026-05-01T20:00:00.000Z");
    const c = await memberClient(h, owner, "noa");
    const id = (await body(await c.post("/api/experiments", { name: "Ordinary", plan }))).id as string;
    const plain = await body(await c.post("/api/sessions", { checkIn }));
    await c.patch(`/api/sessions/${plain.id}`, { status: "checked-out", checkOut });
    const rec = await c.post(`/api/experiments/${id}/evenings`, {
      sessionId: plain.id,
      expectation: 5,
      guess: "dont-know",
    });
    expect(rec.status).toBe(409);
    expect((await body(rec)).error.code).toBe("session_not_pinned");
    // The ordinary session is left as it was.
    expect((await body(await c.get(`/api/sessions/${plain.id}`))).condition).toEqual({ kind: "open" });
  }, 60_000);
});
