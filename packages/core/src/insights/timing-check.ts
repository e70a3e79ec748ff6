/**
 * Quick timing check for computeInsights on ten years of daily data (3,650 sessions, 3,650 sleep
 * diaries, 260 check-ups). Not part of the test suite. Run:
 *   npx tsx packages/core/src/insights/timing-check.ts
 */
import { computeInsights } from "./compute";
import { syntheticInsightsInput } from "./synthetic";

interface Host {
  performance?: { now(): number };
  process?: { cpuUsage(previous?: { user: number; system: number }): { user: number; system: number } };
  console: { log(...args: unknown[]): void };
}
const host = globalThis as unknown as Host;
const now = () => host.performance?.now() ?? Date.now();

const input = syntheticInsightsInput({ days: 3650, start: "2015-01-01", seed: 7 });
const checkups = (input.checkups ?? []).slice(0, 260);
const tenYears = { ...input, checkups };

// Warm up (JIT), then time.
for (let i = 0; i < 5; i++) computeInsights(tenYears, { today: "2024-12-31" });
const runs = 30;
const times: number[] = [];
const cpuStart = host.process?.cpuUsage();
for (let i = 0; i < runs; i++) {
  const t0 = now();
  computeInsights(tenYears, { today: "2024-12-31" });
  times.push(now() - t0);
}
const cpu = cpuStart ? host.process?.cpuUsage(cpuStart) : undefined;
const cpuPerRun = cpu ? (cpu.user + cpu.system) / 1000 / runs : Number.NaN;
times.sort((a, b) => a - b);
const other = syntheticInsightsInput({ days: 3650, start: "2005-01-01", seed: 99 });
const t0 = now();
computeInsights(other, {});
const cold = now() - t0;
host.console.log(
  `computeInsights: ${tenYears.sessions.length} sessions, ${tenYears.sleep?.length} nights, ${checkups.length} check-ups — ` +
    `median ${times[runs >> 1]?.toFixed(2)} ms wall (min ${times[0]?.toFixed(2)}, max ${times[runs - 1]?.toFixed(2)}), ` +
    `${cpuPerRun.toFixed(2)} ms CPU per run over ${runs} warm runs; ` +
    `a fresh input after warm-up ${cold.toFixed(2)} ms`,
);
