/**
 * Child process for the long-render benchmark: runs `meridian render` with the given arguments
 * and prints {code, wall, maxRssKb} as JSON, so the parent measures this process's peak RSS.
 */
import { runRender } from "../packages/cli/src/commands/render";

const t0 = performance.now();
const c0 = process.cpuUsage();
const code = await runRender(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  isTTY: false,
});
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(c0);
const cpu = (c.user + c.system) / 1e6;
process.stdout.write(`${JSON.stringify({ code, wall, cpu, maxRssKb: process.resourceUsage().maxRSS })}\n`);
