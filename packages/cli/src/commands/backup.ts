import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type BackupSource, createVerifiedBackup, isPostgresUrl } from "@meridian/server";
import { parse } from "../args";
import type { CliIO } from "../io";
import { UsageError } from "../io";

export const backupHelp = `Usage:
  meridian backup [--out FILE] [--data-dir DIR] [--database-url URL]

Copies the database while the studio keeps running and checks the copy before saying so.
SQLite: SQLite's online backup API, then PRAGMA integrity_check and row counts on the copy.
PostgreSQL: pg_dump (custom format; the PostgreSQL client tools must be installed), then
pg_restore --list and a trial restore into a throwaway database whose row counts must match.

--out FILE         where to write it (must not exist yet); default
                   <data dir>/backups/meridian-<time>-manual.db (or .pgdump)
--data-dir DIR     the studio's data directory (default MERIDIAN_DATA_DIR, else ./data)
--database-url URL a postgres:// URL (default DATABASE_URL); without one, SQLite in the data dir

Media files (uploads, renders) live in <data dir>/media; copy that folder too.
Restoring is described in docs/backups.md.
`;

export async function runBackup(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: "string" },
    "data-dir": { type: "string" },
    "database-url": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(backupHelp);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const env = io.env ?? process.env;
  const dataDir = resolve(values["data-dir"] || env.MERIDIAN_DATA_DIR || "data");
  const url = values["database-url"] || env.DATABASE_URL || undefined;
  if (values["database-url"] !== undefined && !isPostgresUrl(url)) {
    throw new UsageError("--database-url must start with postgres:// or postgresql://");
  }

  let source: BackupSource;
  if (isPostgresUrl(url)) {
    source = { location: { kind: "postgres", url, schema: undefined } };
  } else {
    const file = join(dataDir, "meridian.db");
    if (!existsSync(file)) {
      io.stderr.write(`meridian backup: no database at ${file} (set --data-dir or MERIDIAN_DATA_DIR)\n`);
      return 1;
    }
    source = { location: { kind: "sqlite", file } };
  }
  const out = values.out !== undefined ? resolve(values.out) : undefined;
  if (out !== undefined && existsSync(out)) {
    io.stderr.write(`meridian backup: ${out} already exists; choose a new file name\n`);
    return 1;
  }
  try {
    const backup = await createVerifiedBackup(source, {
      dir: out !== undefined ? dirname(out) : join(dataDir, "backups"),
      reason: "manual",
      ...(out !== undefined ? { file: out } : {}),
    });
    const rows = Object.values(backup.counts).reduce((a, b) => a + b, 0);
    io.stdout.write(
      `Backed up the ${backup.kind === "sqlite" ? "SQLite" : "PostgreSQL"} database to ${backup.path}\n` +
        `  ${formatBytes(backup.bytes)}, ${rows} rows in ${Object.keys(backup.counts).length} tables\n` +
        backup.checks.map((c) => `  checked: ${c}\n`).join(""),
    );
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`meridian backup: ${message}\nNothing was written.\n`);
    return 1;
  }
}

function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
