import Database from "better-sqlite3";
import {
  Kysely,
  PostgresDialect,
  type RawBuilder,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteStatement,
  sql,
  type Transaction,
} from "kysely";
import pg from "pg";
import type { Database as Schema } from "./schema";
import { BACKSTOP_AUTOCHECKPOINT_PAGES, startCheckpointer } from "./sqlite-checkpointer";
import type { StorageKind, StoreLocation } from "./store";

/** Everything that differs between SQLite and PostgreSQL lives behind this adapter; the
 * queries themselves are shared (see kysely-store.ts). */
export interface DialectAdapter {
  readonly kind: StorageKind;
  readonly location: StoreLocation;
  readonly db: Kysely<Schema>;
  /** Serialises "create the first owner" across concurrent transactions. */
  lockOwnerSetup(trx: Transaction<Schema>): Promise<void>;
  /** Schema the migration bookkeeping tables belong in (undefined: the dialect's default). */
  migrationSchema(): Promise<string | undefined>;
  /**
   * A scalar subquery: the tags of the `entries` row in scope, as a JSON array ordered by tag
   * (the order `withTags` reads them in). SQLite answers JSON text ("[]" when none),
   * PostgreSQL a parsed array (null when none); parse with `parseTagsJson`.
   */
  readonly entryTagsJson: RawBuilder<unknown>;
  /** Stops what the adapter runs beside the connection (before Kysely closes it). */
  stop(): Promise<void>;
}

/**
 * A comment that asks for rows as arrays of column values in select order (better-sqlite3's raw
 * mode) instead of objects: building an object per row costs about as much again as reading the
 * row, which shows on the insights' 3,650-row loads. Only SQLite honours it; PostgreSQL answers
 * objects as usual, so a reader of such a query accepts both (store/insight-rows.ts).
 */
export const ARRAY_ROWS_MARK = "/* meridian:array-rows */";

/** Most distinct SQL strings the SQLite statement cache keeps prepared. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * better-sqlite3 in front of Kysely, keeping prepared statements by SQL text. Kysely's SQLite
 * driver prepares every query it runs, and compiling the SQL cost more than running it on the
 * save path. Reusing a statement is safe here: Kysely runs one query at a time on its single
 * connection and better-sqlite3 runs each to completion synchronously; only `iterate` (a
 * streamed select, which can interleave with other queries) gets a fresh statement.
 */
export class CachedStatements implements SqliteDatabase {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, SqliteStatement>();
  readonly #capacity: number;

  constructor(db: Database.Database, capacity = STATEMENT_CACHE_SIZE) {
    this.#db = db;
    this.#capacity = Math.max(1, capacity);
  }

  /** Number of statements held. */
  get size(): number {
    return this.#cache.size;
  }

  prepare(text: string): SqliteStatement {
    const hit = this.#cache.get(text);
    if (hit) {
      // Re-insert: Map order doubles as least-recently-used order.
      this.#cache.delete(text);
      this.#cache.set(text, hit);
      return hit;
    }
    const stmt = this.#db.prepare(text);
    if (stmt.reader && text.includes(ARRAY_ROWS_MARK)) stmt.raw(true);
    const cached: SqliteStatement = {
      reader: stmt.reader,
      all: (parameters) => stmt.all(parameters),
      run: (parameters) => stmt.run(parameters),
      iterate: (parameters) => this.#db.prepare(text).iterate(parameters) as IterableIterator<unknown>,
    };
    this.#cache.set(text, cached);
    if (this.#cache.size > this.#capacity) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    return cached;
  }

  close(): void {
    this.#cache.clear();
    this.#db.close();
  }
}

export interface SqliteOptions {
  /** Checkpoint the WAL on a background thread (default true); false leaves it to SQLite. */
  backgroundCheckpoints?: boolean;
}

export function sqliteAdapter(file: string, options: SqliteOptions = {}): DialectAdapter {
  const database = new Database(file);
  database.pragma("journal_mode = WAL");
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  database.pragma("synchronous = NORMAL");
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: new CachedStatements(database) }) });
  const checkpointer =
    options.backgroundCheckpoints === false
      ? Promise.resolve(undefined)
      : startCheckpointer(file).then(
          (started) => {
            // The thread keeps the WAL short; SQLite's own checkpoint is only a backstop now.
            if (database.open) database.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
            return started;
          },
          (error: unknown) => {
            console.error("SQLite background checkpoints unavailable:", error);
            return undefined;
          },
        );
  return {
    kind: "sqlite",
    location: { kind: "sqlite", file },
    db,
    // `+t.user_id` keeps SQLite (no statistics) on the primary key (entry_id, tag): with a plain
    // `t.user_id` it picked the (user_id, tag) index and read every tag of the user per entry.
    entryTagsJson: sql`(select json_group_array(t.tag order by t.tag) from entry_tags as t where t.entry_id = entries.id and +t.user_id = entries.user_id)`,
    // Kysely runs SQLite transactions one at a time on its single connection, and another
    // process writing in between makes our write fail (WAL snapshot) rather than duplicate.
    lockOwnerSetup: async () => {},
    migrationSchema: async () => undefined,
    stop: async () => {
      await (await checkpointer)?.stop();
    },
  };
}

/**
 * Pooled PostgreSQL connections unless configured (MERIDIAN_PG_POOL). Every save commits, and
 * PostgreSQL flushes the commits waiting at one time together, so saves scale with the
 * connections able to wait at once; 20 keeps well inside PostgreSQL's default 100.
 */
export const DEFAULT_POSTGRES_POOL_SIZE = 20;

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** Use this schema (search_path) on every pooled connection; must already exist. */
  schema?: string;
  /** Default DEFAULT_POSTGRES_POOL_SIZE. */
  maxConnections?: number;
}

export function postgresAdapter(connectionString: string, options: PostgresOptions = {}): DialectAdapter {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${options.schema}`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: options.maxConnections ?? DEFAULT_POSTGRES_POOL_SIZE,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client erroring (e.g. server restart) must not crash the process.
  pool.on("error", (error) => console.error("PostgreSQL pool error:", error.message));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    location: { kind: "postgres", url: connectionString, schema: options.schema },
    db,
    entryTagsJson: sql`(select json_agg(t.tag order by t.tag) from entry_tags as t where t.entry_id = entries.id and t.user_id = entries.user_id)`,
    lockOwnerSetup: async (trx) => {
      // Transaction-scoped advisory lock: a second setup waits, then sees the first owner.
      await sql`select pg_advisory_xact_lock(47110001)`.execute(trx);
    },
    migrationSchema: async () => {
      // Kysely's migrator looks for its tables across all schemas unless told which one.
      const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
      return rows[0]?.schema;
    },
    stop: async () => {},
  };
}

export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//i.test(url);
}
