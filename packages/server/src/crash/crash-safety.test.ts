import { describe, expect, it } from "vitest";
import { runCrashSafety } from "./crash-safety";

// The short run; `npx tsx scripts/crash-safety.ts` does 50 kills (see docs/backups.md).
describe("crash safety (real server, SIGKILL under concurrent saves)", () => {
  it("keeps every acknowledged save and an intact database across 5 kills", async () => {
    const report = await runCrashSafety({ kills: 5, writers: 4 });
    expect(report.kills).toBe(5);
    expect(report.acknowledged).toBeGreaterThan(10);
    expect(report.problems).toEqual([]);
    expect(report.missing).toBe(0);
    expect(report.integrityChecks).toBe(5);
    expect(report.integrityFailures).toBe(0);
  }, 120_000);
});
