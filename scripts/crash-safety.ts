/**
 * Crash-safety long run: `npx tsx scripts/crash-safety.ts [--kills 50] [--writers 6] [--postgres URL]`.
 * Runs the real server as a child process under concurrent saves, SIGKILLs it at random moments,
 * restarts it, signs in again and checks every acknowledged save and the database's integrity.
 * Exits 1 if any acknowledged save is missing or an integrity check fails.
 */
import { parseArgs } from "node:util";
import { runCrashSafety } from "../packages/server/src/crash/crash-safety";

const { values } = parseArgs({
  options: {
    kills: { type: "string", default: "50" },
    writers: { type: "string", default: "6" },
    postgres: { type: "string" },
  },
});
const kills = Number(values.kills);
const writers = Number(values.writers);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(writers) || writers < 1) {
  console.error("--kills and --writers must be whole numbers of at least 1");
  process.exit(2);
}
const report = await runCrashSafety({
  kills,
  writers,
  ...(values.postgres ? { postgresUrl: values.postgres } : {}),
  log: (line) => console.log(line),
});
console.log(
  [
    `backend: ${report.backend}`,
    `kills (SIGKILL): ${report.kills}`,
    `acknowledged saves: ${report.acknowledged}`,
    `requests cut off by a kill: ${report.interrupted}`,
    `entries checked after the last restart: ${report.entries}`,
    `missing acknowledged saves: ${report.missing}`,
    `integrity checks: ${report.integrityChecks} (${report.integrityFailures} failed)`,
    `time: ${report.seconds.toFixed(1)} s`,
  ].join("\n"),
);
for (const problem of report.problems.slice(0, 20)) console.log(`problem: ${problem}`);
process.exit(report.missing === 0 && report.integrityFailures === 0 ? 0 : 1);
