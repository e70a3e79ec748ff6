import { join } from "node:path";
import { migrations } from "../store/migrations";
import { readMigrationState } from "./pending-migrations";
import type { BackupSource, VerifiedBackup } from "./verified-backup";
import { backupRetainFromEnv, createVerifiedBackup } from "./verified-backup";

export const PRE_MIGRATION_REASON = "pre-migration";

export interface PreMigrationOptions {
  /** The server's data directory; backups go in its backups/ folder. */
  dataDir: string;
  /** Newest automatic pre-migration backups kept (default MERIDIAN_BACKUP_RETAIN, else 5). */
  retain?: number | undefined;
  /** Told about each backup made (default: one line on stderr). */
  onBackup?: (backup: VerifiedBackup, pending: string[]) => void;
}

/**
 * Before migrating a database that holds data and has migrations pending, takes a verified
 * backup (see verified-backup.ts) and throws if it cannot — the upgrade waits rather than
 * risking the journal. A new or up-to-date database is left alone. Null when nothing was needed.
 */
export async function backupBeforeMigration(
  source: BackupSource,
  options: PreMigrationOptions,
): Promise<VerifiedBackup | null> {
  const { pending, hasData } = await readMigrationState(source.location, Object.keys(migrations));
  if (pending.length === 0 || !hasData) return null;
  let backup: VerifiedBackup;
  try {
    backup = await createVerifiedBackup(source, {
      dir: join(options.dataDir, "backups"),
      reason: PRE_MIGRATION_REASON,
      retain: options.retain ?? backupRetainFromEnv(),
    });
  } catch (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Not upgrading the database: the backup taken before migrations (${pending.join(", ")}) failed: ${cause}`,
    );
  }
  const report =
    options.onBackup ??
    ((b: VerifiedBackup, names: string[]) =>
      console.error(
        `Backed up the database before migrating (${names.join(", ")}): ${b.path} — ${b.checks.join("; ")}`,
      ));
  report(backup, pending);
  return backup;
}
