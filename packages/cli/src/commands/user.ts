import { rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AccountError, createOwner, createUser, listUsers, removeUser } from "@meridian/server";
import { removeUserRenders } from "@meridian/server/render";
import { parse } from "../args";
import type { CliIO } from "../io";
import { UsageError } from "../io";
import { readSecretLine } from "../read-secret";
import { storeFromEnv } from "../store-from-env";

export const userHelp = `Usage:
  meridian user add <username> --password-stdin [--owner] [--time-zone Area/City]
  meridian user list
  meridian user remove <username> --yes

add      Creates an account. The password is read from standard input (one line), never from
         the command line, e.g.  printf '%s\\n' "$PW" | meridian user add ana --password-stdin
         --owner creates the studio's owner (only while it has none). Prints the account's
         recovery key once: hand it to its owner.
list     Prints username, role, time zone and creation date, one account a line.
remove   Deletes the account and everything it wrote. Needs --yes.
`;

export async function runUser(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    help: { type: "boolean", short: "h" },
    "password-stdin": { type: "boolean" },
    owner: { type: "boolean" },
    "time-zone": { type: "string" },
    yes: { type: "boolean" },
  });
  const [verb, name, ...extra] = positionals;
  if (values.help) {
    io.stdout.write(userHelp);
    return 0;
  }
  if (!verb) throw new UsageError("say what to do: add, list or remove");
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);

  if (verb === "add") {
    if (!name) throw new UsageError("add needs a username");
    if (!values["password-stdin"]) {
      throw new UsageError("add needs --password-stdin (passwords are never taken from the command line)");
    }
    const password = await readSecretLine(io);
    return withStore(io, async (store) => {
      const input = { username: name, password, timeZone: values["time-zone"] ?? "UTC" };
      const account = values.owner ? await createOwner(store, input) : await createUser(store, input);
      account.key.wipe();
      io.stdout.write(`Created ${account.user.role} '${account.user.username}'.\n`);
      io.stdout.write(
        `Recovery key (shown only now; it resets a forgotten password without losing a word):\n${account.recoveryKey}\n`,
      );
    });
  }
  if (verb === "list") {
    if (name) throw new UsageError(`unexpected argument '${name}'`);
    return withStore(io, async (store) => {
      const users = await listUsers(store);
      if (users.length === 0) io.stdout.write("No accounts yet. Open the studio to create the owner.\n");
      for (const u of users) {
        io.stdout.write(`${u.username}\t${u.role}\t${u.timeZone}\t${u.createdAt.slice(0, 10)}\n`);
      }
    });
  }
  if (verb === "remove") {
    if (!name) throw new UsageError("remove needs a username");
    if (!values.yes)
      throw new UsageError(`this deletes '${name}' and every entry they wrote; add --yes to confirm`);
    return withStore(io, async (store) => {
      const user = await removeUser(store, name);
      // Their uploaded studio media (the rows went with the account).
      const dataDir = resolve((io.env ?? process.env).MERIDIAN_DATA_DIR || "data");
      await rm(join(dataDir, "media", user.id), { recursive: true, force: true });
      removeUserRenders(join(dataDir, "renders"), user.id);
      io.stdout.write(`Removed '${user.username}' and everything they wrote.\n`);
    });
  }
  throw new UsageError(`unknown action '${verb}' (use add, list or remove)`);
}

async function withStore(
  io: CliIO,
  work: (store: Awaited<ReturnType<typeof storeFromEnv>>) => Promise<void>,
): Promise<number> {
  const store = await storeFromEnv(io);
  try {
    await work(store);
    return 0;
  } catch (error) {
    if (error instanceof AccountError) {
      io.stderr.write(`meridian user: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
