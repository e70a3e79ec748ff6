import { deriveSleep, type SleepDiaryInput } from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NewRitualSession } from "./ritual-store";
import type { Store, UserRecord } from "./store";
import { openTestStore, type TestStore, testBackends } from "./testing";

const backends = await testBackends();

function user(username: string): UserRecord {
  return {
    id: `u-${username}`,
    username,
    passwordHash: "$argon2id$fake",
    role: "member",
    timeZone: "Europe/London",
    createdAt: "2025-01-01T00:00:00.000Z",
  };
}

const checkIn = { pleasantness: 4, energy: 6, anxiety: 40, stress: 3 };
const checkOut = { ...checkIn, anxiety: 25, tingles: 3, tingleLocations: ["scalp" as const], relaxation: 7 };

/** A scene snapshot with nesting, unicode and numbers that must round-trip exactly. */
const scene = {
  version: 1,
  name: "Rainy desk ☔",
  layers: [
    {
      id: "l1",
      generator: "rain",
      gainDb: -12.5,
      params: { density: 0.35, nested: [1, [2, 3], { x: null }] },
    },
    { id: "l2", generator: "tapping", gainDb: -18, muted: true },
  ],
  binaural: { azimuth: -30 },
};

function newSession(
  id: string,
  startedAt: string,
  overrides: Partial<NewRitualSession> = {},
): NewRitualSession {
  return {
    id,
    clientId: null,
    startedAt,
    timeZone: "Europe/London",
    localDate: startedAt.slice(0, 10),
    checkIn,
    scene: null,
    media: [],
    promptId: null,
    ...overrides,
  };
}

const diaryInput: SleepDiaryInput = {
  nightOf: "2025-03-01",
  timeZone: "Europe/London",
  intoBed: "23:10",
  triedToSleep: "23:30",
  minutesToFallAsleep: 20,
  awakenings: 2,
  minutesAwake: 25,
  finalAwakening: "06:50",
  outOfBed: "07:15",
  quality: 3,
  rested: 3,
};

