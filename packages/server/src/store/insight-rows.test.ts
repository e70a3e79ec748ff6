import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveSleep, type SleepDiaryInput } from "@meridian/core";
import { type Kysely, Migrator } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type DialectAdapter, postgresAdapter, sqliteAdapter } from "./dialects";
import { INSIGHT_FACTS_VERSION, type InsightTables } from "./insight-rows";
import { KyselyRitualStore } from "./kysely-ritual-store";
import { migrations } from "./migrations";
import type { RitualTables } from "./ritual-schema";
import type { Database } from "./schema";
import { testBackends } from "./testing";

/**
 * 0004_insights on a store that already holds sessions and diaries (the backfill), and the load
 * path for rows whose facts are missing (written by something that bypassed the store).
 */

const backends = await testBackends();

type Db = Kysely<Database & RitualTables & InsightTables>;

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function openAdapter(kind: "sqlite" | "postgres"): Promise<DialectAdapter> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "meridian-insight-rows-"));
    const adapter = sqliteAdapter(join(dir, "m.db"), { backgroundCheckpoints: false });
    cleanup = async () => {
      await adapter.stop();
      await adapter.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
    return adapter;
  }
  const schema = `meridian_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create schema ${schema}`);
  const adapter = postgresAdapter(process.env.TEST_DATABASE_URL ?? "", { schema, maxConnections: 2 });
  cleanup = async () => {
    await adapter.db.destroy();
    await adminQuery(`drop schema if exists ${schema} cascade`);
  };
  return adapter;
}

async function migrateTo(adapter: DialectAdapter, name: string): Promise<void> {
  const migrationTableSchema = await adapter.migrationSchema();
  const migrator = new Migrator({
    db: adapter.db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error } = await migrator.migrateTo(name);
  if (error) throw error;
}

const rainScene = {
  version: 1,
  layers: [
    { id: "r", generator: "rain", gainDb: 0 },
    { id: "t", generator: "tapping", gainDb: -3 },
    { id: "n", generator: "brown-noise", gainDb: -20 }, // 0.7 % of the power: no trigger
  ],
};
const night: SleepDiaryInput = {
  nightOf: "2025-05-10",
  timeZone: "Europe/London",
  intoBed: "23:00",
  triedToSleep: "23:10",
  minutesToFallAsleep: 25,
  awakenings: 1,
  minutesAwake: 10,
  finalAwakening: "06:30",
  outOfBed: "06:50",
  quality: 4,
  rested: 3,
} as SleepDiaryInput;

async function seedLegacy(db: Db): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id: "u1",
      username: "ula",
      password_hash: "x",
      role: "owner",
      time_zone: "Europe/London",
      created_at: "2025-01-01T00:00:00.000Z",
    })
    .execute();
  const base = {
    user_id: "u1",
    client_id: null,
    time_zone: "Europe/London",
    entry_id: null,
    prompt_id: null,
    condition: '{"kind":"open"}',
  };
  await db
    .insertInto("ritual_sessions")
    .values([
      {
        ...base,
        id: "s1",
        status: "checked-out",
        started_at: "2025-05-10T20:00:00.000Z",
        ended_at: "2025-05-10T20:30:00.000Z",
        local_date: "2025-05-10",
        check_in: JSON.stringify({ pleasantness: 4, energy: 6, anxiety: 40, stress: null }),
        check_out: JSON.stringify({
          pleasantness: 7,
          energy: 5,
          anxiety: 22,
          stress: null,
          tingles: 3,
          tingleLocations: ["scalp"],
          relaxation: 8,
          note: "Calmer; anxiety: 99 would be a lie",
        }),
        scene: JSON.stringify(rainScene),
        media: JSON.stringify([
          { kind: "preset", presetId: "library-rain", name: "Library rain" },
          { kind: "own-audio", audioId: "clip-1", name: "my rain.wav" },
        ]),
        created_at: "2025-05-10T20:00:00.000Z",
        updated_at: "2025-05-10T20:30:00.000Z",
      },
      {
        ...base,
        id: "s2",
        status: "abandoned",
        started_at: "2025-05-11T09:00:00.000Z",
        ended_at: null,
        local_date: "2025-05-11",
        check_in: JSON.stringify({ pleasantness: 3, energy: 2, anxiety: 70 }),
        check_out: null,
        scene: null,
        media: "[]",
        created_at: "2025-05-11T09:00:00.000Z",
        updated_at: "2025-05-11T09:05:00.000Z",
      },
    ])
    .execute();
  await db
    .insertInto("sleep_diaries")
    .values({
      id: "d1",
      user_id: "u1",
      night_of: "2025-05-10",
      fields: JSON.stringify(night),
      derived: JSON.stringify(deriveSleep(night)),
      session_id: "s1",
      created_at: "2025-05-11T07:00:00.000Z",
      updated_at: "2025-05-11T07:00:00.000Z",
    })
    .execute();
}

