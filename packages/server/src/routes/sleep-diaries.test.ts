import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  body,
  type Client,
  createHarness,
  type Harness,
  login,
  memberClient,
  ownerClient,
} from "../test/harness";

let h: Harness;
let owner: Client;
let now = new Date("2025-01-21T08:00:00.000Z");

beforeAll(async () => {
  h = await createHarness("sqlite", { now: () => now });
  owner = await ownerClient(h);
});
afterAll(() => h.dispose());

const checkIn = { pleasantness: 5, energy: 3, anxiety: 30 };

/** A night crossing midnight in London (winter, no clock change). */
const night = {
  nightOf: "2025-01-20",
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
  listened: true,
  listenedMinutes: 30,
};

/** A new member signed in at `at` (the clock jumps between tests; cookies last 30 days). */
async function member(username: string, timeZone: string, at: string): Promise<Client> {
  now = new Date(at);
  owner = await login(h, "owner");
  return memberClient(h, owner, username, timeZone);
}

async function startSessionAt(c: Client, iso: string): Promise<string> {
  now = new Date(iso);
  const res = await c.post("/api/sessions", { checkIn });
  expect(res.status).toBe(201);
  return (await body(res)).id;
}

describe("sleep diaries", () => {
  it("saves a night across midnight with derived values, then replaces it", async () => {
    const ann = await member("ann", "Europe/London", "2025-01-21T08:00:00.000Z");
    now = new Date("2025-01-21T08:00:00.000Z");
    const res = await ann.put("/api/sleep-diaries/2025-01-20", night);
    expect(res.status).toBe(201);
    const diary = await body(res);
    expect(diary).toMatchObject({
      ...night,
      sessionId: null,
      createdAt: "2025-01-21T08:00:00.000Z",
      updatedAt: "2025-01-21T08:00:00.000Z",
    });
    expect(diary.derived).toMatchObject({
      timeInBedMinutes: 485,
      bedToTryMinutes: 20,
      sleepOnsetLatencyMinutes: 20,
      wakeAfterSleepOnsetMinutes: 25,
      sleepWindowMinutes: 440,
      totalSleepMinutes: 395,
      sleepEfficiency: 81.4,
      inBedAfterWakingMinutes: 25,
      clockChangeMinutes: 0,
      adjustedTimes: [],
    });
    expect(diary.derived.timeline.intoBed).toMatchObject({
      date: "2025-01-20",
      at: "2025-01-20T23:10:00.000Z",
    });
    expect(diary.derived.timeline.outOfBed).toMatchObject({
      date: "2025-01-21",
      at: "2025-01-21T07:15:00.000Z",
    });
    expect(await body(await ann.get("/api/sleep-diaries/2025-01-20"))).toEqual(diary);

    now = new Date("2025-01-21T09:00:00.000Z");
    const again = await ann.put("/api/sleep-diaries/2025-01-20", { ...night, outOfBed: "08:15", quality: 4 });
    expect(again.status).toBe(200);
    const replaced = await body(again);
    expect(replaced).toMatchObject({
      id: diary.id,
      quality: 4,
      createdAt: diary.createdAt,
      updatedAt: "2025-01-21T09:00:00.000Z",
    });
    expect(replaced.derived.timeInBedMinutes).toBe(545);
    expect((await body(await ann.get("/api/sleep-diaries"))).diaries).toEqual([replaced]);
  });

  it("derives a night with a clock change (London, spring forward)", async () => {
    const ben = await member("ben", "Europe/London", "2025-03-30T08:00:00.000Z");
    const res = await ben.put("/api/sleep-diaries/2025-03-29", {
      ...night,
      nightOf: "2025-03-29",
      intoBed: "23:00",
      triedToSleep: "23:15",
      minutesToFallAsleep: 15,
      awakenings: 0,
      minutesAwake: 0,
      finalAwakening: "06:45",
      outOfBed: "07:00",
    });
    expect(res.status).toBe(201);
    const { derived } = await body(res);
    expect(derived).toMatchObject({
      timeInBedMinutes: 420,
      totalSleepMinutes: 375,
      sleepEfficiency: 89.3,
      clockChangeMinutes: 60,
    });
    expect(derived.timeline.outOfBed.at).toBe("2025-03-30T06:00:00.000Z");
  });

  it("refuses implausible or invalid diaries naming the field", async () => {
    const cara = await member("cara", "Europe/London", "2025-01-21T08:00:00.000Z");
    const cases: [string, unknown, string, RegExp?][] = [
      [
        "2025-01-20",
        { ...night, minutesToFallAsleep: 500 },
        "minutesToFallAsleep",
        /longer than the 7 h 20 min/,
      ],
      ["2025-01-20", { ...night, awakenings: 0, minutesAwake: 10 }, "minutesAwake"],
      ["2025-01-20", { ...night, listened: false, listenedMinutes: 20 }, "listenedMinutes"],
      ["2025-01-20", { ...night, triedToSleep: "22:00" }, "triedToSleep"],
      ["2025-01-20", { ...night, quality: 6 }, "quality", /rating from 1 to 5/],
      ["2025-01-20", { ...night, intoBed: "25:00" }, "intoBed"],
      ["2025-01-20", { ...night, timeZone: "Mars/Olympus" }, "timeZone"],
      ["2025-01-20", { ...night, minutesAwake: -1 }, "minutesAwake"],
      ["2025-01-21", night, "nightOf", /must match/],
      ["2025-02-30", { ...night, nightOf: "2025-02-30" }, "nightOf"],
    ];
    for (const [path, payload, field, message] of cases) {
      const res = await cara.put(`/api/sleep-diaries/${path}`, payload);
      expect(res.status, `${field} ${JSON.stringify(payload)}`).toBe(400);
      const { error } = await body(res);
      expect(error).toMatchObject({ code: "validation_failed", field });
      if (message) expect(error.message).toMatch(message);
    }
    expect((await body(await cara.get("/api/sleep-diaries"))).diaries).toEqual([]);
  });

  it("links the latest session of that evening (18:00–03:00 in the user's zone)", async () => {
    const dee = await member("dee", "America/New_York", "2025-03-01T12:00:00.000Z");
    await startSessionAt(dee, "2025-03-01T22:30:00.000Z"); // 17:30 local: too early
    const evening = await startSessionAt(dee, "2025-03-02T01:00:00.000Z"); // 20:00 local
    const late = await startSessionAt(dee, "2025-03-02T04:30:00.000Z"); // 23:30 local, 04:30 UTC next day
    await startSessionAt(dee, "2025-03-02T08:30:00.000Z"); // 03:30 local next morning: too late

    now = new Date("2025-03-02T12:00:00.000Z");
    const diary = { ...night, nightOf: "2025-03-01", timeZone: "America/New_York" };
    const saved = await body(await dee.put("/api/sleep-diaries/2025-03-01", diary));
    expect(saved.sessionId).toBe(late);

    // The link follows the sessions that exist when the diary is saved.
    expect((await dee.delete(`/api/sessions/${late}`)).status).toBe(204);
    expect((await body(await dee.get("/api/sleep-diaries/2025-03-01"))).sessionId).toBeNull();
    expect((await body(await dee.put("/api/sleep-diaries/2025-03-01", diary))).sessionId).toBe(evening);

    const other = await body(
      await dee.put("/api/sleep-diaries/2025-03-02", { ...diary, nightOf: "2025-03-02" }),
    );
    expect(other.sessionId).toBeNull();
  });

  it("lists newest night first within a range, and deletes", async () => {
    const eve = await member("eve", "Europe/London", "2025-01-13T08:00:00.000Z");
    for (const nightOf of ["2025-01-10", "2025-01-11", "2025-01-12"]) {
      expect((await eve.put(`/api/sleep-diaries/${nightOf}`, { ...night, nightOf })).status).toBe(201);
    }
    const all = await body(await eve.get("/api/sleep-diaries"));
    expect(all.diaries.map((d: { nightOf: string }) => d.nightOf)).toEqual([
      "2025-01-12",
      "2025-01-11",
      "2025-01-10",
    ]);
    const some = await body(await eve.get("/api/sleep-diaries?from=2025-01-11&to=2025-01-11"));
    expect(some.diaries.map((d: { nightOf: string }) => d.nightOf)).toEqual(["2025-01-11"]);
    expect((await eve.get("/api/sleep-diaries?from=2025-01-12&to=2025-01-10")).status).toBe(400);
    expect((await eve.get("/api/sleep-diaries?from=yesterday")).status).toBe(400);

    expect((await eve.delete("/api/sleep-diaries/2025-01-11")).status).toBe(204);
    expect((await eve.get("/api/sleep-diaries/2025-01-11")).status).toBe(404);
    expect((await eve.delete("/api/sleep-diaries/2025-01-11")).status).toBe(404);
    expect((await body(await eve.get("/api/sleep-diaries"))).diaries).toHaveLength(2);
  });

  it("keeps diaries private: another user gets 404 and no data for every route with a night", async () => {
    const fay = await member("fay", "Europe/London", "2025-01-20T12:00:00.000Z");
    const gus = await member("gus", "Europe/London", "2025-01-20T12:00:00.000Z");
    const session = await startSessionAt(fay, "2025-01-20T21:00:00.000Z");
    const mine = await body(
      await fay.put("/api/sleep-diaries/2025-01-20", { ...night, comments: "fay's night" }),
    );
    expect(mine.sessionId).toBe(session);

    for (const res of [
      await gus.get("/api/sleep-diaries/2025-01-20"),
      await gus.delete("/api/sleep-diaries/2025-01-20"),
    ]) {
      expect(res.status).toBe(404);
      const text = await res.text();
      expect(JSON.parse(text).error.code).toBe("not_found");
      expect(text).not.toContain("fay's night");
    }
    expect((await body(await gus.get("/api/sleep-diaries"))).diaries).toEqual([]);
    // Gus's PUT for the same night makes his own diary; it doesn't touch Fay's or link her session.
    const his = await gus.put("/api/sleep-diaries/2025-01-20", { ...night, quality: 1 });
    expect(his.status).toBe(201);
    const hisDiary = await body(his);
    expect(hisDiary.id).not.toBe(mine.id);
    expect(hisDiary.sessionId).toBeNull();
    expect(JSON.stringify(hisDiary)).not.toContain("fay's night");
    expect(await body(await fay.get("/api/sleep-diaries/2025-01-20"))).toEqual(mine);
  });

  it("requires sign-in", async () => {
    const anon = h.client();
    expect((await anon.get("/api/sleep-diaries")).status).toBe(401);
    expect((await anon.put("/api/sleep-diaries/2025-01-20", night)).status).toBe(401);
  });
});
