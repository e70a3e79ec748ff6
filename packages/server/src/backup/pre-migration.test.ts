import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../store/migrations";
import { type OpenStoreOptions, openStore } from "../store/open-store";
import type { StorageKind, Store, UserRecord } from "../store/store";
import { openTestStore, type TestStore, testBackends } from "../store/testing";
import { backupBeforeMigration } from "./pre-migration";

const backends = await testBackends();
const FUTURE = "9999_test_future_migration";

const alice: UserRecord = {
  id: "pre-migration-alice",
  username: "alice",
  passwordHash: "$argon2id$not-a-real-hash",
  role: "member",
  timeZone: "UTC",
  createdAt: "2025-01-01T00:00:00.000Z",
};

/** Whether the database has recorded the FUTURE migration as applied. */
async function futureApplied(kind: StorageKind, store: Store): Promise<boolean> {
  const location = store.location;
  if (location.kind === "sqlite") {
    const db = new Database(location.file, { readonly: true });
    try {
      return db.prepare("select 1 from kysely_migration where name = ?").get(FUTURE) !== undefined;
    } finally {
      db.close();
    }
  }
  expect(kind).toBe("postgres");
  const client = new pg.Client({ connectionString: location.url });
  await client.connect();
  try {
    const r = await client.query(`select 1 from "${location.schema}".kysely_migration where name = $1`, [
      FUTURE,
    ]);
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

describe.each(backends)("backup before migrating on %s", (kind) => {
  let t: TestStore;
  let dataDir: string;
  let reopenOptions: OpenStoreOptions;

  beforeAll(async () => {
    t = await openTestStore(kind);
    await t.store.insertUser(alice);
    const location = t.store.location;
    if (location.kind === "sqlite") {
      dataDir = join(location.file, "..");
      reopenOptions = { dataDir };
    } else {
      dataDir = mkdtempSync(join(tmpdir(), "meridian-pre-migration-"));
      reopenOptions = {
        dataDir,
        databaseUrl: location.url,
        ...(location.schema ? { postgresSchema: location.schema } : {}),
      };
    }
  });
  afterEach(() => {
    delete migrations[FUTURE];
  });
  afterAll(async () => {
    await t?.dispose();
    if (kind === "postgres") rmSync(dataDir, { recursive: true, force: true });
  });

  it("does nothing when no migration is pending", async () => {
    expect(await backupBeforeMigration(t.store, { dataDir })).toBeNull();
    expect(existsSync(join(dataDir, "backups"))).toBe(false);
  });

  it("refuses to migrate when the backup cannot be written, and applies nothing", async () => {
    let ran = false;
    migrations[FUTURE] = {
      up: async () => {
        ran = true;
      },
    };
    writeFileSync(join(dataDir, "backups"), "in the way");
    try {
      await expect(openStore(reopenOptions)).rejects.toThrow(/Not upgrading the database/);
      expect(ran).toBe(false);
      expect(await futureApplied(kind, t.store)).toBe(false);
    } finally {
      rmSync(join(dataDir, "backups"), { force: true });
    }
  });

  it("opening a store with a pending migration backs up first, then migrates", async () => {
    let sawBackup = false;
    migrations[FUTURE] = {
      up: async (db) => {
        // The backup exists before the migration runs.
        sawBackup = readdirSync(join(dataDir, "backups")).some((n) =>
          n.endsWith(kind === "sqlite" ? "-pre-migration.db" : "-pre-migration.pgdump"),
        );
        await sql`select 1`.execute(db);
      },
    };
    const reopened = await openStore(reopenOptions);
    await reopened.close();
    expect(sawBackup).toBe(true);
    expect(await futureApplied(kind, t.store)).toBe(true);
    const files = readdirSync(join(dataDir, "backups")).filter((n) => n.includes("-pre-migration."));
    expect(files).toHaveLength(1);
    if (kind === "sqlite") {
      // The copy is the database as it was: Alice is there, the future migration is not.
      const copy = new Database(join(dataDir, "backups", files[0] ?? ""), { readonly: true });
      try {
        expect(copy.prepare("select username from users where id = ?").get(alice.id)).toEqual({
          username: "alice",
        });
        expect(copy.prepare("select 1 from kysely_migration where name = ?").get(FUTURE)).toBeUndefined();
      } finally {
        copy.close();
      }
    }
  });
});

describe("a new database", () => {
  it("gets no backup before its first migrations", async () => {
    const dir = mkdtempSync(join(tmpdir(), "meridian-fresh-"));
    try {
      const store = await openStore({ dataDir: dir });
      await store.close();
      expect(existsSync(join(dir, "backups"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
