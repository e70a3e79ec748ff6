import Database from "better-sqlite3";

/** Row counts per table (SQLite's own tables excluded), sorted by table name. */
export type TableCounts = Record<string, number>;

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function sqliteTableCounts(db: Database.Database): TableCounts {
  const tables = db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  const counts: TableCounts = {};
  for (const { name } of tables) {
    const row = db.prepare(`select count(*) as n from ${quoteIdent(name)}`).get() as { n: number };
    counts[name] = row.n;
  }
  return counts;
}

/**
 * Copies the live database at `source` into `target` with SQLite's online backup API and
 * returns the row counts of the copied snapshot. A separate read-only connection holds one read
 * transaction across the count and the whole copy, so both see the same snapshot even while the
 * server keeps writing (WAL readers never block writers).
 */
export async function copySqlite(source: string, target: string): Promise<TableCounts> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.exec("begin");
    const counts = sqliteTableCounts(db);
    await db.backup(target);
    db.exec("commit");
    return counts;
  } finally {
    db.close();
  }
}

export interface SqliteCheck {
  integrity: string;
  counts: TableCounts;
}

/**
 * Turns a fresh copy into a standalone file (rollback journal, no -wal/-shm beside it) and
 * reports its `PRAGMA integrity_check` and row counts.
 */
export function checkSqliteFile(file: string): SqliteCheck {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("journal_mode = DELETE");
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    const integrity = rows.map((r) => r.integrity_check).join("; ");
    return { integrity, counts: sqliteTableCounts(db) };
  } finally {
    db.close();
  }
}
