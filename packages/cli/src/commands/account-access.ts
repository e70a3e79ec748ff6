import { resolve } from "node:path";
import { type Store, unlockAccount } from "@meridian/server";
import type { CliIO } from "../io";
import { UsageError } from "../io";
import { readSecretLine } from "../read-secret";

/** For export and import: the account's journal is encrypted, so the command signs in as the
 * account (password from standard input) and works through the encrypting store. */

export interface OpenedAccount {
  /** The encrypting store with the account's key held. */
  store: Store;
  user: NonNullable<Awaited<ReturnType<Store["findUserById"]>>>;
  dataDir: string;
  release(): void;
}

export async function openAccount(
  store: Store,
  io: CliIO,
  username: string | undefined,
  passwordStdin: boolean | undefined,
): Promise<OpenedAccount | null> {
  if (!username) throw new UsageError("name the account with --user NAME");
  if (!passwordStdin) {
    throw new UsageError(
      "the journal is encrypted with the account's password: pass it on standard input with --password-stdin",
    );
  }
  const password = await readSecretLine(io);
  const dataDir = resolve((io.env ?? process.env).MERIDIAN_DATA_DIR || "data");
  const unlocked = await unlockAccount(store, username.trim().toLowerCase(), password, { dataDir });
  if (!unlocked) {
    io.stderr.write(`No account '${username}' with that password.\n`);
    return null;
  }
  const user = await store.findUserById(unlocked.account.user.id);
  if (!user) {
    unlocked.release();
    return null;
  }
  return {
    store: unlocked.store,
    user,
    dataDir,
    release: unlocked.release,
  };
}
