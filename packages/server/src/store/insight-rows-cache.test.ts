import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deriveSleep, type SleepDiaryInput } from "@meridian/core";
import SqliteDatabase from "better-sqlite3";
import { type Kysely, type KyselyPlugin, Migrator } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type DialectAdapter, postgresAdapter, sqliteAdapter } from "./dialects";
import { type InsightTables, loadInsightsRows } from "./insight-rows";
import { KyselyRitualStore } from "./kysely-ritual-store";
import { migrations } from "./migrations";
import type { RitualTables } from "./ritual-schema";
import type { Database } from "./schema";
import { testBackends } from "./testing";

/**
 * The insights' row cache answers exactly what a full load from the database answers, after any
 * mix of writes by this server and by another one (a second store over the same database, with a
 * cache of its own), and reads only the changed rows after a create or update.
 */

const backends = await testBackends();
type Db = Kysely<Database & RitualTables & InsightTables>;

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function openAdapter(kind: "sqlite" | "postgres"): Promise<DialectAdapter> {
  let adapter: DialectAdapter;
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "meridian-insight-cache-"));
    adapter = sqliteAdapter(join(dir, "m.db"), { backgroundCheckpoints: false });
    cleanup = async () => {
      await adapter.stop();
      await adapter.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
  } else {
    const schema = `meridian_test_${randomBytes(6).toString("hex")}`;
    await admin(`create schema ${schema}`);
    adapter = postgresAdapter(process.env.TEST_DATABASE_URL ?? "", { schema, maxConnections: 4 });
    cleanup = async () => {
      await adapter.db.destroy();
      await admin(`drop schema if exists ${schema} cascade`);
    };
  }
  const migrationTableSchema = await adapter.migrationSchema();
  const { error } = await new Migrator({
    db: adapter.db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  }).migrateToLatest();
  if (error) throw error;
  return adapter;
}

