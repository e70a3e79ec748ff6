/**
 * An experiment in an archive made while it runs (issue 15). Its frozen plan holds the schedule
 * seed, and the seed (or the plan's hash, searchable for it) tells which soundscape is which;
 * the masked scenes and the control's recipe tell it too. So a running experiment is exported
 * without them: the plan without its seed, empty arms. Such an experiment cannot go on blinded
 * after an import, so it comes back stopped, with the deviation below, and it has no report
 * (the A/B map is gone).
 */

export const BLINDING_LOST = "exported while running: its blinding could not be carried over";

/** The plan's JSON without the seed (what an archive of a running experiment holds). */
export function seedlessPlan(canonical: string): string {
  const { seed: _seed, ...rest } = JSON.parse(canonical) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** Whether a stored or archived plan lost its seed to an export made while it ran. */
export function isSeedless(planJson: string): boolean {
  try {
    const raw = JSON.parse(planJson) as unknown;
    return typeof raw === "object" && raw !== null && !("seed" in raw);
  } catch {
    return false;
  }
}

/** The plan to parse: a seedless one gets seed 0, which keeps its dates and evening numbers
 * (the seed only orders A and B within each pair); its A/B order is then not the real one,
 * so nothing that reads the order (report, reveal, seed, hash) may use it. */
export function parseablePlan(planJson: string): unknown {
  const raw = JSON.parse(planJson) as unknown;
  return isSeedless(planJson) ? { ...(raw as Record<string, unknown>), seed: 0 } : raw;
}
