import { buildSchedule, experimentPlanSchema, planHash, shortHash } from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, memberClient, ownerClient } from "../test/harness";

const backends = await testBackends();

const TRIGGER = "whisper-trigger";
const scene = {
  version: 2,
  name: "My whisper evening",
  description: "rain with whispering",
  layers: [
    { id: "rain-bed", generator: "rain", gainDb: -6 },
    { id: TRIGGER, generator: "whispering", position: { azimuth: 60, elevation: 0, distance: 0.5 } },
  ],
};
const plan = {
  comparison: { kind: "trigger-vs-sham", scene, layerId: TRIGGER },
  primaryOutcome: "anxiety-change",
  pairs: 2,
};
const checkIn = { pleasantness: 4, energy: 4, anxiety: 50 };
const checkOut = (anxiety: number) => ({
  pleasantness: 6,
  energy: 4,
  anxiety,
  tingles: 3,
  relaxation: 6,
  tingleLocations: ["scalp"],
});

/** Every key path (arrays collapsed) and every string/number value in a JSON value. */
function walk(value: unknown, path = "", out = { keys: new Set<string>(), values: [] as string[] }) {
  if (Array.isArray(value)) for (const v of value) walk(v, `${path}[]`, out);
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.keys.add(`${path}.${k}`);
      walk(v, `${path}.${k}`, out);
    }
  else if (typeof value === "string" || typeof value === "number") out.values.push(String(value));
  return out;
}

interface Secrets {
  seed: number;
  hash: string;
}

