import { readFile, stat } from "node:fs/promises";
import { IMPORT_KINDS, ImportFormatError, type ImportPreview, KIND_LABELS } from "@meridian/core";
import {
  fileTooLargeMessage,
  importLimits,
  importLimitsFromEnv,
  mediaQuotaFromEnv,
  prepareImport,
  QUOTA_EXCEEDED,
} from "@meridian/server";
import { parse } from "../args";
import type { CliIO } from "../io";
import { UsageError } from "../io";
import { storeFromEnv } from "../store-from-env";
import { openAccount } from "./account-access";

export const importHelp = `Usage:
  meridian import --user NAME FILE [--dry-run] --password-stdin

Imports FILE into the account: a Meridian archive (.zip from 'meridian export' or the Your data
page), a jrnl JSON export (jrnl --export json), a Day One JSON export (Journal.json or the
export zip; photos are not imported) or a Daylio CSV export. The format is detected.

Prints what the file holds and what is new first; --dry-run stops there. Records already in
the account (from an earlier import of the same file) are skipped. A file with any error
imports nothing and the command exits with 1.

The password is read from standard input (one line), as the journal is encrypted with it.

The server's limits apply, from the same environment: MERIDIAN_IMPORT_LIMIT_MB (the file, 50 MB
unless set), MERIDIAN_IMPORT_INFLATED_MB, MERIDIAN_IMPORT_MAX_FILES, MERIDIAN_IMPORT_MAX_RECORDS,
and the account's storage quota for an archive's audio and video (MERIDIAN_MEDIA_QUOTA_MB).
`;

/** Refusals that are the file's (or the quota's), told as "can't be imported". */
const isRefusal = (error: unknown) =>
  error instanceof ImportFormatError ||
  (error instanceof Error && (error as { code?: unknown }).code === QUOTA_EXCEEDED);

export function describePreview(p: ImportPreview): string {
  const lines = [
    `${p.formatLabel}: ${p.total} record${p.total === 1 ? "" : "s"}, ${p.newCount} new, ${p.duplicateCount} already here.`,
  ];
  for (const kind of IMPORT_KINDS) {
    const c = p.counts[kind];
    if (c && c.total > 0) lines.push(`  ${KIND_LABELS[kind]}: ${c.new} new of ${c.total}`);
  }
  if (p.dateRange) lines.push(`  dates: ${p.dateRange.from} to ${p.dateRange.to}`);
  if (p.firstTitles.length > 0) lines.push(`  first entries: ${p.firstTitles.join(" · ")}`);
  for (const w of p.warnings) lines.push(`  note: ${w}`);
  return `${lines.join("\n")}\n`;
}

export async function runImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    help: { type: "boolean", short: "h" },
    user: { type: "string" },
    "dry-run": { type: "boolean" },
    "password-stdin": { type: "boolean" },
  });
  if (values.help) {
    io.stdout.write(importHelp);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError("name the file to import");
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`);
  const env = io.env ?? process.env;
  // Read where the server reads them (server/src/archive/import-limits.ts, media/paths.ts).
  const limits = importLimits(importLimitsFromEnv(env));
  const quotaBytes = mediaQuotaFromEnv(env.MERIDIAN_MEDIA_QUOTA_MB);
  let bytes: Uint8Array;
  try {
    if ((await stat(file)).size > limits.bodyBytes) {
      io.stderr.write(
        `${file} can't be imported: ${fileTooLargeMessage(limits.bodyBytes)}\nNothing was imported.\n`,
      );
      return 1;
    }
    bytes = await readFile(file);
  } catch (error) {
    io.stderr.write(`Can't read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const store = await storeFromEnv(io);
  try {
    const account = await openAccount(store, io, values.user, values["password-stdin"]);
    if (!account) return 1;
    try {
      const prepared = await prepareImport(
        { store: account.store, files: { dataDir: account.dataDir, mediaLimitBytes: 0, quotaBytes } },
        account.user,
        bytes,
        // Without esbuild (no parse thread), read the file here: nothing else waits on this loop.
        { limits, inLoopFallback: true },
      );
      io.stdout.write(describePreview(prepared.preview));
      if (values["dry-run"]) {
        io.stdout.write("Dry run: nothing was imported.\n");
        return 0;
      }
      const result = await prepared.write();
      io.stdout.write(
        `Imported ${result.imported} new record${result.imported === 1 ? "" : "s"} into '${account.user.username}'.\n`,
      );
      return 0;
    } catch (error) {
      if (isRefusal(error)) {
        io.stderr.write(`${file} can't be imported: ${(error as Error).message}\nNothing was imported.\n`);
        return 1;
      }
      throw error;
    } finally {
      account.release();
    }
  } finally {
    await store.close();
  }
}