const expectedSessions = [
  {
    id: "s1",
    status: "checked-out",
    startedAt: "2025-05-10T20:00:00.000Z",
    timeZone: "Europe/London",
    localDate: "2025-05-10",
    checkIn: { pleasantness: 4, energy: 6, anxiety: 40 },
    checkOut: { pleasantness: 7, energy: 5, anxiety: 22, tingles: 3 },
    triggers: ["rain", "tapping"],
    presetId: "library-rain",
    mediaId: "clip-1",
    condition: '{"kind":"open"}',
  },
  {
    id: "s2",
    status: "abandoned",
    startedAt: "2025-05-11T09:00:00.000Z",
    timeZone: "Europe/London",
    localDate: "2025-05-11",
    checkIn: { pleasantness: 3, energy: 2, anxiety: 70 },
    checkOut: null,
    triggers: [],
    presetId: null,
    mediaId: null,
    condition: '{"kind":"open"}',
  },
];

describe.each(backends)("insight facts (%s)", (kind) => {
  it("0004_insights backfills the facts of rows written before it", async () => {
    const adapter = await openAdapter(kind);
    await migrateTo(adapter, "0003_studio");
    const db = adapter.db.withTables<RitualTables & InsightTables>();
    await seedLegacy(db);
    await migrateTo(adapter, "0004_insights");

    const facts = await db
      .selectFrom("ritual_sessions")
      .select(["id", "ins_v", "ins_in_anxiety", "ins_out_anxiety", "ins_out_tingles", "ins_triggers"])
      .orderBy("id")
      .execute();
    expect(facts).toEqual([
      {
        id: "s1",
        ins_v: INSIGHT_FACTS_VERSION,
        ins_in_anxiety: 40,
        ins_out_anxiety: 22,
        ins_out_tingles: 3,
        ins_triggers: '["rain","tapping"]',
      },
      {
        id: "s2",
        ins_v: INSIGHT_FACTS_VERSION,
        ins_in_anxiety: 70,
        ins_out_anxiety: null,
        ins_out_tingles: null,
        ins_triggers: "[]",
      },
    ]);
    // The store of today reads them once the later migrations ran too.
    await migrateTo(adapter, "0008_insights_seq");
    const rows = await new KyselyRitualStore(adapter.db).insightsRows("u1", {});
    expect(rows.sessions).toEqual(expectedSessions);
    const derived = deriveSleep(night);
    expect(rows.diaries).toEqual([
      {
        nightOf: "2025-05-10",
        sessionId: "s1",
        solMinutes: derived.sleepOnsetLatencyMinutes,
        sleepEfficiency: derived.sleepEfficiency,
        quality: 4,
      },
    ]);
    expect(derived.sleepOnsetLatencyMinutes).toBe(25);
    expect(Number.isInteger(derived.sleepEfficiency)).toBe(false); // a real, not rounded on the way
  });

  it("completes rows without facts from their JSON when loading, and updates keep the facts current", async () => {
    const adapter = await openAdapter(kind);
    await migrateTo(adapter, "0003_studio");
    const db = adapter.db.withTables<RitualTables & InsightTables>();
    await seedLegacy(db);
    await migrateTo(adapter, "0004_insights");
    // As if written by something that bypassed the store.
    await db.updateTable("ritual_sessions").set({ ins_v: null, ins_in_anxiety: null }).execute();
    await db.updateTable("sleep_diaries").set({ ins_v: null, ins_quality: null }).execute();
    await migrateTo(adapter, "0008_insights_seq");
    const store = new KyselyRitualStore(adapter.db);
    const rows = await store.insightsRows("u1", {});
    expect(rows.sessions).toEqual(expectedSessions);
    expect(rows.diaries[0]?.quality).toBe(4);

    // An update that changes the sound and the check-out rewrites exactly those facts, and
    // replaces the user's insight stamp.
    expect(await store.insightsStamp("u1")).toBe("");
    await store.updateSession("u1", "s2", "abandoned", {
      status: "checked-out",
      checkOut: {
        pleasantness: 5,
        energy: 3,
        anxiety: 50,
        tingles: 0,
        tingleLocations: [],
        relaxation: 5,
      },
      scene: { version: 1, layers: [{ id: "w", generator: "whispering", gainDb: 0 }] },
      media: [{ kind: "preset", presetId: "whisper-room", name: "Whispers" }],
      updatedAt: "2025-05-11T10:00:00.000Z",
    });
    const stamp = await store.insightsStamp("u1");
    expect(stamp).not.toBe("");
    expect(await store.deleteSleepDiary("u1", "2025-05-10")).toBe(true);
    expect(await store.insightsStamp("u1")).not.toBe(stamp);
    expect(await store.deleteSleepDiary("u1", "2025-05-10")).toBe(false);
    const after = await store.insightsRows("u1", { from: "2025-05-11" });
    expect(after.sessions[0]).toMatchObject({
      id: "s2",
      checkIn: { pleasantness: 3, energy: 2, anxiety: 70 },
      checkOut: { pleasantness: 5, energy: 3, anxiety: 50, tingles: 0 },
      triggers: ["whispering"],
      presetId: "whisper-room",
      mediaId: null,
    });
  });
});
