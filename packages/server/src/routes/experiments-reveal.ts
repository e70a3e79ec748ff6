/**
 * Revealing an ended experiment's sessions. While it runs, each evening's session is masked
 * (condition `masked`, `revealed: false`): the API hides what was played (core's
 * `redactMaskedSession`). Once the experiment has ended (finished, stopped or unblinded) the
 * blinding has done its work, so its sessions are marked revealed and, when they kept no scene
 * (the record route drops it), given the soundscape their evening played (the arm's stored
 * scene). Idempotent: an already revealed session is left as it is.
 *
 * "Finished" follows from the date (no evening left), with no request of its own, so the routes
 * call this whenever they see an ended experiment: stop, unblind, the last evening's record, the
 * experiment, its report, and the check for a running one (today, create).
 */
import type { Condition } from "@meridian/core";
import type { ExperimentEveningRecord, ExperimentRecord } from "../store/experiments-store";
import type { RitualStore } from "../store/ritual-store";

type Masked = Extract<Condition, { kind: "masked" }>;

/** Reveals the masked sessions of `experiment`'s evenings; returns how many it revealed. */
export async function revealSessions(
  ritual: RitualStore,
  experiment: ExperimentRecord,
  evenings: readonly ExperimentEveningRecord[],
  nowIso: string,
): Promise<number> {
  let revealed = 0;
  for (const evening of evenings) {
    if (!evening.sessionId) continue;
    const session = await ritual.getSession(experiment.userId, evening.sessionId);
    if (!session) continue;
    const c = session.condition;
    if (c.kind !== "masked" || c.experimentId !== experiment.id || c.revealed) continue;
    const condition: Masked = { ...c, revealed: true };
    // An experiment imported while running has empty arms: what was played is not known.
    const arm = experiment.arms[c.armLabel];
    const known = Object.keys(arm).length > 0;
    const updated = await ritual.updateSession(experiment.userId, session.id, session.status, {
      condition,
      ...(session.scene === null && known ? { scene: arm } : {}),
      updatedAt: nowIso,
    });
    if (updated) revealed++;
  }
  return revealed;
}
