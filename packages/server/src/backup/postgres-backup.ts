import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import pg from "pg";
import type { TableCounts } from "./sqlite-backup";

const run = promisify(execFile);

/** pg_dump / pg_restore get the password through the environment, not the process list. */
export function pgToolConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (parsed.password) {
    env.PGPASSWORD = decodeURIComponent(parsed.password);
    parsed.password = "";
  }
  return { dbname: parsed.toString(), env };
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function countTables(client: pg.Client, schema: string): Promise<TableCounts> {
  const { rows } = await client.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = $1 and table_type = 'BASE TABLE' order by table_name",
    [schema],
  );
  const counts: TableCounts = {};
  for (const { table_name } of rows) {
    const result = await client.query<{ n: string }>(
      `select count(*) as n from ${quoteIdent(schema)}.${quoteIdent(table_name)}`,
    );
    counts[table_name] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

export async function missingPgTool(): Promise<string | null> {
  for (const tool of ["pg_dump", "pg_restore"]) {
    try {
      await run(tool, ["--version"]);
    } catch {
      return tool;
    }
  }
  return null;
}

export interface PgDumpResult {
  schema: string;
  counts: TableCounts;
}

/**
 * Dumps `schema` (default: the connection's current schema) to `target` in pg_dump's custom
 * format. The row counts come from the very snapshot pg_dump reads (an exported snapshot held
 * open in a repeatable-read transaction), so they match the dump even under concurrent writes.
 */
export async function dumpPostgres(
  url: string,
  schema: string | undefined,
  target: string,
): Promise<PgDumpResult> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await client.query("begin isolation level repeatable read read only");
    const current = await client.query<{ schema: string; snapshot: string }>(
      "select current_schema() as schema, pg_export_snapshot() as snapshot",
    );
    const row = current.rows[0];
    if (!row) throw new Error("PostgreSQL returned no snapshot");
    const dumpSchema = schema ?? row.schema;
    const counts = await countTables(client, dumpSchema);
    const { dbname, env } = pgToolConnection(url);
    await run(
      "pg_dump",
      [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--schema=${dumpSchema}`,
        `--snapshot=${row.snapshot}`,
        `--file=${target}`,
        `--dbname=${dbname}`,
      ],
      { env, maxBuffer: 16 * 1024 * 1024 },
    );
    await client.query("commit");
    return { schema: dumpSchema, counts };
  } finally {
    await client.end();
  }
}

/** The table names whose data a custom-format dump holds, from `pg_restore --list`. */
export async function listDumpTables(file: string): Promise<string[]> {
  const { stdout } = await run("pg_restore", ["--list", file], { maxBuffer: 16 * 1024 * 1024 });
  const tables: string[] = [];
  for (const line of stdout.split("\n")) {
    // e.g. "3345; 0 16390 TABLE DATA my_schema entries postgres"
    const match = /\bTABLE DATA (\S+) (\S+)/.exec(line);
    if (match?.[2]) tables.push(match[2]);
  }
  return tables.sort();
}

/**
 * Restores the dump into a throwaway database and counts its rows; the database is dropped
 * afterwards. Null when the role may not create databases (the list check still ran).
 */
export async function restoreAndCount(
  url: string,
  schema: string,
  file: string,
): Promise<TableCounts | null> {
  const name = `meridian_verify_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await admin.connect();
  try {
    try {
      await admin.query(`create database ${name}`);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "42501") return null; // insufficient_privilege
      throw error;
    }
    const target = new URL(url);
    target.pathname = `/${name}`;
    const { dbname, env } = pgToolConnection(target.toString());
    const check = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: 10_000 });
    try {
      await check.connect();
      // A fresh database already has "public"; every other schema comes from the dump.
      if (schema === "public") await check.query("drop schema public");
      await run(
        "pg_restore",
        ["--exit-on-error", "--no-owner", "--no-privileges", `--dbname=${dbname}`, file],
        {
          env,
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      return await countTables(check, schema);
    } finally {
      await check.end().catch(() => {});
      await admin.query(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.end();
  }
}
