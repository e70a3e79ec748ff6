import { createWriteStream, existsSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { resolve } from "node:path";
import { pipeline } from "node:stream/promises";
import { exportZip } from "@meridian/server";
import { parse } from "../args";
import type { CliIO } from "../io";
import { UsageError } from "../io";
import { storeFromEnv } from "../store-from-env";
import { openAccount } from "./account-access";

export const exportHelp = `Usage:
  meridian export --user NAME --out FILE [--format archive|markdown] --password-stdin

Writes everything in the account to a zip:
  archive    archive.json (entries with tags, revisions and prompt snapshots, own prompts,
             sessions with check-in/out and scenes, sleep diaries, check-ups, presets, media
             details, time zone) plus the uploaded audio files under media/. Default.
             'meridian import' and the Your data page restore it.
  markdown   one Markdown file per entry with YAML front matter (date, tags, prompt, mood
             before/after, scene), ready to open as an Obsidian vault.

The journal is encrypted with the account's password, so the command reads it from standard
input (one line), e.g.  printf '%s\\n' "$PW" | meridian export --user ana --out ana.zip --password-stdin
An existing FILE is never overwritten.
`;

export async function runExport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      help: { type: "boolean", short: "h" },
      user: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
    false,
  );
  if (values.help) {
    io.stdout.write(exportHelp);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const format = values.format ?? "archive";
  if (format !== "archive" && format !== "markdown") throw new UsageError("--format is archive or markdown");
  if (!values.out) throw new UsageError("say where to write the zip with --out FILE");
  const out = resolve(values.out);
  if (existsSync(out)) {
    io.stderr.write(`${values.out} already exists; choose another name or remove it first.\n`);
    return 1;
  }
  const store = await storeFromEnv(io);
  try {
    const account = await openAccount(store, io, values.user, values["password-stdin"]);
    if (!account) return 1;
    const partial = `${out}.partial`;
    try {
      const chunks = await exportZip(
        account.store,
        { dataDir: account.dataDir, mediaLimitBytes: 0 },
        account.user,
        format,
        new Date(),
      );
      await pipeline(chunks, createWriteStream(partial, { flags: "wx" }));
      await rename(partial, out);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    } finally {
      account.release();
    }
    io.stdout.write(
      `Wrote ${format === "archive" ? "the archive" : "the Markdown files"} of '${account.user.username}' to ${values.out}.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
