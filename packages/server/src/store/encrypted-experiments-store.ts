import { open, seal } from "../crypto/field-codec";
import type { UserKey } from "../crypto/keys";
import { forwardRest, loudly, openOne } from "./encrypted-helpers";
import type {
  EveningData,
  ExperimentArms,
  ExperimentEveningRecord,
  ExperimentRecord,
  ExperimentsStore,
} from "./experiments-store";

/**
 * ExperimentsStore with everything that could give the blinding away or is the person's own
 * text sealed (crypto/field-codec.ts; associated data = user, "table.column", record id): the
 * name, the frozen plan (it holds the seed), the arms (the masked scenes and which is which),
 * the power guidance (from the person's past evenings) and each evening's record (outcomes,
 * expectation, guess). Ids, dates, counts and the status stay plain. A JSON column's sealed
 * value travels through the plain store as a JSON string.
 */
export function encryptExperimentsStore(
  inner: ExperimentsStore,
  keyOf: (userId: string) => UserKey,
): ExperimentsStore {
  const sealJson = (key: UserKey, field: string, id: string, value: unknown) =>
    seal(key, field, id, JSON.stringify(value));
  const openJson = <T>(key: UserKey, field: string, id: string, value: unknown): T =>
    JSON.parse(open(key, field, id, value as string)) as T;

  const openExperiment = (key: UserKey, e: ExperimentRecord): ExperimentRecord => ({
    ...e,
    name: open(key, "experiments.name", e.id, e.name),
    plan: open(key, "experiments.plan", e.id, e.plan),
    arms: openJson<ExperimentArms>(key, "experiments.arms", e.id, e.arms),
    power: openJson<Record<string, unknown>>(key, "experiments.power", e.id, e.power),
  });
  const openEvening = (key: UserKey, e: ExperimentEveningRecord): ExperimentEveningRecord => ({
    ...e,
    data: openJson<EveningData>(key, "experiment_evenings.record", e.id, e.data),
  });

  const overrides: Partial<ExperimentsStore> = {
    async listExperiments(userId) {
      const key = keyOf(userId);
      const rows = await inner.listExperiments(userId);
      return loudly(async () => rows.map((e) => openExperiment(key, e)));
    },
    async findExperiment(userId, id) {
      const key = keyOf(userId);
      return openOne(await inner.findExperiment(userId, id), (e) => openExperiment(key, e), "experiment");
    },
    async insertExperiment(userId, e) {
      const key = keyOf(userId);
      const stored = await inner.insertExperiment(userId, {
        ...e,
        name: seal(key, "experiments.name", e.id, e.name),
        plan: seal(key, "experiments.plan", e.id, e.plan),
        arms: sealJson(key, "experiments.arms", e.id, e.arms) as unknown as ExperimentArms,
        power: sealJson(key, "experiments.power", e.id, e.power) as unknown as Record<string, unknown>,
      });
      return loudly(async () => openExperiment(key, stored));
    },
    async updateExperiment(userId, id, changes) {
      const key = keyOf(userId);
      const stored = await inner.updateExperiment(userId, id, {
        ...changes,
        ...(changes.name !== undefined ? { name: seal(key, "experiments.name", id, changes.name) } : {}),
      });
      return loudly(async () => (stored ? openExperiment(key, stored) : null));
    },
    async listEvenings(userId, experimentId) {
      const key = keyOf(userId);
      const rows = await inner.listEvenings(userId, experimentId);
      return loudly(async () => rows.map((e) => openEvening(key, e)));
    },
    async insertEvening(userId, e) {
      const key = keyOf(userId);
      const result = await inner.insertEvening(userId, {
        ...e,
        data: sealJson(key, "experiment_evenings.record", e.id, e.data) as unknown as EveningData,
      });
      return result.ok ? { ok: true, evening: { ...e, userId } } : result;
    },
  };
  return forwardRest(overrides, inner);
}
