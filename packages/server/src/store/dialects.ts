import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, sql, type Transaction } from "kysely";
import pg from "pg";
import type { Database as Schema } from "./schema";
import type { StorageKind } from "./store";

/** Everything that differs between SQLite and PostgreSQL lives behind this adapter; the
 * queries themselves are shared (see kysely-store.ts). */
export interface DialectAdapter {
  readonly kind: StorageKind;
  readonly db: Kysely<Schema>;
  /** Serialises "create the first owner" across concurrent transactions. */
  lockOwnerSetup(trx: Transaction<Schema>): Promise<void>;
  /** Schema the migration bookkeeping tables belong in (undefined: the dialect's default). */
  migrationSchema(): Promise<string | undefined>;
}

export function sqliteAdapter(file: string): DialectAdapter {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  return {
    kind: "sqlite",
    db,
    // Kysely runs SQLite transactions one at a time on its single connection, and another
    // process writing in between makes our write fail (WAL snapshot) rather than duplicate.
    lockOwnerSetup: async () => {},
    migrationSchema: async () => undefined,
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** Use this schema (search_path) on every pooled connection; must already exist. */
  schema?: string;
  maxConnections?: number;
}

export function postgresAdapter(connectionString: string, options: PostgresOptions = {}): DialectAdapter {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client erroring (e.g. server restart) must not crash the process.
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    db,
    lockOwnerSetup: async (trx) => {
      // Transaction-scoped advisory lock: a second setup waits, then sees the first owner.
      await sql`select pg_advisory_xact_lock(47110001)`.execute(trx);
    },
    migrationSchema: async () => {
      // Kysely's migrator looks for its tables across all schemas unless told which one.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      return rows[0]?.schema;
    },
  };
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}
