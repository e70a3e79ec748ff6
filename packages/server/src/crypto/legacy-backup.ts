import { rmSync } from "node:fs";
import { join } from "node:path";
import { backupRetainFromEnv, createVerifiedBackup } from "../backup/verified-backup";
import type { Store } from "../store/store";
import type { BeforeMigrate } from "./legacy";

/**
 * The default step before a pre-encryption account is encrypted: a verified backup of the
 * whole database in `<dataDir>/backups` ("pre-encryption" in its name). It holds plaintext,
 * so it is deleted once the encrypted rows have been read back; if the migration fails it is
 * kept and the log names it.
 */
export function verifiedBackupBeforeMigrate(store: Store, dataDir: string): BeforeMigrate {
  return async () => {
    const backup = await createVerifiedBackup(store, {
      dir: join(dataDir, "backups"),
      reason: "pre-encryption",
      retain: backupRetainFromEnv(),
    });
    console.warn(`Encrypting a pre-encryption account; verified backup at ${backup.path}`);
    return { path: backup.path, discard: async () => rmSync(backup.path, { force: true }) };
  };
}
