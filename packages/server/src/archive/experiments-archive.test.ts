import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planHash } from "@meridian/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import {
  body,
  type Client,
  createHarness,
  type Harness,
  login,
  memberClient,
  ownerClient,
  PASSWORD,
} from "../test/harness";
import { download, sendFile, unzip } from "./seed.test-helpers";

const backends = await testBackends();
const scene = {
  version: 2,
  layers: [
    { id: "bed", generator: "rain", gainDb: -6 },
    { id: "taps", generator: "tapping" },
  ],
};
const checkIn = { pleasantness: 4, energy: 4, anxiety: 50 };
const checkOut = {
  pleasantness: 6,
  energy: 4,
  anxiety: 35,
  tingles: 2,
  relaxation: 6,
  tingleLocations: ["neck"],
};

describe.each(backends)("experiments in export, import and account deletion (%s)", (kind) => {
  let h: Harness;
  let owner: Client;
  let now = new Date("2026-05-04T19:00:00.000Z");
  let finishedArchive: Uint8Array | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-exp-archive-"));

  beforeAll(async () => {
    h = await createHarness(kind, { dataDir, now: () => now });
    owner = await ownerClient(h, "ana");
  }, 60_000);
  afterAll(async () => {
    await h.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("exports an experiment with its evenings, restores it into another account, deletes it with the account", async () => {
    const created = await owner.post("/api/experiments", {
      name: "Tapping or not",
      plan: {
        comparison: { kind: "trigger-vs-without", scene, layerId: "taps" },
        primaryOutcome: "anxiety-change",
        pairs: 1,
      },
    });
    expect(created.status).toBe(201);
    const id = (await body(created)).id as string;
    const session = await body(await owner.post(`/api/experiments/${id}/evenings/1/session`, { checkIn }));
    await owner.patch(`/api/sessions/${session.id}`, { status: "checked-out", checkOut });
    const rec = await owner.post(`/api/experiments/${id}/evenings`, {
      sessionId: session.id,
      expectation: 7,
      guess: "B-is-trigger",
    });
    expect(rec.status).toBe(201);
    expect((await owner.post(`/api/experiments/${id}/stop`)).status).toBe(200);
    const report = await body(await owner.get(`/api/experiments/${id}/report`));

    const files = unzip(await download(owner, "/api/export"));
    const archive = JSON.parse(new TextDecoder().decode(files["archive.json"]));
    expect(archive.version).toBe(1);
    expect(archive.experiments).toHaveLength(1);
    expect(archive.experiments[0]).toMatchObject({
      name: "Tapping or not",
      status: "stopped",
      stoppedOn: "2026-05-04",
      evenings: [
        {
          index: 1,
          sessionId: session.id,
          expectation: 7,
          guess: "B-is-trigger",
          outcomes: { "anxiety-change": -15 },
        },
      ],
    });

    const ben = await memberClient(h, owner, "ben");
    const imported = await sendFile(h, ben, "/api/import", files["archive.json"] as Uint8Array);
    expect(imported.status).toBe(200);
    expect((await body(imported)).counts.experiments).toMatchObject({ total: 1, new: 1 });
    const list = (await body(await ben.get("/api/experiments"))).experiments;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: "Tapping or not", status: "stopped" });
    const restored = await body(await ben.get(`/api/experiments/${list[0].id}/report`));
    expect(restored.data.planHash).toBe(report.data.planHash);
    expect(restored.data.evenings).toEqual(report.data.evenings);
    // Importing the same archive again finds the experiment already there.
    const again = await sendFile(h, ben, "/api/import", files["archive.json"] as Uint8Array);
    expect((await body(again)).counts.experiments).toMatchObject({ total: 1, new: 0 });

    const benUser = await h.store.findUserByUsername("ben");
    now = new Date("2026-05-05T08:00:00.000Z");
    const deleted = await ben.post("/api/me/delete", { password: PASSWORD, confirm: "ben" });
    expect(deleted.status).toBeLessThan(300);
    expect(await h.store.experiments.listExperiments(benUser?.id ?? "")).toEqual([]);
    expect(await h.store.experiments.listEvenings(benUser?.id ?? "", list[0].id)).toEqual([]);
  }, 120_000);
  it("exports a running experiment without its seed, hash or masked scenes; it comes back stopped", async () => {
    now = new Date("2026-06-01T19:00:00.000Z");
    const dee = await memberClient(h, owner, "dee");
    const created = await dee.post("/api/experiments", {
      name: "Blind still",
      plan: {
        comparison: { kind: "trigger-vs-without", scene, layerId: "taps" },
        primaryOutcome: "anxiety-change",
        pairs: 2,
      },
    });
    expect(created.status).toBe(201);
    const id = (await body(created)).id as string;
    const files = unzip(await download(dee, "/api/export"));
    const text = new TextDecoder().decode(files["archive.json"]);
    const archive = JSON.parse(text);
    const exported = archive.experiments[0];
    expect(exported.status).toBe("running");
    expect(JSON.parse(exported.plan)).not.toHaveProperty("seed");
    expect(exported.arms).toEqual({ A: {}, B: {}, controlNote: "" });
    // Stopping shows the seed and the hash: neither was in the archive made while it ran.
    const ended = await body(await dee.post(`/api/experiments/${id}/stop`));
    const plan = { ...JSON.parse(exported.plan), seed: ended.seed };
    expect(planHash(plan)).toBe(ended.planHash);
    expect(text).not.toContain(`"seed":${ended.seed}`);
    expect(text).not.toContain(ended.planHash);
    expect(text).not.toContain(ended.planHash.slice(0, 12));

    const eve = await memberClient(h, owner, "eve");
    const preview = await sendFile(h, eve, "/api/import", files["archive.json"] as Uint8Array);
    expect(preview.status).toBe(200);
    const list = (await body(await eve.get("/api/experiments"))).experiments;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: "Blind still", status: "stopped", reportAvailable: false });
    const got = await body(await eve.get(`/api/experiments/${list[0].id}`));
    expect(got).toMatchObject({ stoppedOn: "2026-06-01", seed: null, planHash: null, controlNote: null });
    const report = await eve.get(`/api/experiments/${list[0].id}/report`);
    expect(report.status).toBe(409);
    expect((await body(report)).error.code).toBe("blinding_lost");
    // Nothing blocks a new experiment: the imported one is not running.
    const next = await eve.post("/api/experiments", {
      name: "Fresh",
      plan: {
        comparison: { kind: "trigger-vs-without", scene, layerId: "taps" },
        primaryOutcome: "anxiety-change",
      },
    });
    expect(next.status).toBe(201);
  }, 120_000);
  it("maps a masked session's experiment id on import, so the imported evening is revealed", async () => {
    now = new Date("2026-07-01T19:00:00.000Z");
    owner = await login(h, "ana");
    const fay = await memberClient(h, owner, "fay");
    const created = await fay.post("/api/experiments", {
      name: "Finished unseen",
      plan: {
        comparison: { kind: "trigger-vs-without", scene, layerId: "taps" },
        primaryOutcome: "anxiety-change",
        pairs: 1,
      },
    });
    const id = (await body(created)).id as string;
    const session = await body(await fay.post(`/api/experiments/${id}/evenings/1/session`, { checkIn }));
    await fay.patch(`/api/sessions/${session.id}`, { status: "checked-out", checkOut });
    const rec = await fay.post(`/api/experiments/${id}/evenings`, {
      sessionId: session.id,
      expectation: 5,
      guess: "dont-know",
    });
    expect(rec.status).toBe(201);
    // Two days on the experiment has finished by the date alone; nothing has revealed its session.
    now = new Date("2026-07-03T08:00:00.000Z");
    const files = unzip(await download(fay, "/api/export"));
    finishedArchive = files["archive.json"] as Uint8Array;
    const archive = JSON.parse(new TextDecoder().decode(files["archive.json"]));
    expect(archive.sessions[0].condition).toMatchObject({
      kind: "masked",
      experimentId: id,
      revealed: false,
    });

    const gus = await memberClient(h, owner, "gus");
    expect((await sendFile(h, gus, "/api/import", files["archive.json"] as Uint8Array)).status).toBe(200);
    const [restored] = (await body(await gus.get("/api/experiments"))).experiments;
    expect(restored.id).not.toBe(id);
    const [before] = (await body(await gus.get("/api/sessions"))).sessions;
    expect(before.condition).toMatchObject({ kind: "masked", experimentId: restored.id, revealed: false });
    // Opening the finished experiment reveals its evenings' sessions, the imported one included.
    expect((await gus.get(`/api/experiments/${restored.id}`)).status).toBe(200);
    const [after] = (await body(await gus.get("/api/sessions"))).sessions;
    expect(after.condition).toMatchObject({ kind: "masked", experimentId: restored.id, revealed: true });
    expect(after.scene).not.toBeNull();
  }, 120_000);
  it("never imports a second running experiment: it comes in stopped, with a warning", async () => {
    // Back on the first evening, the archived experiment (stored as running) runs by its dates.
    now = new Date("2026-07-01T20:00:00.000Z");
    owner = await login(h, "ana");
    const archive = finishedArchive as Uint8Array;
    const ivy = await memberClient(h, owner, "ivy");
    expect((await sendFile(h, ivy, "/api/import", archive)).status).toBe(200);
    const [alone] = (await body(await ivy.get("/api/experiments"))).experiments;
    expect(alone).toMatchObject({ name: "Finished unseen", status: "running" });

    const hal = await memberClient(h, owner, "hal");
    const mine = await hal.post("/api/experiments", {
      name: "Already running",
      plan: {
        comparison: { kind: "trigger-vs-without", scene, layerId: "taps" },
        primaryOutcome: "anxiety-change",
      },
    });
    expect(mine.status).toBe(201);
    const res = await sendFile(h, hal, "/api/import", archive);
    expect(res.status).toBe(200);
    const preview = JSON.stringify(await body(res));
    expect(preview).toContain('Finished unseen\\" would run alongside \\"Already running');
    const list = (await body(await hal.get("/api/experiments"))).experiments;
    const imported = list.find((e: { name: string }) => e.name === "Finished unseen");
    expect(imported).toMatchObject({ status: "stopped" });
    expect(await body(await hal.get(`/api/experiments/${imported.id}`))).toMatchObject({
      stoppedOn: "2026-07-01",
    });
    expect(list.filter((e: { status: string }) => e.status === "running")).toHaveLength(1);
  }, 120_000);
});
