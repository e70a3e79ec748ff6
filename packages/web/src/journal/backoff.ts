/** Retry delays after the n-th consecutive failure (n ≥ 1): 1 s, 2 s, 4 s … capped at 30 s. */
export function backoffDelay(attempt: number, baseMs = 1000, capMs = 30_000): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(capMs, baseMs * 2 ** (n - 1));
}
