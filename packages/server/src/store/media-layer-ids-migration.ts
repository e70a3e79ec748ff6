import { type Kysely, type Migration, SqliteAdapter, sql } from "kysely";
import { withRandomLayerIds } from "./random-layer-ids";

/** Rows read and rewritten per batch. */
const BATCH = 500;

/** The tables that store a scene, in a text column `scene` (JSON; null allowed for sessions).
 * Share links are not stored (the scene travels in the address) and a render's description on
 * disk holds no scene. */
const SCENE_TABLES = ["presets", "ritual_sessions"] as const;

type SceneRows = { id: string; scene: string | null };
type Db = Kysely<Record<(typeof SCENE_TABLES)[number], SceneRows>>;

/** The row's scene with random own-audio layer ids, as text; null when nothing changes. */
function rewritten(text: string | null): string | null {
  if (text === null || !text.includes("mediaLayers")) return null;
  let scene: unknown;
  try {
    scene = JSON.parse(text);
  } catch {
    return null; // Not JSON: nothing this migration can read (the app reports it when loaded).
  }
  const next = withRandomLayerIds(scene);
  return next === scene ? null : JSON.stringify(next);
}

async function rewriteTable(db: Db, table: (typeof SCENE_TABLES)[number]): Promise<number> {
  let changed = 0;
  for (let after = ""; ; ) {
    const rows = await db
      .selectFrom(table)
      .select(["id", "scene"])
      .where("id", ">", after)
      .where("scene", "like", "%mediaLayers%")
      .orderBy("id")
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const scene = rewritten(row.scene);
      if (scene === null) continue;
      await db.updateTable(table).set({ scene }).where("id", "=", row.id).execute();
      changed++;
    }
    const last = rows.at(-1);
    if (!last || rows.length < BATCH) return changed;
    after = last.id;
  }
}

/**
 * 0006_media_layer_ids: every own-audio layer id stored in a scene becomes random. The web app
 * used to make it from the file's name ("After the funeral - Mum's voice.wav" →
 * "after-the-funeral-mum-s-voice"), and while a scene's text (its name, each layer's `name`) is
 * sealed, its ids are plain. No key is at hand here and none is needed: only the plain ids change,
 * each layer keeps its place (sealed names are bound to the layer's index, so they still open), and
 * nothing refers to a layer by id, so presets and sessions play the same files. Legacy plaintext
 * rows and sealed rows alike. Running it again changes nothing (random ids are kept).
 *
 * On SQLite, `secure_delete` zeroes the replaced text in freed page space and the WAL is folded
 * into the file and truncated afterwards, so the old ids do not linger in the database file. (The
 * verified backup taken before migrating still holds them; it ages out with backup retention.)
 */
export const mediaLayerIdsMigration: Migration = {
  async up(raw: Kysely<unknown>) {
    const db = raw as unknown as Db;
    const sqlite = raw.getExecutor().adapter instanceof SqliteAdapter;
    if (!sqlite) {
      // PostgreSQL: the migrator runs this in a transaction already.
      for (const table of SCENE_TABLES) await rewriteTable(db, table);
      return;
    }
    await sql`pragma secure_delete = on`.execute(raw);
    try {
      await raw.transaction().execute(async (trx) => {
        for (const table of SCENE_TABLES) await rewriteTable(trx as unknown as Db, table);
      });
    } finally {
      await sql`pragma secure_delete = off`.execute(raw);
    }
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(raw);
  },
  async down() {
    // The old ids are gone on purpose: nothing to undo.
  },
};
