import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { StoreLocation } from "../store/store";
import { dumpPostgres, listDumpTables, missingPgTool, restoreAndCount } from "./postgres-backup";
import { checkSqliteFile, copySqlite, type TableCounts } from "./sqlite-backup";

/** Default number of automatic backups of one reason kept (MERIDIAN_BACKUP_RETAIN overrides). */
export const DEFAULT_BACKUP_RETAIN = 5;

export interface VerifiedBackupOptions {
  /** Folder the backup goes in (created if missing); usually `<data dir>/backups`. */
  dir: string;
  /** Short word naming why (e.g. "pre-migration", "pre-encryption", "manual"); part of the name. */
  reason: string;
  /** Keep only the newest N backups of this reason in `dir` (after this one verified). */
  retain?: number;
  /** Exact file to write instead of a generated name in `dir` (`meridian backup --out`). */
  file?: string;
}

export interface VerifiedBackup {
  path: string;
  bytes: number;
  verified: true;
  kind: "sqlite" | "postgres";
  /** Rows per table in the backup, equal to the source's at the moment it was taken. */
  counts: TableCounts;
  /** What was checked, in words (for logs and the CLI). */
  checks: string[];
  /** Older backups removed by the retention setting. */
  pruned: string[];
}

export class BackupVerificationError extends Error {
  override readonly name = "BackupVerificationError";
}

const REASON = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The store only needs to say where its data lives. */
export interface BackupSource {
  readonly location: StoreLocation;
}

export function backupFileName(kind: "sqlite" | "postgres", reason: string, at = new Date()): string {
  const stamp = at.toISOString().replaceAll(":", "-").replace(".", "-");
  return `meridian-${stamp}-${reason}.${kind === "sqlite" ? "db" : "pgdump"}`;
}

function describeDifference(source: TableCounts, copy: TableCounts): string | null {
  const names = new Set([...Object.keys(source), ...Object.keys(copy)]);
  for (const name of [...names].sort()) {
    if (source[name] !== copy[name]) {
      return `table ${name}: ${source[name] ?? "missing"} rows in the database, ${copy[name] ?? "missing"} in the backup`;
    }
  }
  return null;
}

/**
 * Backs the store's database up and proves the copy restores before returning: SQLite through
 * the online backup API, then `PRAGMA integrity_check` and per-table row counts on the copy;
 * PostgreSQL through `pg_dump` (custom format), then `pg_restore --list` and a restore into a
 * throwaway database whose row counts must match. The file only gets its final name once
 * verified; on any failure nothing is left behind and a BackupVerificationError (or the tool's
 * error) is thrown.
 */
export async function createVerifiedBackup(
  source: BackupSource,
  options: VerifiedBackupOptions,
): Promise<VerifiedBackup> {
  if (!REASON.test(options.reason)) throw new Error(`Invalid backup reason: ${options.reason}`);
  const location = source.location;
  mkdirSync(options.dir, { recursive: true });
  const path = options.file ?? join(options.dir, backupFileName(location.kind, options.reason));
  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  try {
    const checks: string[] = [];
    let counts: TableCounts;
    if (location.kind === "sqlite") {
      try {
        counts = await copySqlite(location.file, partial);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (typeof code === "string" && /^SQLITE_(CORRUPT|NOTADB)/.test(code)) {
          throw new BackupVerificationError(
            `The database could not be read whole: ${(error as Error).message}`,
          );
        }
        throw error;
      }
      const check = checkSqliteFile(partial);
      if (check.integrity !== "ok") {
        throw new BackupVerificationError(`The backup failed PRAGMA integrity_check: ${check.integrity}`);
      }
      checks.push("PRAGMA integrity_check: ok");
      const difference = describeDifference(counts, check.counts);
      if (difference)
        throw new BackupVerificationError(`The backup does not match the database: ${difference}`);
      checks.push(`row counts match in ${Object.keys(counts).length} tables`);
    } else {
      const missing = await missingPgTool();
      if (missing) {
        throw new Error(`${missing} is not installed; PostgreSQL backups need the PostgreSQL client tools`);
      }
      const dump = await dumpPostgres(location.url, location.schema, partial);
      counts = dump.counts;
      const listed = await listDumpTables(partial);
      const expected = Object.keys(counts).sort();
      const unlisted = expected.filter((t) => !listed.includes(t));
      if (unlisted.length > 0) {
        throw new BackupVerificationError(`pg_restore --list does not show data for: ${unlisted.join(", ")}`);
      }
      checks.push(`pg_restore --list: data for ${expected.length} tables`);
      const restored = await restoreAndCount(location.url, dump.schema, partial);
      if (restored) {
        const difference = describeDifference(counts, restored);
        if (difference)
          throw new BackupVerificationError(`The restored backup does not match: ${difference}`);
        checks.push("restored into a temporary database: row counts match");
      } else {
        checks.push("not restored for a check (the database role may not create databases)");
      }
    }
    renameSync(partial, path);
    const pruned =
      options.retain !== undefined ? pruneBackups(options.dir, options.reason, options.retain, path) : [];
    return { path, bytes: statSync(path).size, verified: true, kind: location.kind, counts, checks, pruned };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

const GENERATED = /^meridian-\d{4}-\d{2}-\d{2}T[\d-]+Z-([a-z0-9-]+)\.(db|pgdump)$/;

/** Removes all but the newest `retain` generated backups of `reason` in `dir`; never `keep`. */
export function pruneBackups(dir: string, reason: string, retain: number, keep?: string): string[] {
  const keepCount = Math.max(1, Math.floor(retain));
  const ours = readdirSync(dir)
    .filter((name) => GENERATED.exec(name)?.[1] === reason)
    .sort()
    .reverse();
  const removed: string[] = [];
  for (const name of ours.slice(keepCount)) {
    const file = join(dir, name);
    if (file === keep) continue;
    rmSync(file, { force: true });
    removed.push(file);
  }
  return removed;
}

/** MERIDIAN_BACKUP_RETAIN (a whole number ≥ 1), else DEFAULT_BACKUP_RETAIN. */
export function backupRetainFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.MERIDIAN_BACKUP_RETAIN;
  if (raw === undefined || raw === "") return DEFAULT_BACKUP_RETAIN;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`MERIDIAN_BACKUP_RETAIN must be a whole number of at least 1 (got "${raw}")`);
  }
  return n;
}
