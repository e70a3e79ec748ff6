import {
  computeInsights,
  deriveSleep,
  type InsightsInput,
  localToInstant,
  type SessionObservation,
  type SleepObservation,
} from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

/**
 * The API's numbers are core's computeInsights on the same data: the expected input is built here
 * from what the test sends (not from what the server stored), then compared with the answer.
 */

let h: Harness;
let owner: Client;
let alice: Client;
let bob: Client;
const now = new Date("2025-04-05T11:00:00.000Z");
const TODAY = "2025-04-05";
const ZONE = "Europe/London";

const rainScene = {
  version: 1,
  name: "Rain",
  layers: [
    { id: "r", generator: "rain", gainDb: 0 },
    { id: "n", generator: "brown-noise", gainDb: -14 }, // 3.8 % of the power: not a trigger
  ],
};
const tappingScene = { version: 1, layers: [{ id: "t", generator: "tapping", gainDb: -3 }] };
const brushingScene = {
  version: 1,
  layers: [
    { id: "b", generator: "hair-brushing", gainDb: 0 },
    { id: "t", generator: "tapping", gainDb: -30 },
  ],
};

const DAYS = 42;
const FIRST = "2025-02-22";
const RAIN_DAYS = [0, 4, 8, 12, 16, 20];
const RAIN_CHANGES = [-20, -22, -18, -20, -21, -19];
const TAPPING_DAYS = [1, 5];