describe.each(backends)("RitualStore on %s", (kind) => {
  let t: TestStore;
  let store: Store;
  const alice = user("alice");
  const bob = user("bob");

  beforeAll(async () => {
    t = await openTestStore(kind);
    store = t.store;
    await store.insertUser(alice);
    await store.insertUser(bob);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("creates a session and stores the scene snapshot verbatim", async () => {
    const media = [{ kind: "preset" as const, presetId: "rainy-desk", name: "Rainy desk" }];
    const { session, created } = await store.ritual.createSession(
      alice.id,
      newSession("s-scene", "2025-02-01T20:00:00.000Z", { scene, media, promptId: "sleep-3" }),
    );
    expect(created).toBe(true);
    expect(session).toEqual({
      id: "s-scene",
      userId: alice.id,
      clientId: null,
      status: "active",
      startedAt: "2025-02-01T20:00:00.000Z",
      endedAt: null,
      timeZone: "Europe/London",
      localDate: "2025-02-01",
      checkIn,
      checkOut: null,
      scene,
      media,
      entryId: null,
      promptId: "sleep-3",
      condition: { kind: "open" },
      createdAt: "2025-02-01T20:00:00.000Z",
      updatedAt: "2025-02-01T20:00:00.000Z",
    });
    expect(await store.ritual.getSession(alice.id, "s-scene")).toEqual(session);
    expect(await store.ritual.getSession(bob.id, "s-scene")).toBeNull();
  });

  it("is idempotent on clientId per user, also concurrently", async () => {
    const at = "2025-02-02T20:00:00.000Z";
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        store.ritual.createSession(alice.id, newSession(`s-race-${i}`, at, { clientId: "client-race-1" })),
      ),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.session.id)).size).toBe(1);
    const bobs = await store.ritual.createSession(
      bob.id,
      newSession("s-race-bob", at, { clientId: "client-race-1" }),
    );
    expect(bobs.created).toBe(true);
  });

  it("updates only while the status is the expected one", async () => {
    await store.ritual.createSession(alice.id, newSession("s-upd", "2025-02-03T20:00:00.000Z"));
    const changes = { status: "checked-out" as const, checkOut, endedAt: "2025-02-03T20:30:00.000Z" };
    expect(
      await store.ritual.updateSession(bob.id, "s-upd", "active", { ...changes, updatedAt: "x" }),
    ).toBeNull();
    expect(
      await store.ritual.updateSession(alice.id, "s-upd", "abandoned", { ...changes, updatedAt: "x" }),
    ).toBeNull();
    const done = await store.ritual.updateSession(alice.id, "s-upd", "active", {
      ...changes,
      updatedAt: "2025-02-03T20:30:00.000Z",
    });
    expect(done).toMatchObject({
      status: "checked-out",
      checkOut,
      endedAt: "2025-02-03T20:30:00.000Z",
      updatedAt: "2025-02-03T20:30:00.000Z",
      checkIn,
    });
    expect(await store.ritual.getSession(alice.id, "s-upd")).toEqual(done);
  });

  it("lists newest first with filters and keyset pagination, and finds the active one", async () => {
    const u = user("carol");
    await store.insertUser(u);
    for (const [i, at] of [
      "2025-01-10T19:00:00.000Z",
      "2025-01-11T19:00:00.000Z",
      "2025-01-12T19:00:00.000Z",
    ].entries()) {
      await store.ritual.createSession(u.id, newSession(`c-${i}`, at));
    }
    await store.ritual.createSession(u.id, newSession("c-tie", "2025-01-12T19:00:00.000Z"));
    await store.ritual.updateSession(u.id, "c-0", "active", { status: "abandoned", updatedAt: "x" });
    const all = await store.ritual.listSessions(u.id, { limit: 10 });
    expect(all.map((s) => s.id)).toEqual(["c-tie", "c-2", "c-1", "c-0"]);
    const first = await store.ritual.listSessions(u.id, { limit: 2 });
    const last = first[1];
    if (!last) throw new Error("fixture");
    const rest = await store.ritual.listSessions(u.id, { limit: 10, after: last });
    expect([...first, ...rest].map((s) => s.id)).toEqual(all.map((s) => s.id));
    expect(
      (await store.ritual.listSessions(u.id, { limit: 10, from: "2025-01-11", to: "2025-01-11" })).map(
        (s) => s.id,
      ),
    ).toEqual(["c-1"]);
    expect(
      (await store.ritual.listSessions(u.id, { limit: 10, status: "abandoned" })).map((s) => s.id),
    ).toEqual(["c-0"]);
    expect((await store.ritual.currentSession(u.id))?.id).toBe("c-tie");
    expect(await store.ritual.currentSession("nobody")).toBeNull();
  });

  it("keeps a masked condition for experiments", async () => {
    const condition = {
      kind: "masked" as const,
      experimentId: "x1",
      armLabel: "A" as const,
      assignmentId: "arm-rain",
      revealed: false,
    };
    const { session } = await store.ritual.createSession(
      alice.id,
      newSession("s-masked", "2025-02-04T20:00:00.000Z", { condition }),
    );
    expect(session.condition).toEqual(condition);
  });

  it("links entries by owner only, and unlinks when the entry is deleted", async () => {
    await store.createEntry(alice.id, {
      id: "e-linked",
      clientId: null,
      title: null,
      body: "written during a session",
      promptId: null,
      promptText: null,
      tags: [],
      createdAt: "2025-02-05T20:10:00.000Z",
      localDate: "2025-02-05",
      timeZone: "Europe/London",
    });
    expect(await store.ritual.ownsEntry(alice.id, "e-linked")).toBe(true);
    expect(await store.ritual.ownsEntry(bob.id, "e-linked")).toBe(false);
    await store.ritual.createSession(alice.id, newSession("s-entry", "2025-02-05T20:00:00.000Z"));
    const linked = await store.ritual.updateSession(alice.id, "s-entry", "active", {
      entryId: "e-linked",
      updatedAt: "2025-02-05T20:20:00.000Z",
    });
    expect(linked?.entryId).toBe("e-linked");
    expect(await store.deleteEntry(alice.id, "e-linked")).toBe(true);
    expect((await store.ritual.getSession(alice.id, "s-entry"))?.entryId).toBeNull();
  });

  it("finds the latest session in a time window", async () => {
    const u = user("dora");
    await store.insertUser(u);
    await store.ritual.createSession(u.id, newSession("d-early", "2025-03-01T17:00:00.000Z"));
    await store.ritual.createSession(u.id, newSession("d-1", "2025-03-01T19:00:00.000Z"));
    await store.ritual.createSession(u.id, newSession("d-2", "2025-03-02T00:30:00.000Z"));
    const from = "2025-03-01T18:00:00.000Z";
    const to = "2025-03-02T03:00:00.000Z";
    expect(await store.ritual.latestSessionStartedBetween(u.id, from, to)).toBe("d-2");
    expect(await store.ritual.latestSessionStartedBetween(u.id, from, "2025-03-01T23:00:00.000Z")).toBe(
      "d-1",
    );
    expect(await store.ritual.latestSessionStartedBetween(alice.id, from, to)).toBeNull();
  });

  it("upserts one diary per night and user, unlinking a deleted session", async () => {
    await store.ritual.createSession(alice.id, newSession("s-night", "2025-03-01T21:00:00.000Z"));
    const derived = deriveSleep(diaryInput);
    const first = await store.ritual.upsertSleepDiary(alice.id, {
      id: "d-a1",
      nightOf: "2025-03-01",
      fields: diaryInput,
      derived,
      sessionId: "s-night",
      now: "2025-03-02T07:30:00.000Z",
    });
    expect(first.created).toBe(true);
    expect(first.diary).toEqual({
      id: "d-a1",
      userId: alice.id,
      nightOf: "2025-03-01",
      fields: diaryInput,
      derived: JSON.parse(JSON.stringify(derived)),
      sessionId: "s-night",
      createdAt: "2025-03-02T07:30:00.000Z",
      updatedAt: "2025-03-02T07:30:00.000Z",
    });
    const again = await store.ritual.upsertSleepDiary(alice.id, {
      id: "d-a2",
      nightOf: "2025-03-01",
      fields: { ...diaryInput, quality: 5 },
      derived,
      sessionId: "s-night",
      now: "2025-03-02T08:00:00.000Z",
    });
    expect(again.created).toBe(false);
    expect(again.diary).toMatchObject({
      id: "d-a1",
      createdAt: "2025-03-02T07:30:00.000Z",
      updatedAt: "2025-03-02T08:00:00.000Z",
    });
    expect(again.diary.fields.quality).toBe(5);
    const bobs = await store.ritual.upsertSleepDiary(bob.id, {
      id: "d-b1",
      nightOf: "2025-03-01",
      fields: diaryInput,
      derived,
      sessionId: null,
      now: "2025-03-02T09:00:00.000Z",
    });
    expect(bobs.created).toBe(true);
    expect((await store.ritual.getSleepDiary(bob.id, "2025-03-01"))?.id).toBe("d-b1");
    expect((await store.ritual.listSleepDiaries(alice.id, {})).map((d) => d.id)).toEqual(["d-a1"]);
    expect(await store.ritual.listSleepDiaries(alice.id, { from: "2025-03-02" })).toEqual([]);

    expect(await store.ritual.deleteSession(bob.id, "s-night")).toBe(false);
    expect(await store.ritual.deleteSession(alice.id, "s-night")).toBe(true);
    expect((await store.ritual.getSleepDiary(alice.id, "2025-03-01"))?.sessionId).toBeNull();

    expect(await store.ritual.deleteSleepDiary(bob.id, "2025-03-02")).toBe(false);
    expect(await store.ritual.deleteSleepDiary(alice.id, "2025-03-01")).toBe(true);
    expect(await store.ritual.getSleepDiary(alice.id, "2025-03-01")).toBeNull();
    expect(await store.ritual.getSleepDiary(bob.id, "2025-03-01")).not.toBeNull();
  });

  it("stores check-ups oldest first with the latest time per instrument", async () => {
    const base = {
      userId: alice.id,
      answers: { gad7_1: 1, gad7_2: 2 },
      total: 10,
      bandId: "moderate",
      localDate: "2025-01-01",
      timeZone: "Europe/London",
      createdAt: "2025-01-01T00:00:00.000Z",
    };
    await store.ritual.insertCheckup({
      ...base,
      id: "k2",
      instrumentId: "gad7",
      completedAt: "2025-01-15T10:00:00.000Z",
    });
    await store.ritual.insertCheckup({
      ...base,
      id: "k1",
      instrumentId: "gad7",
      completedAt: "2025-01-01T10:00:00.000Z",
    });
    await store.ritual.insertCheckup({
      ...base,
      id: "k3",
      instrumentId: "asmr-profile",
      answers: { triggers: ["whispering", "tapping"] },
      total: null,
      bandId: null,
      completedAt: "2025-01-10T10:00:00.000Z",
    });
    const all = await store.ritual.listCheckups(alice.id);
    expect(all.map((c) => c.id)).toEqual(["k1", "k3", "k2"]);
    expect(all[2]).toMatchObject({ total: 10, bandId: "moderate", answers: { gad7_1: 1, gad7_2: 2 } });
    expect(all[1]).toMatchObject({
      total: null,
      bandId: null,
      answers: { triggers: ["whispering", "tapping"] },
    });
    expect((await store.ritual.listCheckups(alice.id, "gad7")).map((c) => c.id)).toEqual(["k1", "k2"]);
    expect(await store.ritual.listCheckups(bob.id)).toEqual([]);
    expect(Object.fromEntries(await store.ritual.lastCheckupTimes(alice.id))).toEqual({
      gad7: "2025-01-15T10:00:00.000Z",
      "asmr-profile": "2025-01-10T10:00:00.000Z",
    });
    expect(await store.ritual.deleteCheckup(bob.id, "k1")).toBe(false);
    expect(await store.ritual.deleteCheckup(alice.id, "k1")).toBe(true);
    expect((await store.ritual.listCheckups(alice.id)).map((c) => c.id)).toEqual(["k3", "k2"]);
  });

  it("deletes a user's sessions, diaries and check-ups with the user", async () => {
    const u = user("erin");
    await store.insertUser(u);
    await store.ritual.createSession(u.id, newSession("e-s", "2025-03-01T21:00:00.000Z"));
    await store.ritual.upsertSleepDiary(u.id, {
      id: "e-d",
      nightOf: "2025-03-01",
      fields: diaryInput,
      derived: deriveSleep(diaryInput),
      sessionId: "e-s",
      now: "2025-03-02T07:00:00.000Z",
    });
    await store.ritual.insertCheckup({
      id: "e-k",
      userId: u.id,
      instrumentId: "phq8",
      answers: {},
      total: 0,
      bandId: "none",
      completedAt: "2025-03-02T07:00:00.000Z",
      localDate: "2025-03-02",
      timeZone: "Europe/London",
      createdAt: "2025-03-02T07:00:00.000Z",
    });
    expect(await store.deleteUser(u.id)).toBe(true);
    expect(await store.ritual.getSession(u.id, "e-s")).toBeNull();
    expect(await store.ritual.getSleepDiary(u.id, "2025-03-01")).toBeNull();
    expect(await store.ritual.listCheckups(u.id)).toEqual([]);
  });

  it("imports complete records in one transaction and reads the insights rows back by range", async () => {
    const ivy = user("ivy");
    const jude = user("jude");
    await store.insertUser(ivy);
    await store.insertUser(jude);
    const session = (i: number, owner = ivy) => {
      const day = `2025-05-${String(10 + i).padStart(2, "0")}`;
      return {
        id: `imp-${owner.username}-${i}`,
        userId: owner.id,
        clientId: null,
        status: i % 2 === 0 ? ("checked-out" as const) : ("abandoned" as const),
        startedAt: `${day}T20:00:00.000Z`,
        endedAt: `${day}T20:30:00.000Z`,
        timeZone: "Europe/London",
        localDate: day,
        checkIn,
        checkOut: i % 2 === 0 ? { ...checkOut, tingleLocations: [...checkOut.tingleLocations] } : null,
        scene: i === 0 ? scene : null,
        media: [],
        entryId: null,
        promptId: null,
        condition: { kind: "open" as const },
        createdAt: `${day}T20:00:00.000Z`,
        updatedAt: `${day}T20:30:00.000Z`,
      };
    };
    const diary = (i: number) => {
      const nightOf = `2025-05-${String(10 + i).padStart(2, "0")}`;
      const fields = { ...diaryInput, nightOf };
      return {
        id: `imp-d-${i}`,
        userId: ivy.id,
        nightOf,
        fields,
        derived: deriveSleep(fields),
        sessionId: i === 0 ? "imp-ivy-0" : null,
        createdAt: "2025-06-01T00:00:00.000Z",
        updatedAt: "2025-06-01T00:00:00.000Z",
      };
    };
    const checkup = (id: string, localDate: string, total: number | null) => ({
      id,
      userId: ivy.id,
      instrumentId: total === null ? ("asmr-profile" as const) : ("gad7" as const),
      answers: {},
      total,
      bandId: null,
      completedAt: `${localDate}T09:00:00.000Z`,
      localDate,
      timeZone: "Europe/London",
      createdAt: `${localDate}T09:00:00.000Z`,
    });
    // 1,200 sessions: more than two multi-row chunks.
    const many = Array.from({ length: 1200 }, (_, i) => ({ ...session(0), id: `bulk-${i}` }));
    await store.ritual.importRecords(ivy.id, {
      sessions: [session(0), session(1), session(2), ...many],
      diaries: [diary(0), diary(1)],
      checkups: [checkup("imp-k1", "2025-05-10", 6), checkup("imp-k2", "2025-05-11", null)],
    });
    expect(await store.ritual.getSession(ivy.id, "imp-ivy-0")).toEqual(session(0));

    const rows = await store.ritual.insightsRows(ivy.id, { from: "2025-05-11", to: "2025-05-12" });
    expect(rows.sessions.map((r) => r.id)).toEqual(["imp-ivy-1", "imp-ivy-2"]);
    expect(rows.sessions[0]).toEqual({
      id: "imp-ivy-1",
      status: "abandoned",
      startedAt: "2025-05-11T20:00:00.000Z",
      timeZone: "Europe/London",
      localDate: "2025-05-11",
      checkIn: { pleasantness: 4, energy: 6, anxiety: 40 },
      checkOut: null,
      triggers: [],
      presetId: null,
      mediaId: null,
      condition: JSON.stringify({ kind: "open" }),
    });
    expect(rows.diaries).toEqual([
      {
        nightOf: "2025-05-11",
        sessionId: null,
        solMinutes: 20,
        sleepEfficiency: diary(1).derived.sleepEfficiency,
        quality: 3,
      },
    ]);
    expect(rows.checkups).toEqual([]); // only the unscored one falls in the range
    const all = await store.ritual.insightsRows(ivy.id, {});
    expect(all.sessions).toHaveLength(1203);
    expect(all.sessions[0]?.triggers).toEqual(["rain", "tapping"]); // the scene's facts, written on import
    expect(all.sessions[0]?.checkOut).toEqual({ pleasantness: 4, energy: 6, anxiety: 25, tingles: 3 });
    expect(all.diaries.map((d) => d.sessionId)).toEqual(["imp-ivy-0", null]);
    expect(all.checkups).toEqual([{ instrumentId: "gad7", localDate: "2025-05-10", total: 6 }]);

    // Scoped by user, and all-or-nothing.
    expect(await store.ritual.insightsRows(jude.id, {})).toEqual({ sessions: [], diaries: [], checkups: [] });
    await expect(store.ritual.importRecords(jude.id, { sessions: [session(5)] })).rejects.toThrow(
      /another user/,
    );
    await expect(
      store.ritual.importRecords(jude.id, {
        sessions: [session(6, jude), { ...session(7, jude), id: "imp-ivy-0" }],
      }),
    ).rejects.toThrow();
    expect((await store.ritual.insightsRows(jude.id, {})).sessions).toEqual([]);
  });
});
