import { CRISIS_RESOURCES, GAD7, PFIZER_CREDIT, PHQ8 } from "@meridian/core";
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
let now = new Date("2025-02-01T10:00:00.000Z");

beforeAll(async () => {
  h = await createHarness("sqlite", { now: () => now });
  owner = await ownerClient(h);
});
afterAll(() => h.dispose());

/** A new member signed in at `at` (cookies last 30 days; some tests move the clock far). */
async function member(username: string, at: string, timeZone = "Europe/London"): Promise<Client> {
  now = new Date(at);
  owner = await login(h, "owner");
  return memberClient(h, owner, username, timeZone);
}

/** Answers for the items of an instrument adding up to `total` (each item 0–3). */
function answersTotalling(prefix: string, items: number, total: number): Record<string, number> {
  const answers: Record<string, number> = {};
  let left = total;
  for (let i = 1; i <= items; i++) {
    const v = Math.min(3, left);
    answers[`${prefix}_${i}`] = v;
    left -= v;
  }
  if (left !== 0) throw new Error("total out of range");
  return answers;
}

const gad7 = (total: number) => ({ instrumentId: "gad7", answers: answersTotalling("gad7", 7, total) });
const phq8 = (total: number) => ({ instrumentId: "phq8", answers: answersTotalling("phq8", 8, total) });

