import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { type CreateAppOptions, createApp, type MeridianApp } from "../app";
import { KeyRing } from "../crypto/key-ring";
import { openStore } from "../store/open-store";
import type { StorageKind, Store } from "../store/store";
import { Client, FAST_HASHING } from "./harness";

/** Test support: a real store whose bytes the test can read and tamper with directly. */
export interface RawBackend {
  kind: StorageKind;
  store: Store;
  dataDir: string;
  /** Everything the database holds, as text: the SQLite file and its WAL (raw bytes), or
   * every row of every table of the PostgreSQL schema. */
  dump(): Promise<string>;
  exec(text: string, params?: unknown[]): Promise<void>;
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  dispose(): Promise<void>;
}

export async function openRawBackend(kind: StorageKind): Promise<RawBackend> {
  const dataDir = mkdtempSync(join(tmpdir(), "meridian-enc-"));
  if (kind === "sqlite") {
    const store = await openStore({ dataDir });
    const file = join(dataDir, "meridian.db");
    const withDb = <T>(work: (db: Database.Database) => T): T => {
      const db = new Database(file);
      db.pragma("busy_timeout = 5000");
      try {
        return work(db);
      } finally {
        db.close();
      }
    };
    return {
      kind,
      store,
      dataDir,
      dump: async () =>
        [file, `${file}-wal`]
          .filter((f) => existsSync(f))
          .map((f) => readFileSync(f).toString("latin1"))
          .join("\n"),
      exec: async (text, params = []) => {
        withDb((db) => db.prepare(text).run(...params));
      },
      query: async <T>(text: string, params: unknown[] = []) =>
        withDb((db) => db.prepare(text).all(...params) as T[]),
      dispose: async () => {
        await store.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `meridian_enc_${randomBytes(6).toString("hex")}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.query(`set search_path to ${schema}`);
  const store = await openStore({ dataDir, databaseUrl: url, postgresSchema: schema });
  const pgText = (text: string) => {
    let n = 0;
    return text.replace(/\?/g, () => `$${++n}`);
  };
  return {
    kind,
    store,
    dataDir,
    dump: async () => {
      const tables = await client.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = $1",
        [schema],
      );
      const parts: string[] = [];
      for (const { table_name } of tables.rows) {
        const rows = await client.query<{ row: string }>(
          `select t::text as row from ${schema}."${table_name}" t`,
        );
        parts.push(`${table_name}: ${rows.rows.map((r) => r.row).join("\n")}`);
      }
      return parts.join("\n");
    },
    exec: async (text, params = []) => {
      await client.query(pgText(text), params);
    },
    query: async <T>(text: string, params: unknown[] = []) =>
      (await client.query(pgText(text), params)).rows as T[],
    dispose: async () => {
      await store.close();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** An app over the backend's store, as `serve` builds it; a new key ring is a restart. */
export function appOver(raw: RawBackend, options: Partial<CreateAppOptions> = {}): MeridianApp {
  return createApp({
    store: raw.store,
    version: "9.9.9-test",
    webDistDir: null,
    passwordHashing: FAST_HASHING,
    dataDir: raw.dataDir,
    keyRing: new KeyRing(),
    ...options,
  });
}

export const clientOf = (app: MeridianApp) => new Client(app);
