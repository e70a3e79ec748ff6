import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "./open-store";
import type { StorageKind, Store } from "./store";

/** Test support: fresh, isolated stores on either backend. */

export interface TestStore {
  store: Store;
  /** PostgreSQL only: the test's schema, for a second connection of its own (lock tests). */
  postgresSchema?: string;
  /** Closes the store and removes its data (temp dir or PostgreSQL schema). */
  dispose(): Promise<void>;
}

export async function openTestStore(kind: StorageKind): Promise<TestStore> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "meridian-test-"));
    const store = await openStore({ dataDir: dir });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `meridian_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(url, `create schema ${schema}`);
  try {
    const store = await openStore({ dataDir: tmpdir(), databaseUrl: url, postgresSchema: schema });
    return {
      store,
      postgresSchema: schema,
      dispose: async () => {
        await store.close();
        await adminQuery(url, `drop schema if exists ${schema} cascade`);
      },
    };
  } catch (error) {
    await adminQuery(url, `drop schema if exists ${schema} cascade`);
    throw error;
  }
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * The backends a storage test should run on. SQLite always; PostgreSQL when TEST_DATABASE_URL
 * is set and reachable. Without it the PostgreSQL half is skipped with a warning, except in
 * CI (CI=true), where a missing or unreachable PostgreSQL is an error.
 */
export async function testBackends(): Promise<StorageKind[]> {
  const url = process.env.TEST_DATABASE_URL;
  const inCi = process.env.CI === "true";
  if (!url) {
    if (inCi)
      throw new Error("CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI");
    console.warn("TEST_DATABASE_URL is not set: skipping the PostgreSQL half of the storage tests");
    return ["sqlite"];
  }
  try {
    await adminQuery(url, "select 1");
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (inCi) throw new Error(`CI=true but PostgreSQL at TEST_DATABASE_URL is unreachable: ${reason}`);
    console.warn(`PostgreSQL at TEST_DATABASE_URL is unreachable (${reason}): skipping the PostgreSQL half`);
    return ["sqlite"];
  }
  return ["sqlite", "postgres"];
}
