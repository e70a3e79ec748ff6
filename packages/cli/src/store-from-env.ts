import { resolve } from "node:path";
import { openStore, type Store } from "@meridian/server";
import type { CliIO } from "./io";

/** Opens the studio's store the same way the server does: DATABASE_URL, else SQLite in MERIDIAN_DATA_DIR. */
export async function storeFromEnv(io: CliIO): Promise<Store> {
  const env = io.env ?? process.env;
  return openStore({
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.MERIDIAN_DATA_DIR || "data"),
  });
}
