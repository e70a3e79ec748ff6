import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isRandomMediaLayerId } from "@meridian/core";
import { type Kysely, Migrator } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { KeyRing } from "../crypto/key-ring";
import { body, Client, FAST_HASHING, PASSWORD } from "../test/harness";
import { type DialectAdapter, postgresAdapter, sqliteAdapter } from "./dialects";
import { KyselyStore } from "./kysely-store";
import { migrations } from "./migrations";
import { testBackends } from "./testing";

/**
 * 0006_media_layer_ids on a database written by the server before it: presets and session
 * snapshots whose own-audio layer ids are slugs of the file names, in sealed rows (an account with
 * keys) and in legacy plaintext rows (an account from before encryption).
 */

const backends = await testBackends();

const FILE = "After the funeral - Mum's voice.wav";
const SLUG = "after-the-funeral-mum-s-voice";
const SECOND = "hum-wav";
/** Pieces of the file names that must not be readable in an account's rows afterwards. */
const FRAGMENTS = ["funeral", "Mum", "mum-s", "after-the", "hum-wav", "hum.wav"];
/** The ids made from the file names: gone from every row (a legacy row's names stay plain until
 * its owner's first sign-in seals them; that is not this migration's work). */
const SLUGS = [SLUG, SECOND];

type SceneRows = {
  presets: { id: string; scene: string };
  ritual_sessions: { id: string; scene: string | null };
};

