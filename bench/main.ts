/**
 * `npm run bench`: runs every benchmark section and prints one table. Figures that have a
 * baseline were measured in the same run, so the ratio column is what to compare across machines.
 * BENCH_ONLY=journal,search,insights,sound,worklet runs a subset; BENCH_SMOKE=1 runs tiny sizes
 * (bench/sizes.ts), as bench/smoke.test.ts does in `npm test`.
 */
import { SECTIONS } from "./sections";
import { type BenchRow, formatTable } from "./table";

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const unknown = only?.filter((name) => !(name in SECTIONS)) ?? [];
if (unknown.length > 0) {
  throw new Error(
    `BENCH_ONLY: no section ${unknown.join(", ")} (sections: ${Object.keys(SECTIONS).join(", ")})`,
  );
}
const rows: BenchRow[] = [];
for (const [name, run] of Object.entries(SECTIONS)) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
process.stdout.write(`${formatTable(rows)}\n`);
