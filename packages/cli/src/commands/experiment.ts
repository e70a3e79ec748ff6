import { experimentReportFor, experimentSummaries, localDateIn } from "@meridian/server";
import { parse } from "../args";
import type { CliIO } from "../io";
import { UsageError } from "../io";
import { storeFromEnv } from "../store-from-env";
import { openAccount } from "./account-access";

export const experimentHelp = `Usage:
  meridian experiment list --user NAME --password-stdin
  meridian experiment report ID --user NAME [--json] --password-stdin

list     the account's blinded experiments: id, status, "evening 5 of 12" and name. Never
         which soundscape is which while an experiment runs.
report   the report of an experiment that has ended (finished, stopped or unblinded), as
         Markdown with the CENT 2015 items, or as the API's report JSON with --json. A running
         experiment has no report yet: its results stay hidden until the end.

Experiments are encrypted with the account's password, so the command reads it from standard
input (one line), e.g.  printf '%s\\n' "$PW" | meridian experiment list --user ana --password-stdin
`;

export async function runExperiment(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      help: { type: "boolean", short: "h" },
      user: { type: "string" },
      json: { type: "boolean" },
      "password-stdin": { type: "boolean" },
    },
    true,
  );
  if (values.help) {
    io.stdout.write(experimentHelp);
    return 0;
  }
  const [verb, id, extra] = positionals;
  if (verb !== "list" && verb !== "report")
    throw new UsageError("say experiment list or experiment report ID");
  if (verb === "list" && id !== undefined) throw new UsageError(`unexpected argument '${id}'`);
  if (verb === "report" && !id) throw new UsageError("name the experiment: experiment report ID");
  if (extra !== undefined) throw new UsageError(`unexpected argument '${extra}'`);
  if (verb === "list" && values.json) throw new UsageError("--json goes with experiment report");
  const store = await storeFromEnv(io);
  try {
    const account = await openAccount(store, io, values.user, values["password-stdin"]);
    if (!account) return 1;
    try {
      const today = localDateIn(account.user.timeZone, new Date());
      if (verb === "list") {
        const list = await experimentSummaries(account.store, account.user, today);
        if (list.length === 0) io.stdout.write("No experiments yet.\n");
        for (const e of list) {
          const where =
            e.status === "running"
              ? e.progress.label.replace(/^Experiment: /, "")
              : `${e.progress.completed} of ${e.progress.totalEvenings} evenings recorded`;
          io.stdout.write(`${e.id}  ${e.status.padEnd(9)}  ${where}  ${e.name}\n`);
        }
        return 0;
      }
      const found = await experimentReportFor(account.store, account.user, id as string, today);
      if (found.status === "not_found") {
        io.stderr.write(`No experiment '${id}' in this account.\n`);
        return 1;
      }
      if (found.status === "not_ended") {
        io.stderr.write(
          `'${found.experiment.name}' is still running (${found.experiment.progress.label.replace(/^Experiment: /, "")}); its results are shown only at the end.\n`,
        );
        return 1;
      }
      if (found.status === "blinding_lost") {
        io.stderr.write(
          `'${found.name}' was exported while running: its blinding could not be carried over, so it has no report.\n`,
        );
        return 1;
      }
      io.stdout.write(values.json ? `${JSON.stringify(found.report, null, 2)}\n` : found.report.markdown);
      return 0;
    } finally {
      account.release();
    }
  } finally {
    await store.close();
  }
}