/** What no answer may hold while the experiment runs: seed, hash, a blinding map, an arm. */
function assertBlind(where: string, json: unknown, s: Secrets): void {
  const text = JSON.stringify(json);
  expect(text, where).not.toContain(s.hash);
  expect(text, where).not.toContain(shortHash(s.hash));
  const { keys, values } = walk(json);
  for (const k of keys) {
    const last = k.split(".").pop() ?? "";
    expect(["blinding", "arm", "arms", "sham", "assignment"], `${where}: key ${k}`).not.toContain(last);
  }
  if (String(s.seed).length >= 5) expect(values, where).not.toContain(String(s.seed));
  expect(text, where).not.toMatch(/"seed":\d/);
  expect(text, where).not.toMatch(/"planHash":"/);
  expect(text, where).not.toMatch(/"controlNote":"/);
  // Outcomes are not shown per evening while blinded.
  expect(text, where).not.toMatch(/"outcome":/);
}

/** A scene answer (tonight's scene, a session, a preset): no name, id or field names the trigger
 * or the sham. Generator ids are left out: the engine needs them to play the scene (documented
 * in docs/api-experiments.md: reading the raw scene JSON could tell). */
function assertNeutralScene(where: string, json: unknown): void {
  const text = JSON.stringify(json, (k, v) => (k === "generator" ? undefined : v)).toLowerCase();
  for (const word of ["sham", TRIGGER, "whisper evening", "rain with whispering", '"condition"', '"control"'])
    expect(text, `${where}: ${word}`).not.toContain(word);
}

describe.each(backends)("experiments (%s)", (kind) => {
  let h: Harness;
  let c: Client;
  let now = new Date("2026-03-01T18:00:00.000Z");
  const seen: { where: string; json: unknown }[] = [];

  async function call(method: "get" | "post" | "patch", path: string, payload?: unknown) {
    const res = method === "get" ? await c.get(path) : await c[method](path, payload);
    const type = res.headers.get("content-type") ?? "";
    const json = type.includes("json") ? await body(res) : await res.text();
    seen.push({ where: `${method} ${path} (${now.toISOString().slice(0, 10)})`, json });
    return { status: res.status, json };
  }

  beforeAll(async () => {
    h = await createHarness(kind, { now: () => now });
    c = await ownerClient(h);
  }, 60_000);
  afterAll(() => h.dispose());

  it("refuses bad plans with clear errors and nothing stored", async () => {
    const zero = await c.post("/api/experiments", { name: "x", plan: { ...plan, pairs: 0 } });
    expect(zero.status).toBe(400);
    expect((await body(zero)).error).toMatchObject({ code: "validation_failed", field: "plan.pairs" });
    const seeded = await c.post("/api/experiments", { name: "x", plan: { ...plan, seed: 7 } });
    expect((await body(seeded)).error).toMatchObject({ code: "validation_failed", field: "plan.seed" });
    const noScene = await c.post("/api/experiments", {
      name: "x",
      plan: { ...plan, comparison: { kind: "trigger-vs-without", sceneId: "no-such-scene", layerId: "a" } },
    });
    expect(noScene.status).toBe(400);
    expect((await body(noScene)).error.field).toBe("plan.comparison.sceneId");
    const noLayer = await c.post("/api/experiments", {
      name: "x",
      plan: { ...plan, comparison: { kind: "trigger-vs-without", scene, layerId: "nope" } },
    });
    expect(noLayer.status).toBe(400);
    const past = await c.post("/api/experiments", { name: "x", plan: { ...plan, startDate: "2026-02-01" } });
    expect((await body(past)).error).toMatchObject({ field: "plan.startDate" });
    const notADate = await c.post("/api/experiments", { name: "x", plan: { ...plan, startDate: 20260301 } });
    expect((await body(notADate)).error).toMatchObject({
      code: "validation_failed",
      field: "plan.startDate",
    });
    expect((await body(await c.get("/api/experiments"))).experiments).toEqual([]);
    expect((await c.get("/api/experiments/nope")).status).toBe(404);
    const doc = await body(await c.get("/api/openapi.json"));
    for (const path of ["/api/experiments", "/api/experiments/today", "/api/experiments/{id}/report"])
      expect(Object.keys(doc.paths)).toContain(path);
    expect((await c.post("/api/experiments/nope/stop")).status).toBe(404);
    expect((await c.get("/api/experiments/nope/report")).status).toBe(404);
  });

  it("walks a whole blinded experiment; no answer reveals the condition until the end", async () => {
    const created = await call("post", "/api/experiments", { name: "Whisper test", plan });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect(created.json).toMatchObject({ status: "running", seed: null, planHash: null, controlNote: null });
    expect(created.json.power).toMatchObject({ enough: false, suggestedPairs: 6 });
    expect(created.json.progress).toMatchObject({
      eveningNumber: 1,
      totalEvenings: 4,
      label: "Experiment: evening 1 of 4",
    });

    // What the server knows (read through the app's own key): the seed, the hash, the map.
    const owner = await h.store.findUserByUsername("owner");
    const stored = await h.secureStore.experiments.findExperiment(owner?.id ?? "", id);
    const frozen = experimentPlanSchema.parse(JSON.parse(stored?.plan ?? "{}"));
    const secrets = { seed: frozen.seed, hash: planHash(frozen) };
    const schedule = buildSchedule(frozen);
    // Sealed at rest: the raw row holds no plan text.
    const raw = await h.store.experiments.findExperiment(owner?.id ?? "", id);
    expect(raw?.plan).not.toContain("trigger-vs-sham");
    expect(JSON.stringify(raw?.arms)).not.toContain("Soundscape");

    // Changing the frozen plan is refused; the same plan is accepted.
    const changed = await call("patch", `/api/experiments/${id}`, { plan: { ...plan, pairs: 3 } });
    expect(changed.status).toBe(409);
    expect(changed.json.error.code).toBe("plan_frozen");
    const same = await call("patch", `/api/experiments/${id}`, {
      plan: { ...plan, startDate: "2026-03-01" },
      name: "Renamed",
    });
    expect(same.status).toBe(200);
    expect(same.json.name).toBe("Renamed");
    const second = await call("post", "/api/experiments", { name: "Another", plan });
    expect(second.json.error.code).toBe("experiment_running");

    const structures: Record<string, string[]> = {};
    const sessionIds: { sessionId: string; arm: "A" | "B" }[] = [];
    for (const evening of schedule.evenings) {
      now = new Date(`${evening.date}T20:00:00.000Z`);
      const today = await call("get", "/api/experiments/today");
      expect(today.status).toBe(200);
      const t = today.json.experiment;
      expect(t.progress.label).toBe(`Experiment: evening ${evening.index} of 4`);
      expect(t.soundscape).toBe(evening.condition);
      expect(t.soundscapeLabel).toBe(`Soundscape ${evening.condition}`);
      expect(t.scene.name).toBe(`Soundscape ${evening.condition}`);
      expect(t.scene.layers.map((l: { id: string }) => l.id)).toEqual(["layer-1", "layer-2"]);
      assertNeutralScene("today", today.json);
      const { scene: _scene, ...rest } = t;
      structures[evening.condition] = [...walk(rest).keys].sort();

      // Tonight's session is begun pinned to the evening (experiments-pin.ts).
      const started = await call("post", `/api/experiments/${id}/evenings/${evening.index}/session`, {
        checkIn,
      });
      expect(started.status).toBe(201);
      const sessionId = started.json.id as string;
      // Before check-out the evening has no outcome data.
      const early = await call("post", `/api/experiments/${id}/evenings`, {
        sessionId,
        expectation: 6,
        guess: "dont-know",
      });
      expect(early.status).toBe(400);
      expect(early.json.error.code).toBe("outcome_missing");
      const out = await call("patch", `/api/sessions/${sessionId}`, {
        status: "checked-out",
        checkOut: checkOut(evening.condition === schedule.blinding.condition ? 30 : 45),
      });
      expect(out.status).toBe(200);
      await call("get", `/api/sessions/${sessionId}`);
      await call("get", "/api/sessions");
      const preset = await call("post", "/api/presets", { name: "tonight", scene: t.scene });
      expect(preset.status).toBe(201);
      await call("get", "/api/presets");

      const rec = await call("post", `/api/experiments/${id}/evenings`, {
        sessionId,
        expectation: 6,
        guess: "dont-know",
      });
      expect(rec.status).toBe(201);
      expect(rec.json.evening).toMatchObject({ index: evening.index, date: evening.date, sessionId });
      // The recorded session is masked: its scene is gone (sent here, never kept) and the API
      // shows only which soundscape label it played. The last evening ends the experiment,
      // which reveals its sessions at once (checked after the loop).
      const masked = await call("get", `/api/sessions/${sessionId}`);
      if (evening.index < 4) {
        expect(masked.json).toMatchObject({
          scene: null,
          media: [],
          condition: { kind: "masked", experimentId: id, armLabel: evening.condition, revealed: false },
        });
      }
      const rawSession = await h.secureStore.ritual.getSession(owner?.id ?? "", sessionId);
      if (evening.index < 4) expect(rawSession?.scene).toBeNull();
      sessionIds.push({ sessionId, arm: evening.condition });
      expect(rawSession?.condition).toMatchObject({
        kind: "masked",
        blockIndex: evening.index - 1,
        expectation: 6,
      });
      const twice = await call("post", `/api/experiments/${id}/evenings`, {
        sessionId,
        expectation: 6,
        guess: "dont-know",
      });
      expect(twice.status).toBe(409);
      expect(twice.json.error.code).toBe("evening_recorded");

      await call("get", "/api/experiments");
      await call("get", `/api/experiments/${id}`);
      if (evening.index < 4) {
        const early = await call("get", `/api/experiments/${id}/report`);
        expect(early.status).toBe(409);
        expect(early.json.error.code).toBe("experiment_not_ended");
        for (const s of seen.splice(0)) assertBlind(s.where, s.json, secrets);
      }
    }
    // Tonight's answer has the same shape whichever soundscape plays.
    expect(structures.A).toEqual(structures.B);
    for (const s of seen.splice(0, seen.length - 2)) assertBlind(s.where, s.json, secrets);
    for (const s of seen.filter((x) => x.where.includes("/api/sessions") || x.where.includes("/api/presets")))
      assertNeutralScene(s.where, s.json);

    // The last evening is recorded: the experiment has finished and the report opens.
    const list = await call("get", "/api/experiments");
    expect(list.json.experiments[0]).toMatchObject({ id, status: "finished", reportAvailable: true });
    const shown = await call("get", `/api/experiments/${id}`);
    expect(shown.json).toMatchObject({ planHash: secrets.hash, seed: secrets.seed });
    expect(shown.json.controlNote).toMatch(/sham was a (matched bed|steady noise bed)/);
    const report = await call("get", `/api/experiments/${id}/report`);
    expect(report.status).toBe(200);
    expect(report.json.data.blinding).toEqual(schedule.blinding);
    expect(report.json.data.planHash).toBe(secrets.hash);
    // Anxiety fell 20 points with the condition and 5 with the control: a difference of −15.
    expect(report.json.data.analysis.recordedEvenings).toBe(4);
    expect(report.json.data.pairs).toHaveLength(2);
    expect(report.json.data.analysis.result.effect.mean).toBeCloseTo(-15, 6);
    const md = await c.get(`/api/experiments/${id}/report?format=markdown`);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    expect(await md.text()).toContain(secrets.hash);
    const late = await call("post", `/api/experiments/${id}/stop`);
    expect(late.json.error.code).toBe("experiment_ended");

    // Finished: every evening's session is revealed, with the soundscape it played.
    expect(sessionIds).toHaveLength(4);
    for (const { sessionId, arm } of sessionIds) {
      const revealed = await call("get", `/api/sessions/${sessionId}`);
      expect(revealed.json).toMatchObject({
        condition: { kind: "masked", experimentId: id, armLabel: arm, revealed: true },
        scene: { name: `Soundscape ${arm}` },
      });
      expect(revealed.json.scene).toEqual(stored?.arms[arm]);
      const rawRevealed = await h.secureStore.ritual.getSession(owner?.id ?? "", sessionId);
      expect(rawRevealed?.condition).toMatchObject({ kind: "masked", revealed: true });
    }
  }, 120_000);

  it("reads a sleep outcome from the next morning's diary and records an early unblinding", async () => {
    now = new Date("2026-03-10T19:00:00.000Z");
    const created = await call("post", "/api/experiments", {
      name: "Sleep",
      plan: {
        comparison: { kind: "trigger-vs-without", scene, layerId: TRIGGER },
        primaryOutcome: "sleep-onset-latency",
        pairs: 1,
      },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    const started = await call("post", `/api/experiments/${id}/evenings/1/session`, { checkIn });
    await call("patch", `/api/sessions/${started.json.id}`, {
      status: "checked-out",
      checkOut: checkOut(40),
    });
    expect(
      (
        await call("post", `/api/experiments/${id}/evenings`, {
          sessionId: started.json.id,
          expectation: 3,
          guess: "A-is-trigger",
        })
      ).status,
    ).toBe(201);
    now = new Date("2026-03-11T08:00:00.000Z");
    const diary = await c.put("/api/sleep-diaries/2026-03-10", {
      nightOf: "2026-03-10",
      timeZone: "UTC",
      intoBed: "23:00",
      triedToSleep: "23:10",
      minutesToFallAsleep: 25,
      awakenings: 0,
      minutesAwake: 0,
      finalAwakening: "07:00",
      outOfBed: "07:10",
      quality: 4,
      rested: 4,
      listened: true,
      listenedMinutes: 20,
    });
    expect(diary.status).toBe(201);
    expect((await call("get", `/api/experiments/${id}/report`)).status).toBe(409);
    const hidden = await call("get", `/api/sessions/${started.json.id}`);
    expect(hidden.json).toMatchObject({ scene: null, condition: { kind: "masked", revealed: false } });
    const unblinded = await call("post", `/api/experiments/${id}/unblind`);
    expect(unblinded.status).toBe(200);
    // Unblinding early reveals the evening's session too, with the soundscape it played.
    const shownSession = await call("get", `/api/sessions/${started.json.id}`);
    expect(shownSession.json).toMatchObject({ condition: { kind: "masked", revealed: true } });
    expect(shownSession.json.scene.name).toMatch(/^Soundscape [AB]$/);
    expect(unblinded.json).toMatchObject({ status: "unblinded", unblindedOn: "2026-03-11" });
    expect(unblinded.json.seed).toEqual(expect.any(Number));
    const report = await call("get", `/api/experiments/${id}/report`);
    expect(report.status).toBe(200);
    expect(report.json.data.evenings[0].outcome).toBe(25);
    expect(report.json.markdown).toMatch(/unblind/i);
    const again = await call("post", `/api/experiments/${id}/unblind`);
    expect(again.json.error.code).toBe("experiment_ended");

    // Another account sees none of it: every route answers 404 (never 403) or nothing.
    const bob = await memberClient(h, c, "bob");
    expect((await body(await bob.get("/api/experiments"))).experiments).toEqual([]);
    expect((await body(await bob.get("/api/experiments/today"))).experiment).toBeNull();
    for (const res of [
      await bob.get(`/api/experiments/${id}`),
      await bob.get(`/api/experiments/${id}/report`),
      await bob.post(`/api/experiments/${id}/stop`),
      await bob.patch(`/api/experiments/${id}`, { name: "mine" }),
      await bob.post(`/api/experiments/${id}/evenings`, {
        sessionId: started.json.id,
        expectation: 1,
        guess: "dont-know",
      }),
    ])
      expect(res.status).toBe(404);
  }, 60_000);
});
