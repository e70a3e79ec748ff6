/**
 * `npm run bench`: runs every benchmark section and prints one table. Figures that have a
 * baseline were measured in the same run, so the ratio column is what to compare across machines.
 * BENCH_ONLY=journal,search,insights,sound runs a subset.
 */
import { benchInsights } from "./insights";
import { benchJournalSaves } from "./journal";
import { benchSearch } from "./search";
import { type BenchRow, formatTable } from "./table";

const SECTIONS: Record<string, () => Promise<BenchRow[]>> = {
  journal: benchJournalSaves,
  search: benchSearch,
  insights: benchInsights,
  sound: async () => (await import("./sound")).benchSound(),
  worklet: async () => (await import("./worklet-chromium")).benchWorkletChromium(),
};

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
const rows: BenchRow[] = [];
for (const [name, run] of Object.entries(SECTIONS)) {
  if (only && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}…\n`);
  rows.push(...(await run()));
}
process.stdout.write(`${formatTable(rows)}\n`);
