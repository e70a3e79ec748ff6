/**
 * The benchmark must not rot: every section of `npm run bench` runs here with tiny sizes
 * (BENCH_SMOKE=1, bench/sizes.ts) and must give its rows with finite figures. A section that no
 * longer runs (a route that answers 409, a store that cannot read what it wrote, a missing
 * Chromium) fails `npm test`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECTIONS } from "./sections";

/** Rows each section must produce (by the start of their measure's name). */
const REQUIRED: Record<string, string[]> = {
  journal: ["save entry, sqlite", "save p50 at", "save p99 at"],
  search: ["index build", "query p50", "query p95"],
  insights: ["bulk import", "GET /api/insights p95 (warm", "GET /api/insights after a write p95"],
  sound: [
    "rain alone",
    "8-layer binaural scene",
    "floor:",
    "8 h render to WAV, wall",
    "8 h render to WAV, peak RSS",
  ],
  worklet: ["10-layer scene through the worklet"],
  voice: [
    "time to first sentence, cold",
    "time to first sentence, engine loaded",
    "time to first audio of the passage",
    "synthesis, plain voice",
    "synthesis, soft style",
    "synthesis, whisper style",
  ],
};

let before: string | undefined;
beforeAll(() => {
  before = process.env.BENCH_SMOKE;
  process.env.BENCH_SMOKE = "1";
});
afterAll(() => {
  if (before === undefined) delete process.env.BENCH_SMOKE;
  else process.env.BENCH_SMOKE = before;
});

describe("bench smoke (every section, tiny sizes)", () => {
  it("knows the rows of every section", () => {
    expect(Object.keys(REQUIRED).sort()).toEqual(Object.keys(SECTIONS).sort());
  });

  for (const [name, run] of Object.entries(SECTIONS)) {
    it(`${name} runs and gives finite figures`, { timeout: 120_000 }, async () => {
      const rows = await run();
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.section, row.name).toBe(name);
        expect(Number.isFinite(row.value), `${row.name}: ${row.value}`).toBe(true);
        if (row.baseline !== undefined) {
          expect(Number.isFinite(row.baseline), `${row.name} baseline: ${row.baseline}`).toBe(true);
        }
      }
      for (const start of REQUIRED[name] ?? []) {
        expect(
          rows.some((r) => r.name.startsWith(start)),
          `${name}: no row starting "${start}"`,
        ).toBe(true);
      }
    });
  }
});
