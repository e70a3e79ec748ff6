import { existsSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import type { StoreLocation } from "../store/store";

export interface MigrationState {
  /** Migrations the code has and the database has not applied yet. */
  pending: string[];
  /** False for a new database: no migration applied yet, or no user in it. */
  hasData: boolean;
}

function state(applied: string[], users: number, known: readonly string[]): MigrationState {
  const done = new Set(applied);
  return { pending: known.filter((name) => !done.has(name)), hasData: applied.length > 0 && users > 0 };
}

/**
 * Reads which of `known` migrations the database still lacks (Kysely's kysely_migration
 * table) and whether it holds anyone's data, on its own short-lived connection.
 */
export async function readMigrationState(
  location: StoreLocation,
  known: readonly string[],
): Promise<MigrationState> {
  if (location.kind === "sqlite") {
    if (!existsSync(location.file)) return state([], 0, known);
    const db = new Database(location.file, { readonly: true, fileMustExist: true });
    try {
      db.pragma("busy_timeout = 5000");
      const has = (table: string) =>
        db.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(table) !== undefined;
      if (!has("kysely_migration")) return state([], 0, known);
      const applied = (db.prepare("select name from kysely_migration").all() as { name: string }[]).map(
        (r) => r.name,
      );
      const users = has("users")
        ? (db.prepare("select count(*) as n from users").get() as { n: number }).n
        : 0;
      return state(applied, users, known);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: location.url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const schemaRow = await client.query<{ schema: string }>("select current_schema() as schema");
    const schema = location.schema ?? schemaRow.rows[0]?.schema ?? "public";
    const tables = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = $1 and table_name in ('kysely_migration', 'users')",
      [schema],
    );
    const present = new Set(tables.rows.map((r) => r.table_name));
    if (!present.has("kysely_migration")) return state([], 0, known);
    const q = (name: string) => `"${schema.replaceAll('"', '""')}"."${name}"`;
    const applied = (
      await client.query<{ name: string }>(`select name from ${q("kysely_migration")}`)
    ).rows.map((r) => r.name);
    const users = present.has("users")
      ? Number((await client.query<{ n: string }>(`select count(*) as n from ${q("users")}`)).rows[0]?.n ?? 0)
      : 0;
    return state(applied, users, known);
  } finally {
    await client.end();
  }
}
