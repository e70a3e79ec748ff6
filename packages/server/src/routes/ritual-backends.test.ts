import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

const backends = await testBackends();

const checkIn = { pleasantness: 4, energy: 6, anxiety: 40 };
const checkOut = { ...checkIn, anxiety: 20, tingles: 2, tingleLocations: ["neck"], relaxation: 8 };
const scene = {
  version: 2,
  name: "Night ☾",
  layers: [{ id: "r", generator: "rain", gainDb: -12.25, params: { intensity: 0.3 } }],
};
const diary = {
  nightOf: "2025-01-14",
  timeZone: "Europe/London",
  intoBed: "23:10",
  triedToSleep: "23:30",
  minutesToFallAsleep: 20,
  awakenings: 2,
  minutesAwake: 25,
  finalAwakening: "06:50",
  outOfBed: "07:15",
  quality: 3,
  rested: 4,
};

/** The ritual end to end over HTTP, on each storage backend. */
describe.each(backends)("HTTP session ritual on %s", (kind) => {
  let h: Harness;
  let alice: Client;
  let bob: Client;
  let now = new Date("2025-01-14T21:00:00.000Z");

  beforeAll(async () => {
    h = await createHarness(kind, { now: () => now });
    const owner = await ownerClient(h);
    alice = await memberClient(h, owner, "alice", "Europe/London");
    bob = await memberClient(h, owner, "bob", "Europe/London");
  });
  afterAll(() => h?.dispose());

  it("runs a session, a diary linked to it and a check-up; another user sees none of it", async () => {
    const created = await alice.post("/api/sessions", { checkIn, scene, clientId: "client-ritual-1" });
    expect(created.status).toBe(201);
    const s = await body(created);
    expect((await alice.post("/api/sessions", { checkIn, clientId: "client-ritual-1" })).status).toBe(200);
    const entry = await body(await alice.post("/api/entries", { body: "listening to rain" }));
    expect((await body(await alice.patch(`/api/sessions/${s.id}`, { entryId: entry.id }))).entryId).toBe(
      entry.id,
    );
    now = new Date("2025-01-14T21:30:00.000Z");
    const done = await body(await alice.patch(`/api/sessions/${s.id}`, { status: "checked-out", checkOut }));
    expect(done).toMatchObject({
      status: "checked-out",
      endedAt: "2025-01-14T21:30:00.000Z",
      scene,
      checkOut,
    });
    expect((await alice.patch(`/api/sessions/${s.id}`, { status: "active" })).status).toBe(409);

    now = new Date("2025-01-15T08:00:00.000Z");
    const d = await alice.put("/api/sleep-diaries/2025-01-14", diary);
    expect(d.status).toBe(201);
    expect(await body(d)).toMatchObject({
      sessionId: s.id,
      derived: { totalSleepMinutes: 395, sleepEfficiency: 81.4 },
    });
    expect((await alice.put("/api/sleep-diaries/2025-01-14", diary)).status).toBe(200);

    const answers = { gad7_1: 3, gad7_2: 3, gad7_3: 3, gad7_4: 1, gad7_5: 0, gad7_6: 0, gad7_7: 0 };
    const k = await body(await alice.post("/api/checkups", { instrumentId: "gad7", answers }));
    expect(k).toMatchObject({ total: 10, bandLabel: "moderate", care: { level: "standard" } });
    expect((await body(await alice.get("/api/checkups/due"))).due[0]).toMatchObject({
      lastAt: "2025-01-15T08:00:00.000Z",
      dueAt: "2025-01-29T08:00:00.000Z",
      overdue: false,
    });

    for (const res of [
      await bob.get(`/api/sessions/${s.id}`),
      await bob.patch(`/api/sessions/${s.id}`, { entryId: null }),
      await bob.delete(`/api/sessions/${s.id}`),
      await bob.get("/api/sleep-diaries/2025-01-14"),
      await bob.delete("/api/sleep-diaries/2025-01-14"),
      await bob.delete(`/api/checkups/${k.id}`),
    ]) {
      expect(res.status).toBe(404);
    }
    expect((await body(await bob.get("/api/sessions"))).sessions).toEqual([]);
    expect((await bob.get("/api/sessions/current")).status).toBe(404);
    expect((await body(await bob.get("/api/sleep-diaries"))).diaries).toEqual([]);
    expect((await body(await bob.get("/api/checkups"))).responses).toEqual([]);
    const bobsSession = await body(await bob.post("/api/sessions", { checkIn }));
    const foreign = await bob.patch(`/api/sessions/${bobsSession.id}`, { entryId: entry.id });
    expect((await body(foreign)).error).toMatchObject({ code: "validation_failed", field: "entryId" });

    expect((await alice.delete(`/api/sessions/${s.id}`)).status).toBe(204);
    expect((await body(await alice.get("/api/sleep-diaries/2025-01-14"))).sessionId).toBeNull();
  });

  it("never answers 500 to bad input", async () => {
    const s = await body(await alice.post("/api/sessions", { checkIn }));
    const payloads: unknown[] = [
      null,
      [],
      "text",
      1,
      {},
      { checkIn: {} },
      { checkIn, scene: "x" },
      { checkIn, scene: { "k\u0000": "v" } },
      { checkIn, media: [{ kind: "nope" }] },
      { status: "checked-out", checkOut: { ...checkOut, tingleLocations: null } },
      { entryId: "e".repeat(80) },
      { ...diary, intoBed: "24:00" },
      { ...diary, minutesAwake: 1e300 },
      { ...diary, timeZone: "\u0000" },
      { instrumentId: "gad7", answers: null },
      { instrumentId: "gad7", answers: { gad7_1: "3" } },
      { instrumentId: "asmr-profile", answers: { asmr_triggers: [1] } },
      { instrumentId: "gad7", answers: {}, completedAt: "9999-12-31T23:59:59Z" },
    ];
    const routes: [string, string][] = [
      ["POST", "/api/sessions"],
      ["PATCH", `/api/sessions/${s.id}`],
      ["PATCH", "/api/sessions/unknown"],
      ["PUT", "/api/sleep-diaries/2025-01-14"],
      ["PUT", "/api/sleep-diaries/0000-00-00"],
      ["POST", "/api/checkups"],
    ];
    const failures: string[] = [];
    for (const [method, path] of routes) {
      for (const payload of payloads) {
        const res = await alice.send(method, path, payload);
        if (res.status >= 500) failures.push(`${method} ${path} ${JSON.stringify(payload)} -> ${res.status}`);
      }
    }
    for (const path of [
      "/api/sessions?limit=99999999999",
      "/api/sessions?from=9999-12-31&to=9999-12-31",
      `/api/sessions?cursor=${Buffer.from(JSON.stringify(["\u0000", "x"])).toString("base64url")}`,
      `/api/sessions/${"x".repeat(5000)}`,
      "/api/sessions/%00",
      "/api/sleep-diaries/%00",
      "/api/sleep-diaries?from=0000-01-01",
      "/api/checkups?instrumentId=%00",
    ]) {
      const res = await alice.get(path);
      if (res.status >= 500) failures.push(`GET ${path} -> ${res.status}`);
    }
    expect(failures).toEqual([]);
  });
});
