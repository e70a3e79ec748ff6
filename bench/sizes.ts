/**
 * BENCH_SMOKE=1 runs every section with tiny sizes (seconds, not minutes): bench/smoke.test.ts
 * does that inside `npm test`, so a section that no longer runs fails CI. Sizes are read when a
 * section starts, not when its module loads, so a test can switch them on.
 */
export function isSmoke(): boolean {
  return process.env.BENCH_SMOKE === "1";
}

/** `full` normally, `tiny` in a smoke run; a number in the environment variable wins over both. */
export function size(envName: string, full: number, tiny: number): number {
  const value = process.env[envName];
  if (value !== undefined && value.trim() !== "") {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0)
      throw new Error(`${envName} must be a non-negative number, got "${value}"`);
    return n;
  }
  return isSmoke() ? tiny : full;
}
