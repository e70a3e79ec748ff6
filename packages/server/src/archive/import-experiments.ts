import type { ArchiveExperiment } from "@meridian/core";
import { experimentState } from "../routes/experiments-state";
import type {
  ExperimentEveningRecord,
  ExperimentRecord,
  StoredExperimentStatus,
} from "../store/experiments-store";
import type { Store } from "../store/store";
import { BLINDING_LOST, isSeedless } from "./experiment-blinding";

/**
 * The status an imported experiment is written with. One experiment runs at a time (the create
 * route refuses a second), and an import must not make two: an experiment that would run while
 * another already runs (in the account, or earlier in the archive) comes in stopped on the
 * import's day. One exported while running has lost its blinding (experiment-blinding.ts) and
 * comes in stopped on the export's day. Each such change is named in a warning.
 */
export interface ImportedStatus {
  status: StoredExperimentStatus;
  stoppedOn: string | null;
}

const evenings = (dates: readonly string[]) =>
  dates.map((localDate) => ({ localDate })) as unknown as ExperimentEveningRecord[];

export async function importedStatuses(
  store: Store,
  userId: string,
  fresh: readonly ArchiveExperiment[],
  today: string,
  exportedOn: string,
  warnings: string[],
): Promise<Map<string, ImportedStatus>> {
  let runningName: string | null = null;
  for (const e of await store.experiments.listExperiments(userId)) {
    if (e.status !== "running") continue;
    const dates = (await store.experiments.listEvenings(userId, e.id)).map((v) => v.localDate);
    if (!experimentState(e, evenings(dates), today).ended) runningName = e.name;
  }
  const out = new Map<string, ImportedStatus>();
  for (const e of fresh) {
    if (isSeedless(e.plan)) {
      out.set(e.id, { status: "stopped", stoppedOn: e.stoppedOn ?? exportedOn });
      warnings.push(
        `The experiment "${e.name}" was ${BLINDING_LOST}; it is imported as stopped, without a report`,
      );
      continue;
    }
    const record = { status: e.status, plan: e.plan } as ExperimentRecord;
    const runs =
      e.status === "running" &&
      !experimentState(record, evenings(e.evenings.map((v) => v.localDate)), today).ended;
    if (runs && runningName !== null) {
      out.set(e.id, { status: "stopped", stoppedOn: today });
      warnings.push(
        `The experiment "${e.name}" would run alongside "${runningName}" (one at a time); it is imported as stopped`,
      );
      continue;
    }
    if (runs) runningName = e.name;
    out.set(e.id, { status: e.status, stoppedOn: e.stoppedOn });
  }
  return out;
}
