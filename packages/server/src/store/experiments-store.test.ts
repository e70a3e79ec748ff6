import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExperimentRecord } from "./experiments-store";
import type { Store, UserRecord } from "./store";
import { openTestStore, type TestStore, testBackends } from "./testing";

const backends = await testBackends();

function user(username: string): UserRecord {
  return {
    id: `u-${username}`,
    username,
    passwordHash: "$argon2id$fake",
    role: "member",
    timeZone: "UTC",
    createdAt: "2026-01-01T00:00:00.000Z",
  };
}

const experiment = (id: string): Omit<ExperimentRecord, "userId"> => ({
  id,
  name: "Rain ☔ or not",
  plan: '{"pairs":2,"seed":12345}',
  arms: {
    A: { name: "Soundscape A", layers: [] },
    B: { name: "Soundscape B", layers: [] },
    controlNote: "without",
  },
  power: { enough: false, pastValues: 3, suggestedPairs: 6, message: "Not enough past data" },
  status: "running",
  startDate: "2026-02-01",
  endDate: "2026-02-04",
  totalEvenings: 4,
  stoppedOn: null,
  unblindedOn: null,
  createdAt: "2026-02-01T10:00:00.000Z",
  updatedAt: "2026-02-01T10:00:00.000Z",
});

const evening = (id: string, experimentId: string, index: number) => ({
  id,
  experimentId,
  index,
  localDate: `2026-02-0${index}`,
  sessionId: "s-1",
  data: { outcomes: { "anxiety-change": -12 }, expectation: 4, guess: "dont-know" as const },
  createdAt: "2026-02-01T21:00:00.000Z",
});

describe.each(backends)("experiments store on %s", (kind) => {
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
  afterAll(async () => t.dispose());

  it("stores, updates and scopes experiments and evenings by user; one record per evening", async () => {
    const s = store.experiments;
    const stored = await s.insertExperiment(alice.id, experiment("e-1"));
    expect(stored).toEqual({ ...experiment("e-1"), userId: alice.id });
    expect(await s.findExperiment(bob.id, "e-1")).toBeNull();
    expect(await s.listExperiments(bob.id)).toEqual([]);

    expect((await s.insertEvening(alice.id, evening("v-1", "e-1", 1))).ok).toBe(true);
    // The same evening twice: refused by the unique (experiment, evening) key, nothing written.
    expect(await s.insertEvening(alice.id, evening("v-2", "e-1", 1))).toEqual({ ok: false });
    // Another user's experiment: refused.
    expect(await s.insertEvening(bob.id, evening("v-3", "e-1", 2))).toEqual({ ok: false });
    expect((await s.insertEvening(alice.id, evening("v-4", "e-1", 2))).ok).toBe(true);
    const evenings = await s.listEvenings(alice.id, "e-1");
    expect(evenings.map((e) => [e.id, e.index])).toEqual([
      ["v-1", 1],
      ["v-4", 2],
    ]);
    expect(evenings[0]?.data).toEqual(evening("v-1", "e-1", 1).data);
    expect(await s.listEvenings(bob.id, "e-1")).toEqual([]);

    expect(
      await s.updateExperiment(bob.id, "e-1", { status: "stopped", updatedAt: "2026-02-02T08:00:00.000Z" }),
    ).toBeNull();
    const stopped = await s.updateExperiment(alice.id, "e-1", {
      status: "stopped",
      stoppedOn: "2026-02-02",
      updatedAt: "2026-02-02T08:00:00.000Z",
    });
    expect(stopped).toMatchObject({
      status: "stopped",
      stoppedOn: "2026-02-02",
      unblindedOn: null,
      name: "Rain ☔ or not",
    });

    expect(await s.deleteExperiment(bob.id, "e-1")).toBe(false);
    await s.insertExperiment(alice.id, experiment("e-2"));
    expect(await s.deleteExperiment(alice.id, "e-2")).toBe(true);
    expect((await s.listExperiments(alice.id)).map((e) => e.id)).toEqual(["e-1"]);
  });

  it("deleting the user deletes their experiments and evenings", async () => {
    await store.deleteUser(alice.id);
    expect(await store.experiments.listExperiments(alice.id)).toEqual([]);
    expect(await store.experiments.listEvenings(alice.id, "e-1")).toEqual([]);
  });
});
