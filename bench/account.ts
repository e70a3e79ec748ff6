/**
 * The benchmark's account, set up through the API like a person's, and the store the app itself
 * writes with: the encrypting store (store/encrypted-store.ts) holding this account's data key,
 * so rows written outside the API (bulk corpora) are sealed exactly as the app seals them and
 * read back through the routes without `decrypt_failed`.
 */
import { type createApp, type Store, unlockAccount } from "@meridian/server";

/** argon2id at its cheapest: the benchmarks measure the app, not password hashing. */
export const BENCH_PASSWORD_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 };
export const BENCH_USERNAME = "bench";
export const BENCH_PASSWORD = "a quiet bench by the window, rain at 3 am";

export interface BenchAccount {
  userId: string;
  /** `name=value` of the session cookie from setup. */
  cookie: string;
  /** The encrypting store over the raw one, with the account's key held. */
  store: Store;
  /** Forgets the key. */
  release(): void;
}

export async function benchAccount(
  app: ReturnType<typeof createApp>,
  rawStore: Store,
  timeZone: string,
): Promise<BenchAccount> {
  const setup = await app.request("/api/setup", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: BENCH_USERNAME, password: BENCH_PASSWORD, timeZone }),
  });
  if (setup.status !== 201) throw new Error(`setup failed: ${setup.status} ${await setup.text()}`);
  const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const unlocked = await unlockAccount(rawStore, BENCH_USERNAME, BENCH_PASSWORD, {
    passwordHashing: BENCH_PASSWORD_HASHING,
  });
  if (!unlocked) throw new Error("the bench account did not unlock with its own password");
  return { userId: unlocked.account.user.id, cookie, store: unlocked.store, release: unlocked.release };
}