function dateOf(i: number): string {
  const d = new Date(`${FIRST}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + i);
  return d.toISOString().slice(0, 10);
}

const expected: InsightsInput & { sessions: SessionObservation[]; sleep: SleepObservation[] } = {
  sessions: [],
  sleep: [],
  checkups: [],
};

async function seed(c: Client): Promise<void> {
  const eveningOf = new Map<string, string>();
  for (let i = 0; i < DAYS; i++) {
    const date = dateOf(i);
    const evening = i % 3 !== 2;
    const time = evening ? "21:30" : "15:00";
    const startedAt = new Date(localToInstant(date, time, ZONE).instantMs).toISOString();
    const rain = RAIN_DAYS.indexOf(i);
    const tapping = TAPPING_DAYS.includes(i);
    const abandoned = rain < 0 && !tapping && i % 7 === 3;
    const scene = rain >= 0 ? rainScene : tapping ? tappingScene : brushingScene;
    const media =
      rain >= 0
        ? [{ kind: "preset", presetId: "library-rain", name: "Library rain" }]
        : tapping
          ? [{ kind: "own-audio", audioId: "clip-1", name: "tapping.ogg" }]
          : [{ kind: "preset", presetId: "ear-to-ear-brushing", name: "Brushing" }];
    const checkIn = { pleasantness: 3 + (i % 4), energy: 4 + (i % 3), anxiety: 40 + ((i * 7) % 30) };
    const change = rain >= 0 ? (RAIN_CHANGES[rain] as number) : -5 - (i % 5) * 2 + (i % 3);
    const tingles = i % 5;
    const checkOut = {
      pleasantness: Math.min(9, checkIn.pleasantness + 2 - (i % 2)),
      energy: Math.max(1, checkIn.energy - (i % 2)),
      anxiety: checkIn.anxiety + change,
      tingles,
      tingleLocations: tingles > 0 ? ["scalp"] : [],
      relaxation: 6,
    };
    const created = await c.post("/api/sessions", { checkIn, scene, media, startedAt });
    expect(created.status, await created.clone().text()).toBe(201);
    const id = (await body(created)).id as string;
    const patch = abandoned ? { status: "abandoned" } : { status: "checked-out", checkOut };
    expect((await c.patch(`/api/sessions/${id}`, patch)).status).toBe(200);
    if (evening) eveningOf.set(date, id);
    expected.sessions.push({
      id,
      startedAt,
      localDate: date,
      hourLocal: evening ? 21.5 : 15,
      checkIn,
      checkOut: abandoned
        ? null
        : {
            pleasantness: checkOut.pleasantness,
            energy: checkOut.energy,
            anxiety: checkOut.anxiety,
            tingles,
          },
      triggers: rain >= 0 ? ["rain"] : tapping ? ["tapping"] : ["hair-brushing"],
      presetId: rain >= 0 ? "library-rain" : tapping ? null : "ear-to-ear-brushing",
      mediaId: tapping ? "clip-1" : null,
    });
  }
  for (let i = 0; i < DAYS; i++) {
    if (i % 5 === 4) continue;
    const nightOf = dateOf(i);
    const night = {
      nightOf,
      timeZone: ZONE,
      intoBed: "23:00",
      triedToSleep: "23:15",
      minutesToFallAsleep: i % 3 !== 2 ? 10 + (i % 4) * 5 : 25 + (i % 3) * 5,
      awakenings: i % 3,
      minutesAwake: i % 3 === 0 ? 0 : 5 * (1 + (i % 4)),
      finalAwakening: "06:40",
      outOfBed: "07:00",
      quality: 2 + (i % 3),
      rested: 3,
    };
    const res = await c.put(`/api/sleep-diaries/${nightOf}`, night);
    expect(res.status, await res.clone().text()).toBe(201);
    const sessionId = eveningOf.get(nightOf) ?? null;
    expect((await body(res)).sessionId).toBe(sessionId);
    const derived = deriveSleep(night);
    expected.sleep.push({
      date: nightOf,
      solMinutes: derived.sleepOnsetLatencyMinutes,
      sleepEfficiency: derived.sleepEfficiency,
      quality: night.quality,
      precededBySessionId: sessionId,
    });
  }
  const answers = (prefix: string, n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, k) => [`${prefix}_${k + 1}`, 1]));
  const checkups = [
    { instrumentId: "gad7", answers: answers("gad7", 7), completedAt: "2025-03-01T10:00:00.000Z" },
    { instrumentId: "phq8", answers: answers("phq8", 8), completedAt: "2025-03-01T10:05:00.000Z" },
    { instrumentId: "gad7", answers: answers("gad7", 7), completedAt: "2025-03-15T10:00:00.000Z" },
  ];
  for (const ch of checkups) {
    const res = await c.post("/api/checkups", ch);
    expect(res.status, await res.clone().text()).toBe(201);
  }
  expected.checkups = [
    { instrumentId: "gad7", date: "2025-03-01", total: 7 },
    { instrumentId: "phq8", date: "2025-03-01", total: 8 },
    { instrumentId: "gad7", date: "2025-03-15", total: 7 },
  ];
}

/** What the API answers for this input: computeInsights, through JSON. */
function viaJson(input: InsightsInput): unknown {
  return JSON.parse(JSON.stringify(computeInsights(input, { today: TODAY })));
}

function withoutEnvelope(answer: Record<string, unknown>): Record<string, unknown> {
  const { generatedAt: _g, timeZone: _z, from: _f, to: _t, ...rest } = answer;
  return rest;
}

function inRange(from: string, to: string): InsightsInput {
  return {
    sessions: expected.sessions.filter((s) => s.localDate >= from && s.localDate <= to),
    sleep: expected.sleep.filter((s) => s.date >= from && s.date <= to),
    checkups: (expected.checkups ?? []).filter((s) => s.date >= from && s.date <= to),
  };
}

beforeAll(async () => {
  h = await createHarness("sqlite", { now: () => now });
  owner = await ownerClient(h);
  alice = await memberClient(h, owner, "alice", ZONE);
  bob = await memberClient(h, owner, "bob", "America/New_York");
  await seed(alice);
});
afterAll(() => h.dispose());

describe("GET /api/insights", () => {
  it("answers computeInsights on the user's data, with the envelope", async () => {
    const res = await alice.get("/api/insights");
    expect(res.status).toBe(200);
    const answer = await body(res);
    expect(answer).toMatchObject({ generatedAt: now.toISOString(), timeZone: ZONE, from: null, to: null });
    expect(withoutEnvelope(answer)).toEqual(viaJson(expected));
    expect(answer.counts).toEqual({
      sessions: DAYS,
      completeSessions: expected.sessions.filter((s) => s.checkOut).length,
      nights: expected.sleep.length,
      checkups: 3,
    });
  });

  it("shows a rain estimate with its t interval (checked by hand)", async () => {
    const answer = await body(await alice.get("/api/insights"));
    const rain = answer.triggers.groups.find((g: { key: string }) => g.key === "rain");
    expect(rain).toMatchObject({
      sessions: 6,
      completeSessions: 6,
      status: "estimate",
      moreSessionsNeeded: 0,
    });
    const anxiety = rain.measures.anxiety;
    // Changes −20, −22, −18, −20, −21, −19: mean −20, SD √2, SE √2/√6, t(0.975, 5) = 2.570581835636314.
    const half = (2.570581835636314 * Math.SQRT2) / Math.sqrt(6);
    expect(anxiety.meanChange).toBe(-20);
    expect(anxiety.interval.lower).toBeCloseTo(-20 - half, 9);
    expect(anxiety.interval.upper).toBeCloseTo(-20 + half, 9);
    expect(anxiety.status).toBe("estimate");
    expect(answer.triggers.rankings.anxiety).toContain("rain");
    // The quiet noise bed is below 10 % of the scene's power, so it is no trigger.
    expect(answer.triggers.groups.map((g: { key: string }) => g.key).sort()).toEqual([
      "hair-brushing",
      "rain",
      "tapping",
    ]);
  });

  it("says 'not enough data yet' for a trigger used twice, and how many more sessions would help", async () => {
    const answer = await body(await alice.get("/api/insights"));
    const tapping = answer.triggers.groups.find((g: { key: string }) => g.key === "tapping");
    expect(tapping).toMatchObject({ sessions: 2, status: "not-enough-data" });
    expect(tapping.measures.anxiety.reason).toBe("too-few-sessions");
    expect(tapping.moreSessionsNeeded).toBeGreaterThanOrEqual(3);
    expect(answer.triggers.rankings.anxiety).not.toContain("tapping");
    expect(answer.media.groups.map((g: { key: string }) => g.key)).toEqual(["clip-1"]);
  });

  it("answers the sleep comparison as core computes it (means checked by hand)", async () => {
    const answer = await body(await alice.get("/api/insights"));
    const core = JSON.parse(JSON.stringify(computeInsights(expected, { today: TODAY }).sleep));
    expect(answer.sleep).toEqual(core);
    // Nights after a 21:30 session (i % 3 ≠ 2) vs the others, diaries skipped when i % 5 = 4.
    const nights = Array.from({ length: DAYS }, (_, i) => i).filter((i) => i % 5 !== 4);
    const after = nights.filter((i) => i % 3 !== 2).map((i) => 10 + (i % 4) * 5);
    const other = nights.filter((i) => i % 3 === 2).map((i) => 25 + (i % 3) * 5);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const sol = answer.sleep.afterSession.solMinutes;
    expect(answer.sleep.nightsAfterSession).toBe(after.length);
    expect(answer.sleep.nightsWithout).toBe(other.length);
    expect(sol.with.n).toBe(after.length);
    expect(sol.with.mean).toBeCloseTo(mean(after), 12);
    expect(sol.without.mean).toBeCloseTo(mean(other), 12);
    expect(sol.difference.difference).toBeCloseTo(mean(after) - mean(other), 12);
    expect(sol.difference.lower).toBeLessThan(sol.difference.difference);
    expect(sol.difference.upper).toBeGreaterThan(sol.difference.difference);
    expect(sol.status).toBe("estimate");
  });

  it("answers the check-up trend as core computes it", async () => {
    const answer = await body(await alice.get("/api/insights"));
    expect(answer.trends.checkups).toEqual(computeInsights(expected, { today: TODAY }).trends.checkups);
    expect(answer.trends.checkups).toEqual([
      {
        instrumentId: "gad7",
        points: [
          { date: "2025-03-01", total: 7 },
          { date: "2025-03-15", total: 7 },
        ],
      },
      { instrumentId: "phq8", points: [{ date: "2025-03-01", total: 8 }] },
    ]);
    const ranged = await body(await alice.get("/api/insights?from=2025-03-10"));
    expect(ranged.trends.checkups).toEqual([
      { instrumentId: "gad7", points: [{ date: "2025-03-15", total: 7 }] },
    ]);
  });

  it("filters by local date (sessions, nights and check-ups alike)", async () => {
    const res = await alice.get("/api/insights?from=2025-03-01&to=2025-03-20");
    expect(res.status).toBe(200);
    const answer = await body(res);
    expect(answer).toMatchObject({ from: "2025-03-01", to: "2025-03-20" });
    expect(withoutEnvelope(answer)).toEqual(viaJson(inRange("2025-03-01", "2025-03-20")));
    expect(answer.counts.sessions).toBe(20);
    const only = await body(await alice.get("/api/insights?from=2025-03-15"));
    expect(withoutEnvelope(only)).toEqual(viaJson(inRange("2025-03-15", "9999-12-31")));
  });

  it("rejects a bad range with 400 naming the field", async () => {
    for (const [query, field] of [
      ["from=2025-02-30", "from"],
      ["to=yesterday", "to"],
      ["from=2025-03-10&to=2025-03-01", "to"],
    ] as const) {
      const res = await alice.get(`/api/insights?${query}`);
      expect(res.status, query).toBe(400);
      expect((await body(res)).error, query).toMatchObject({ code: "validation_failed", field });
    }
  });

  it("shows another user none of the data", async () => {
    const answer = await body(await bob.get("/api/insights"));
    expect(answer.counts).toEqual({ sessions: 0, completeSessions: 0, nights: 0, checkups: 0 });
    expect(answer.triggers.groups).toEqual([]);
    expect(answer.timeZone).toBe("America/New_York");
    expect(withoutEnvelope(answer)).toEqual(viaJson({ sessions: [], sleep: [], checkups: [] }));
    // Bob's own session stays his.
    const checkIn = { pleasantness: 5, energy: 5, anxiety: 50 };
    expect((await bob.post("/api/sessions", { checkIn, scene: rainScene })).status).toBe(201);
    expect((await body(await bob.get("/api/insights"))).counts.sessions).toBe(1);
    expect((await body(await alice.get("/api/insights"))).counts.sessions).toBe(DAYS);
  });

  it("lists sessions from today's date in earlier years on this day, newest first", async () => {
    const carol = await memberClient(h, owner, "carol", ZONE);
    const checkIn = { pleasantness: 5, energy: 5, anxiety: 50 };
    const ids: Record<string, string> = {};
    for (const startedAt of [
      "2023-04-05T19:00:00.000Z",
      "2024-04-05T19:00:00.000Z",
      "2024-04-06T19:00:00.000Z", // another day
      "2025-04-04T19:00:00.000Z", // this year
    ]) {
      const res = await carol.post("/api/sessions", { checkIn, scene: rainScene, startedAt });
      expect(res.status).toBe(201);
      ids[startedAt.slice(0, 10)] = (await body(res)).id;
    }
    const answer = await body(await carol.get("/api/insights"));
    expect(answer.onThisDay).toEqual([
      { id: ids["2024-04-05"], localDate: "2024-04-05" },
      { id: ids["2023-04-05"], localDate: "2023-04-05" },
    ]);
  });

  it("reuses an answer until the user writes, and every kind of write shows at once", async () => {
    const dana = await memberClient(h, owner, "dana", ZONE);
    const counts = async () => (await body(await dana.get("/api/insights"))).counts;
    expect(await counts()).toEqual({ sessions: 0, completeSessions: 0, nights: 0, checkups: 0 });
    const checkIn = { pleasantness: 5, energy: 5, anxiety: 50 };
    const created = await dana.post("/api/sessions", {
      checkIn,
      scene: rainScene,
      startedAt: "2025-04-04T20:00:00.000Z",
    });
    const id = (await body(created)).id as string;
    expect(await counts()).toMatchObject({ sessions: 1, completeSessions: 0 });
    const checkOut = { ...checkIn, anxiety: 30, tingles: 1, tingleLocations: [], relaxation: 6 };
    expect((await dana.patch(`/api/sessions/${id}`, { status: "checked-out", checkOut })).status).toBe(200);
    const after = await body(await dana.get("/api/insights"));
    expect(after.counts).toMatchObject({ sessions: 1, completeSessions: 1 });
    expect(after.overall.anxiety.meanChange).toBe(-20);
    expect(await counts()).toMatchObject({ completeSessions: 1 }); // the same answer again
    const night = {
      nightOf: "2025-04-04",
      timeZone: ZONE,
      intoBed: "23:00",
      triedToSleep: "23:10",
      minutesToFallAsleep: 15,
      awakenings: 0,
      minutesAwake: 0,
      finalAwakening: "07:00",
      outOfBed: "07:10",
      quality: 4,
      rested: 4,
    };
    expect((await dana.put("/api/sleep-diaries/2025-04-04", night)).status).toBe(201);
    expect((await counts()).nights).toBe(1);
    expect((await dana.put("/api/sleep-diaries/2025-04-04", { ...night, quality: 2 })).status).toBe(200);
    expect((await body(await dana.get("/api/insights"))).sleep.afterSession.quality.with.mean).toBe(2);
    const answers = Object.fromEntries(Array.from({ length: 7 }, (_, k) => [`gad7_${k + 1}`, 2]));
    const checkup = await dana.post("/api/checkups", { instrumentId: "gad7", answers });
    expect(checkup.status).toBe(201);
    expect((await counts()).checkups).toBe(1);
    expect((await dana.delete(`/api/checkups/${(await body(checkup)).id}`)).status).toBe(204);
    expect((await counts()).checkups).toBe(0);
    expect((await dana.delete("/api/sleep-diaries/2025-04-04")).status).toBe(204);
    expect((await counts()).nights).toBe(0);
    expect((await dana.delete(`/api/sessions/${id}`)).status).toBe(204);
    expect(await counts()).toEqual({ sessions: 0, completeSessions: 0, nights: 0, checkups: 0 });
    // Another range is another answer.
    expect((await body(await alice.get("/api/insights?to=2025-03-01"))).counts.sessions).toBe(8); // 22 Feb – 1 Mar
  });

  it("needs a signed-in user", async () => {
    const anonymous = h.client();
    expect((await anonymous.get("/api/insights")).status).toBe(401);
    expect((await anonymous.get("/api/insights/weekly")).status).toBe(401);
  });
});

describe("GET /api/insights/weekly", () => {
  it("covers today and the six days before, and the seven nights before today", async () => {
    const res = await alice.get("/api/insights/weekly");
    expect(res.status).toBe(200);
    const week = await body(res);
    const from = "2025-03-30";
    const sessions = expected.sessions.filter((s) => s.localDate >= from && s.localDate <= TODAY);
    const sleep = expected.sleep.filter((s) => s.date >= "2025-03-29" && s.date < TODAY);
    const core = computeInsights({ sessions, sleep }, { today: TODAY });
    expect(week).toEqual({
      generatedAt: now.toISOString(),
      timeZone: ZONE,
      from,
      to: TODAY,
      sessions: sessions.length,
      completeSessions: sessions.filter((s) => s.checkOut).length,
      anxiety: JSON.parse(JSON.stringify(core.overall.anxiety)),
      nightsLogged: sleep.length,
    });
    expect(week.sessions).toBe(6); // 2025-03-30 … 2025-04-04; none yet today
    expect(week.nightsLogged).toBe(sleep.length);
  });

  it("is empty for a user without data in the week", async () => {
    const week = await body(await bob.get("/api/insights/weekly"));
    expect(week).toMatchObject({ sessions: 1, completeSessions: 0, nightsLogged: 0 });
    expect(week.anxiety).toMatchObject({ status: "not-enough-data", n: 0, meanChange: null });
  });
});
