import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { backupBeforeMigration } from "../backup/pre-migration";
import { isPostgresUrl, postgresAdapter, sqliteAdapter } from "./dialects";
import { KyselyStore } from "./kysely-store";
import type { Store } from "./store";

export interface OpenStoreOptions {
  /** postgres:// or postgresql:// selects PostgreSQL; anything else (or nothing) SQLite. */
  databaseUrl?: string | undefined;
  /** Holds meridian.db for SQLite; created if missing. */
  dataDir: string;
  /** PostgreSQL only: an existing schema to use as search_path (tests isolate with this). */
  postgresSchema?: string;
  /** PostgreSQL only: most pooled connections (default DEFAULT_POSTGRES_POOL_SIZE). */
  postgresPoolSize?: number | undefined;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  /** Take a verified backup into `<dataDir>/backups` before migrating a database with data
   * (default true; see backup/pre-migration.ts). */
  backupBeforeMigrate?: boolean;
  /** Pre-migration backups kept (default MERIDIAN_BACKUP_RETAIN, else 5). */
  backupRetain?: number | undefined;
}

export async function openStore(options: OpenStoreOptions): Promise<Store> {
  let store: Store;
  if (isPostgresUrl(options.databaseUrl)) {
    store = new KyselyStore(
      postgresAdapter(options.databaseUrl, {
        ...(options.postgresSchema ? { schema: options.postgresSchema } : {}),
        ...(options.postgresPoolSize !== undefined ? { maxConnections: options.postgresPoolSize } : {}),
      }),
    );
  } else {
    mkdirSync(options.dataDir, { recursive: true });
    store = new KyselyStore(sqliteAdapter(join(options.dataDir, "meridian.db")));
  }
  if (options.migrate !== false) {
    try {
      if (options.backupBeforeMigrate !== false) {
        await backupBeforeMigration(store, { dataDir: options.dataDir, retain: options.backupRetain });
      }
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}