let cleanup: (() => Promise<void>) | null = null;
afterEach(async () => {
  await cleanup?.();
  cleanup = null;
});

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function openAdapter(kind: "sqlite" | "postgres"): Promise<{ adapter: DialectAdapter; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), "meridian-layer-ids-"));
  if (kind === "sqlite") {
    const adapter = sqliteAdapter(join(dir, "m.db"), { backgroundCheckpoints: false });
    cleanup = async () => {
      await adapter.stop();
      await adapter.db.destroy();
      rmSync(dir, { recursive: true, force: true });
    };
    return { adapter, dir };
  }
  const schema = `meridian_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`create schema ${schema}`);
  const adapter = postgresAdapter(process.env.TEST_DATABASE_URL ?? "", { schema, maxConnections: 2 });
  cleanup = async () => {
    await adapter.db.destroy();
    await adminQuery(`drop schema if exists ${schema} cascade`);
    rmSync(dir, { recursive: true, force: true });
  };
  return { adapter, dir };
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

const mediaLayers = [
  {
    id: "m-000000000001", // replaced below by the slug an older web app made
    mediaId: "Med1aVoice",
    name: FILE,
    loop: false,
    gainDb: -3,
    mute: false,
    solo: true,
    position: { azimuth: 40, elevation: 10, distance: 0.8 },
    motion: { kind: "orbit", period: 24 },
  },
  {
    id: "m-000000000002",
    mediaId: "Med2Hum",
    name: "hum.wav",
    loop: true,
    gainDb: 0,
    mute: false,
    solo: false,
    position: { azimuth: -90, elevation: 0, distance: 1.5 },
    motion: { kind: "static" },
  },
];
const scene = {
  version: 2,
  name: "Evening with Mum",
  layers: [{ id: "rain", generator: "rain", gainDb: -6 }],
  mediaLayers,
};

type Layer = { id: string } & Record<string, unknown>;
type SceneJson = { mediaLayers: Layer[] } & Record<string, unknown>;

/** Puts the slug ids back into a stored scene, as the server before this change stored them. */
function withSlugs(text: string): string {
  const s = JSON.parse(text) as SceneJson;
  const [a, b] = s.mediaLayers;
  if (!a || !b) throw new Error("two own-audio layers expected");
  a.id = SLUG;
  b.id = SECOND;
  return JSON.stringify(s);
}

const withoutIds = (s: SceneJson) => ({
  ...s,
  mediaLayers: s.mediaLayers.map(({ id: _id, ...rest }) => rest),
});

describe.each(backends)("0006_media_layer_ids on %s", (kind) => {
  it("re-ids own-audio layers in sealed and legacy rows; no file-name piece is left; presets load as before", async () => {
    const { adapter, dir } = await openAdapter(kind);
    await migrateTo(adapter, "0005_encryption");
    // Today's store writes each session's insight seq (0008): add those columns so the app below
    // can write at 0005 (the migrator is only ever taken to 0006 here).
    await migrations["0008_insights_seq"]?.up(adapter.db);
    const db = adapter.db as unknown as Kysely<SceneRows & { users: Record<string, string> }>;

    // An account with keys: a preset and a session written through the app (names sealed).
    const store = new KyselyStore(adapter);
    const app = createApp({
      store,
      version: "9.9.9-test",
      webDistDir: null,
      passwordHashing: FAST_HASHING,
      dataDir: dir,
      keyRing: new KeyRing(),
    });
    const ana = new Client(app);
    const setup = await ana.post("/api/setup", { username: "ana", password: PASSWORD, timeZone: "UTC" });
    expect(setup.status, await setup.clone().text()).toBe(201);
    const preset = await ana.post("/api/presets", { name: "Evening", scene });
    expect(preset.status, await preset.clone().text()).toBe(201);
    const presetId: string = (await body(preset)).id;
    const session = await ana.post("/api/sessions", {
      checkIn: { pleasantness: 4, energy: 5, anxiety: 40 },
      scene,
    });
    expect(session.status, await session.clone().text()).toBe(201);
    const sessionId: string = (await body(session)).id;
    const before = {
      preset: await body(await ana.get(`/api/presets/${presetId}`)),
      session: await body(await ana.get(`/api/sessions/${sessionId}`)),
    };
    expect(before.preset.scene.mediaLayers[0].name).toBe(FILE);
    for (const [table, id] of [
      ["presets", presetId],
      ["ritual_sessions", sessionId],
    ] as const) {
      const row = await db.selectFrom(table).select("scene").where("id", "=", id).executeTakeFirstOrThrow();
      await db
        .updateTable(table)
        .set({ scene: withSlugs(row.scene ?? "") })
        .where("id", "=", id)
        .execute();
    }

    // An account from before encryption: its rows are plain text.
    const legacyScene = JSON.stringify({
      ...scene,
      mediaLayers: mediaLayers.map((l, i) => ({ ...l, id: [SLUG, SECOND][i] })),
    });
    await db
      .insertInto("users")
      .values({
        id: "legacy-user",
        username: "old-timer",
        password_hash: "x",
        role: "member",
        time_zone: "UTC",
        created_at: "2025-01-01T00:00:00.000Z",
      })
      .execute();
    await db
      .insertInto("presets")
      .values({
        id: "legacy-preset",
        user_id: "legacy-user",
        name: "Evening",
        scene: legacyScene,
        created_at: "2025-01-01T00:00:00.000Z",
        updated_at: "2025-01-01T00:00:00.000Z",
      } as never)
      .execute();
    // A version 1 scene and a session without one: nothing to change.
    await db
      .insertInto("presets")
      .values({
        id: "legacy-v1",
        user_id: "legacy-user",
        name: "Rain",
        scene: '{"version":1,"layers":[{"id":"r","generator":"rain"}]}',
        created_at: "2025-01-01T00:00:00.000Z",
        updated_at: "2025-01-01T00:00:00.000Z",
      } as never)
      .execute();

    const rawBefore = {
      presets: await db.selectFrom("presets").select(["id", "scene"]).orderBy("id").execute(),
      sessions: await db.selectFrom("ritual_sessions").select(["id", "scene"]).orderBy("id").execute(),
    };
    expect(JSON.stringify(rawBefore)).toContain(SLUG);

    await migrateTo(adapter, "0006_media_layer_ids");

    const presets = await db.selectFrom("presets").select(["id", "scene"]).orderBy("id").execute();
    const sessions = await db.selectFrom("ritual_sessions").select(["id", "scene"]).orderBy("id").execute();
    const sealedRows = JSON.stringify([...presets, ...sessions].filter((r) => !r.id.startsWith("legacy-")));
    for (const f of FRAGMENTS) expect(sealedRows).not.toContain(f);
    const rawText = JSON.stringify({ presets, sessions });
    for (const f of SLUGS) expect(rawText).not.toContain(f);
    // Only the ids changed: every other byte of every scene is as it was.
    for (const [after, was] of [
      [presets, rawBefore.presets],
      [sessions, rawBefore.sessions],
    ] as const) {
      expect(after.map((r) => r.id)).toEqual(was.map((r) => r.id));
      after.forEach((row, i) => {
        const old = JSON.parse(was[i]?.scene ?? "null") as SceneJson | null;
        const now = JSON.parse(row.scene ?? "null") as SceneJson | null;
        if (!old?.mediaLayers) {
          expect(row.scene).toBe(was[i]?.scene);
          return;
        }
        expect(now && withoutIds(now)).toEqual(withoutIds(old));
        const ids = now?.mediaLayers.map((l) => l.id) ?? [];
        expect(ids.every(isRandomMediaLayerId)).toBe(true);
        expect(new Set(ids).size).toBe(2);
      });
    }
    if (kind === "sqlite") {
      // Not in freed pages nor in the WAL either.
      const file = join(dir, "m.db");
      const bytes = [file, `${file}-wal`]
        .filter((f) => existsSync(f))
        .map((f) => readFileSync(f).toString("latin1"))
        .join("\n");
      for (const f of SLUGS) expect(bytes).not.toContain(f);
    }

    // The sealed names still open (they are bound to the layer's place, not its id) and the
    // preset and session play the same files: same media ids, levels, places and motions.
    const after = {
      preset: await body(await ana.get(`/api/presets/${presetId}`)),
      session: await body(await ana.get(`/api/sessions/${sessionId}`)),
    };
    for (const what of ["preset", "session"] as const) {
      const was = before[what].scene as SceneJson;
      const now = after[what].scene as SceneJson;
      expect(withoutIds(now)).toEqual(withoutIds(was));
      expect(now.mediaLayers.map((l) => l.name)).toEqual([FILE, "hum.wav"]);
      expect(now.mediaLayers.map((l) => l.mediaId)).toEqual(["Med1aVoice", "Med2Hum"]);
    }
    app.dispose();

    // Running it again (a restored backup, say) leaves random ids alone.
    const again = await db.selectFrom("presets").select(["id", "scene"]).orderBy("id").execute();
    await migrations["0006_media_layer_ids"]?.up(adapter.db);
    expect(await db.selectFrom("presets").select(["id", "scene"]).orderBy("id").execute()).toEqual(again);
  });
});