/** Mulberry32, so a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const night = (nightOf: string, minutes: number): SleepDiaryInput =>
  ({
    nightOf,
    timeZone: "Europe/London",
    intoBed: "23:00",
    triedToSleep: "23:10",
    minutesToFallAsleep: minutes,
    awakenings: 1,
    minutesAwake: 10,
    finalAwakening: "06:30",
    outOfBed: "06:50",
    quality: 1 + (minutes % 5),
    rested: 3,
  }) as SleepDiaryInput;

describe.each(backends)("insights row cache (%s)", (kind) => {
  it("answers what a full load answers through creates, updates, deletes and another server's writes", async () => {
    const adapter = await openAdapter(kind);
    const db = adapter.db.withTables<RitualTables & InsightTables>() as unknown as Db;
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
    const here = new KyselyRitualStore(adapter.db);
    const there = new KyselyRitualStore(adapter.db);
    const next = random(12);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    const sessions: { id: string; status: "active" | "checked-out" }[] = [];
    const nights = new Set<string>();
    let n = 0;

    const check = async (step: string) => {
      const fresh = await loadInsightsRows(db, "u1", {});
      expect(await here.insightsRows("u1", {}), step).toEqual(fresh);
      const range = { from: "2025-03-05", to: "2025-03-20" };
      expect(await here.insightsRows("u1", range), `${step}, ranged`).toEqual(
        await loadInsightsRows(db, "u1", range),
      );
    };

    await check("empty");
    for (let step = 0; step < 80; step++) {
      const store = next() < 0.75 ? here : there;
      const action = next();
      const day = 1 + Math.floor(next() * 28);
      const date = `2025-03-${String(day).padStart(2, "0")}`;
      let label: string;
      if (action < 0.35 || sessions.length === 0) {
        // Many sessions share their start with another (the database orders those by id).
        const hour = pick([9, 21, 21]);
        // Mixed case and punctuation, as base64url ids have: collations order them differently.
        const id = `${pick(["Ab", "aB", "_x", "-y", "Zz", "0q"])}${n++}`;
        await store.createSession("u1", {
          id,
          clientId: null,
          startedAt: `${date}T${String(hour).padStart(2, "0")}:00:00.000Z`,
          timeZone: "Europe/London",
          localDate: date,
          checkIn: { pleasantness: 4, energy: 5, anxiety: 30 + Math.floor(next() * 50) },
          scene: {
            version: 1,
            layers: [{ id: "l", generator: pick(["rain", "fire", "tapping"]), gainDb: 0 }],
          },
          media: [],
          promptId: null,
        });
        sessions.push({ id, status: "active" });
        label = `create ${id}`;
      } else if (action < 0.6) {
        const s = pick(sessions);
        const updated = await store.updateSession("u1", s.id, s.status, {
          status: "checked-out",
          checkOut: {
            pleasantness: 6,
            energy: 4,
            anxiety: Math.floor(next() * 60),
            tingles: Math.floor(next() * 10),
            tingleLocations: [],
            relaxation: 5,
          },
          updatedAt: new Date().toISOString(),
        });
        if (updated) s.status = "checked-out";
        label = `check out ${s.id}`;
      } else if (action < 0.8) {
        const input = night(date, 5 + Math.floor(next() * 40));
        await store.upsertSleepDiary("u1", {
          id: `d${n++}`,
          nightOf: date,
          fields: input,
          derived: deriveSleep(input),
          sessionId: sessions.length > 0 && next() < 0.5 ? pick(sessions).id : null,
          now: new Date().toISOString(),
        });
        nights.add(date);
        label = `diary ${date}`;
      } else if (action < 0.88) {
        const s = pick(sessions);
        await store.deleteSession("u1", s.id);
        sessions.splice(sessions.indexOf(s), 1);
        label = `delete ${s.id}`;
      } else if (action < 0.94 && nights.size > 0) {
        const gone = pick([...nights]);
        await store.deleteSleepDiary("u1", gone);
        nights.delete(gone);
        label = `delete diary ${gone}`;
      } else {
        await store.insertCheckup({
          id: `k${n++}`,
          userId: "u1",
          instrumentId: "gad7",
          answers: {},
          total: Math.floor(next() * 21),
          bandId: null,
          completedAt: `${date}T08:00:00.000Z`,
          localDate: date,
          timeZone: "Europe/London",
          createdAt: `${date}T08:00:00.000Z`,
        });
        label = `check-up ${date}`;
      }
      await check(`step ${step}: ${label} (${store === here ? "here" : "there"})`);
    }
    // Most reads after a create or update took only the changed rows.
    expect(here.insightRowLoads.delta).toBeGreaterThan(20);
    expect(here.insightRowLoads.full).toBeGreaterThan(3);
  });

  it("after a write reads only what changed, and nothing when nothing did", async () => {
    const adapter = await openAdapter(kind);
    const db = adapter.db.withTables<RitualTables & InsightTables>() as unknown as Db;
    await db
      .insertInto("users")
      .values({
        id: "u1",
        username: "ula",
        password_hash: "x",
        role: "owner",
        time_zone: "UTC",
        created_at: "2025-01-01T00:00:00.000Z",
      })
      .execute();
    const store = new KyselyRitualStore(adapter.db);
    const create = (i: number) =>
      store.createSession("u1", {
        id: `s${i}`,
        clientId: null,
        startedAt: `2025-04-${String(i).padStart(2, "0")}T20:00:00.000Z`,
        timeZone: "UTC",
        localDate: `2025-04-${String(i).padStart(2, "0")}`,
        checkIn: { pleasantness: 4, energy: 5, anxiety: 40 },
        scene: null,
        media: [],
        promptId: null,
      });
    await create(1);
    await create(3);
    await store.insightsRows("u1", {});
    expect(store.insightRowLoads).toEqual({ full: 1, delta: 0, none: 0 });
    await store.insightsRows("u1", {});
    expect(store.insightRowLoads).toEqual({ full: 1, delta: 0, none: 1 });
    await create(2);
    const rows = await store.insightsRows("u1", {});
    expect(store.insightRowLoads).toEqual({ full: 1, delta: 1, none: 1 });
    expect(rows.sessions.map((s) => s.id)).toEqual(["s1", "s2", "s3"]);
    expect(await store.deleteSession("u1", "s1")).toBe(true);
    expect((await store.insightsRows("u1", {})).sessions.map((s) => s.id)).toEqual(["s2", "s3"]);
    expect(store.insightRowLoads).toEqual({ full: 2, delta: 1, none: 1 });
    // An instant not written the server's way (an older import, say) is not placed by string
    // comparison: a full load orders it.
    await store.createSession("u1", {
      id: "s4",
      clientId: null,
      startedAt: "2025-04-04T20:00:00Z",
      timeZone: "UTC",
      localDate: "2025-04-04",
      checkIn: { pleasantness: 4, energy: 5, anxiety: 40 },
      scene: null,
      media: [],
      promptId: null,
    });
    expect(await store.insightsRows("u1", {})).toEqual(await loadInsightsRows(db, "u1", {}));
    expect(store.insightRowLoads).toEqual({ full: 3, delta: 1, none: 1 });
    // A start moved by another writer (with the next seq): put in place, the session's old copy
    // would stay behind, so a full load answers.
    const { seq } = await db
      .selectFrom("insight_stamps")
      .select("seq")
      .where("user_id", "=", "u1")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("insight_stamps")
      .set({ seq: Number(seq) + 1, stamp: "moved" })
      .where("user_id", "=", "u1")
      .execute();
    await db
      .updateTable("ritual_sessions")
      .set({ started_at: "2025-04-01T10:00:00.000Z", ins_seq: Number(seq) + 1 })
      .where("id", "=", "s2")
      .execute();
    const moved = await store.insightsRows("u1", {});
    expect(moved.sessions.map((s) => s.id)).toEqual(["s2", "s3", "s4"]);
    expect(moved).toEqual(await loadInsightsRows(db, "u1", {}));
    expect(store.insightRowLoads).toEqual({ full: 4, delta: 1, none: 1 });
  });

  it.runIf(kind === "sqlite")(
    "after a write finds the changed rows through the write counter's index, not the user's every row",
    async () => {
      const adapter = await openAdapter(kind);
      if (adapter.location.kind !== "sqlite") throw new Error("sqlite only");
      const file = adapter.location.file;
      // Every query the store runs, compiled, so SQLite can say how it would answer each.
      const seen: { sql: string; parameters: readonly unknown[] }[] = [];
      const recorder: KyselyPlugin = {
        transformQuery: (args) => {
          const compiled = adapter.db.getExecutor().compileQuery(args.node, args.queryId);
          seen.push({ sql: compiled.sql, parameters: compiled.parameters });
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const db = adapter.db.withTables<RitualTables & InsightTables>() as unknown as Db;
      await db
        .insertInto("users")
        .values({
          id: "u1",
          username: "ula",
          password_hash: "x",
          role: "owner",
          time_zone: "UTC",
          created_at: "2025-01-01T00:00:00.000Z",
        })
        .execute();
      const store = new KyselyRitualStore(adapter.db.withPlugin(recorder));
      const day = (i: number) => `2025-04-${String(i).padStart(2, "0")}`;
      const create = (i: number) =>
        store.createSession("u1", {
          id: `s${i}`,
          clientId: null,
          startedAt: `${day(i)}T20:00:00.000Z`,
          timeZone: "UTC",
          localDate: day(i),
          checkIn: { pleasantness: 4, energy: 5, anxiety: 40 },
          scene: null,
          media: [],
          promptId: null,
        });
      for (let i = 1; i <= 5; i++) {
        await create(i);
        const input = night(day(i), 10 + i);
        await store.upsertSleepDiary("u1", {
          id: `d${i}`,
          nightOf: day(i),
          fields: input,
          derived: deriveSleep(input),
          sessionId: null,
          now: new Date().toISOString(),
        });
      }
      await store.insightsRows("u1", {});
      await create(6);
      seen.length = 0;
      expect((await store.insightsRows("u1", {})).sessions.map((s) => s.id)).toEqual([
        "s1",
        "s2",
        "s3",
        "s4",
        "s5",
        "s6",
      ]);
      expect(store.insightRowLoads).toEqual({ full: 1, delta: 1, none: 0 });
      const reader = new SqliteDatabase(file, { readonly: true });
      try {
        const plans = seen
          .filter((q) => /from "(ritual_sessions|sleep_diaries)"/.test(q.sql))
          .map((q) =>
            (reader.prepare(`explain query plan ${q.sql}`).all(...q.parameters) as { detail: string }[])
              .map((r) => r.detail)
              .filter((d) => /ritual_sessions|sleep_diaries/.test(d)),
          );
        expect(plans.length).toBeGreaterThan(0);
        for (const plan of plans) {
          for (const step of plan) expect(step).toMatch(/\(user_id=\? AND ins_seq[>=]\?\)/);
        }
      } finally {
        reader.close();
      }
      // A row without a seq (written by something that bypassed the store) is still read again.
      await db
        .updateTable("ritual_sessions")
        .set({ ins_in_anxiety: 12, ins_seq: null })
        .where("id", "=", "s2")
        .execute();
      await create(7);
      expect(await store.insightsRows("u1", {})).toEqual(await loadInsightsRows(db, "u1", {}));
      expect(store.insightRowLoads).toEqual({ full: 1, delta: 2, none: 0 });
      expect((await store.insightsRows("u1", {})).sessions[1]?.checkIn.anxiety).toBe(12);
    },
  );
});