describe("check-ups", () => {
  it("serves the instruments straight from core", async () => {
    const c = await member("ivy", "2025-02-01T10:00:00.000Z");
    const { instruments } = await body(await c.get("/api/checkups/instruments"));
    expect(instruments.map((i: { id: string }) => i.id)).toEqual(["gad7", "phq8", "ipip-es", "asmr-profile"]);
    expect(instruments[0]).toEqual(JSON.parse(JSON.stringify(GAD7)));
    expect(instruments[1].credit).toBe(PFIZER_CREDIT);
    expect(instruments[1].items[0].text).toBe(PHQ8.items[0]?.text);
  });

  it("scores on the server at band boundaries, ignoring any score the client sends", async () => {
    const c = await member("jay", "2025-02-01T10:00:00.000Z");
    const nine = await c.post("/api/checkups", { ...gad7(9), total: 0, bandId: "minimal" });
    expect(nine.status).toBe(201);
    expect(await body(nine)).toMatchObject({ total: 9, bandId: "mild", bandLabel: "mild" });

    const res = await c.post("/api/checkups", {
      ...gad7(10),
      answers: { ...gad7(10).answers, gad7_difficulty: 1 },
    });
    expect(res.status).toBe(201);
    const scored = await body(res);
    expect(scored).toMatchObject({
      instrumentId: "gad7",
      total: 10,
      bandId: "moderate",
      bandLabel: "moderate",
      completedAt: "2025-02-01T10:00:00.000Z",
      localDate: "2025-02-01",
      timeZone: "Europe/London",
      result: {
        complete: true,
        total: 10,
        bandLabel: "moderate",
        severity: "moderate",
        screening: true,
        credit: PFIZER_CREDIT,
      },
      care: { level: "standard", showCrisisResources: true },
    });
    expect(scored.answers.gad7_difficulty).toBe(1);
    expect(scored.result.interpretation).toContain("screening score, not a diagnosis");

    const fourteen = await body(await c.post("/api/checkups", gad7(14)));
    expect(fourteen).toMatchObject({ bandId: "moderate", care: { level: "standard" } });
    const fifteen = await body(await c.post("/api/checkups", gad7(15)));
    expect(fifteen).toMatchObject({ bandId: "severe", care: { level: "prominent" } });
  });

  it("makes crisis resources prominent at PHQ-8 ≥ 15", async () => {
    const c = await member("kim", "2025-02-01T10:00:00.000Z");
    const fourteen = await body(await c.post("/api/checkups", phq8(14)));
    expect(fourteen).toMatchObject({ total: 14, bandId: "moderate", care: { level: "standard" } });
    const fifteen = await body(await c.post("/api/checkups", phq8(15)));
    expect(fifteen).toMatchObject({
      total: 15,
      bandId: "moderately-severe",
      bandLabel: "moderately severe",
      care: { level: "prominent", showCrisisResources: true },
    });
    expect(fifteen.care.notes.length).toBeGreaterThan(0);
  });

  it("stores unscored and reverse-keyed instruments", async () => {
    const c = await member("lou", "2025-02-01T10:00:00.000Z");
    const { instruments } = await body(await c.get("/api/checkups/instruments"));
    const ipip = instruments.find((i: { id: string }) => i.id === "ipip-es");
    const answers = Object.fromEntries(ipip.items.map((i: { id: string }) => [i.id, 3]));
    const es = await body(await c.post("/api/checkups", { instrumentId: "ipip-es", answers }));
    expect(es).toMatchObject({
      total: 30,
      bandId: null,
      bandLabel: null,
      result: { derived: { neuroticism: 30 } },
    });

    const profile = await c.post("/api/checkups", {
      instrumentId: "asmr-profile",
      answers: { asmr_tingles: 1, asmr_triggers: ["rain", "tapping"], asmr_frequency: 2, asmr_reasons: null },
    });
    expect(profile.status, await profile.clone().text()).toBe(201);
    const p = await body(profile);
    expect(p).toMatchObject({ total: null, bandId: null, answers: { asmr_triggers: ["rain", "tapping"] } });
    expect("asmr_reasons" in p.answers).toBe(false);
  });

  it("rejects invalid submissions naming the field", async () => {
    const c = await member("max", "2025-02-01T10:00:00.000Z");
    const missing = { ...gad7(5).answers };
    delete missing.gad7_7;
    const cases: [unknown, string][] = [
      [{ instrumentId: "gad7", answers: { ...gad7(5).answers, gad7_3: 4 } }, "answers.gad7_3"],
      [{ instrumentId: "gad7", answers: missing }, "answers.gad7_7"],
      [{ instrumentId: "gad7", answers: { ...gad7(5).answers, extra: 1 } }, "answers"],
      [{ instrumentId: "phq9", answers: {} }, "instrumentId"],
      [{ ...gad7(5), completedAt: "yesterday" }, "completedAt"],
      [{ ...gad7(5), completedAt: "2025-02-02T10:00:00.000Z" }, "completedAt"],
    ];
    for (const [payload, field] of cases) {
      const res = await c.post("/api/checkups", payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect((await body(res)).error).toMatchObject({ code: "validation_failed", field });
    }
    expect((await body(await c.get("/api/checkups"))).responses).toEqual([]);
  });

  it("lists oldest first, filters by instrument and computes due dates from cadence", async () => {
    const c = await member("ned", "2025-02-01T10:00:00.000Z", "America/New_York");
    const due0 = await body(await c.get("/api/checkups/due"));
    expect(due0.due).toEqual([
      { instrumentId: "gad7", lastAt: null, dueAt: null, overdue: false },
      { instrumentId: "phq8", lastAt: null, dueAt: null, overdue: false },
      { instrumentId: "ipip-es", lastAt: null, dueAt: null, overdue: false },
      { instrumentId: "asmr-profile", lastAt: null, dueAt: null, overdue: false },
    ]);

    // Completed late in the evening in New York: the local date is the day before in UTC terms.
    const late = await body(
      await c.post("/api/checkups", { ...gad7(3), completedAt: "2025-01-20T03:30:00.000Z" }),
    );
    expect(late).toMatchObject({
      completedAt: "2025-01-20T03:30:00.000Z",
      localDate: "2025-01-19",
      timeZone: "America/New_York",
    });
    await c.post("/api/checkups", gad7(6));
    await c.post("/api/checkups", { ...phq8(2), completedAt: "2025-01-25T12:00:00+01:00" });

    const all = await body(await c.get("/api/checkups"));
    expect(
      all.responses.map((r: { instrumentId: string; total: number }) => [r.instrumentId, r.total]),
    ).toEqual([
      ["gad7", 3],
      ["phq8", 2],
      ["gad7", 6],
    ]);
    expect(all.responses[1].completedAt).toBe("2025-01-25T11:00:00.000Z");
    const onlyGad = await body(await c.get("/api/checkups?instrumentId=gad7"));
    expect(onlyGad.responses.map((r: { total: number }) => r.total)).toEqual([3, 6]);
    expect((await c.get("/api/checkups?instrumentId=phq9")).status).toBe(400);

    const due = await body(await c.get("/api/checkups/due"));
    expect(due.due.slice(0, 2)).toEqual([
      {
        instrumentId: "gad7",
        lastAt: "2025-02-01T10:00:00.000Z",
        dueAt: "2025-02-15T10:00:00.000Z",
        overdue: false,
      },
      {
        instrumentId: "phq8",
        lastAt: "2025-01-25T11:00:00.000Z",
        dueAt: "2025-02-08T11:00:00.000Z",
        overdue: false,
      },
    ]);
    now = new Date("2025-02-08T11:00:00.000Z");
    const later = await body(await c.get("/api/checkups/due"));
    expect(later.due.find((d: { instrumentId: string }) => d.instrumentId === "phq8").overdue).toBe(true);
    expect(later.due.find((d: { instrumentId: string }) => d.instrumentId === "gad7").overdue).toBe(false);
  });

  it("deletes a response", async () => {
    const c = await member("ora", "2025-02-01T10:00:00.000Z");
    const r = await body(await c.post("/api/checkups", gad7(4)));
    expect((await c.delete(`/api/checkups/${r.id}`)).status).toBe(204);
    expect((await c.delete(`/api/checkups/${r.id}`)).status).toBe(404);
    expect((await body(await c.get("/api/checkups"))).responses).toEqual([]);
  });

  it("keeps responses private: another user gets 404 and no data", async () => {
    const pat = await member("pat", "2025-02-01T10:00:00.000Z");
    const quinn = await member("quinn", "2025-02-01T10:00:00.000Z");
    const r = await body(await pat.post("/api/checkups", phq8(17)));
    const del = await quinn.delete(`/api/checkups/${r.id}`);
    expect(del.status).toBe(404);
    expect((await body(del)).error.code).toBe("not_found");
    expect((await body(await quinn.get("/api/checkups"))).responses).toEqual([]);
    expect((await body(await quinn.get("/api/checkups?instrumentId=phq8"))).responses).toEqual([]);
    expect(
      (await body(await quinn.get("/api/checkups/due"))).due.every(
        (d: { lastAt: null }) => d.lastAt === null,
      ),
    ).toBe(true);
    expect((await body(await pat.get("/api/checkups"))).responses).toHaveLength(1);
  });

  it("requires sign-in and the client header", async () => {
    const anon = h.client();
    for (const path of ["/api/checkups", "/api/checkups/due", "/api/checkups/instruments"]) {
      expect((await anon.get(path)).status, path).toBe(401);
    }
    expect((await anon.post("/api/checkups", gad7(1))).status).toBe(401);
    const c = await member("rae", "2025-02-01T10:00:00.000Z");
    expect((await c.post("/api/checkups", gad7(1), { noClientHeader: true })).status).toBe(403);
  });
});

describe("crisis resources", () => {
  it("are public and list 988, Samaritans and findahelpline", async () => {
    const res = await h.client().get("/api/crisis-resources");
    expect(res.status).toBe(200);
    const crisis = await body(res);
    expect(crisis.heading).toBeTruthy();
    expect(crisis.intro).toBeTruthy();
    expect(crisis.resources).toEqual(JSON.parse(JSON.stringify(CRISIS_RESOURCES)));
    const text = JSON.stringify(crisis);
    for (const s of ["tel:988", "116 123", "findahelpline.com"]) expect(text).toContain(s);
  });
});
