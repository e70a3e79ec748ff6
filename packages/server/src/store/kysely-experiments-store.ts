import type { Kysely, Selectable } from "kysely";
import type { ExperimentEveningsTable, ExperimentsTable, ExperimentTables } from "./experiments-schema";
import type {
  ExperimentChanges,
  ExperimentEveningRecord,
  ExperimentRecord,
  ExperimentsStore,
  InsertEveningResult,
  StoredExperimentStatus,
} from "./experiments-store";
import type { Database } from "./schema";

type Db = Kysely<Database & ExperimentTables>;

function toExperiment(row: Selectable<ExperimentsTable>): ExperimentRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    plan: row.plan,
    arms: JSON.parse(row.arms),
    power: JSON.parse(row.power),
    status: row.status as StoredExperimentStatus,
    startDate: row.start_date,
    endDate: row.end_date,
    totalEvenings: Number(row.total_evenings),
    stoppedOn: row.stopped_on,
    unblindedOn: row.unblinded_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toEvening(row: Selectable<ExperimentEveningsTable>): ExperimentEveningRecord {
  return {
    id: row.id,
    experimentId: row.experiment_id,
    userId: row.user_id,
    index: Number(row.evening_index),
    localDate: row.local_date,
    sessionId: row.session_id,
    data: JSON.parse(row.record),
    createdAt: row.created_at,
  };
}

/**
 * The ExperimentsStore shared by both dialects (SQLite and PostgreSQL): one set of Kysely
 * queries. The sealed layer stores `arms`, `power` and an evening's `record` as ciphertext
 * strings inside the JSON text (a JSON string), so this layer only ever (de)serialises JSON.
 */
export class KyselyExperimentsStore implements ExperimentsStore {
  readonly #db: Db;

  constructor(db: Kysely<Database>) {
    this.#db = db.withTables<ExperimentTables>();
  }

  async listExperiments(userId: string): Promise<ExperimentRecord[]> {
    const rows = await this.#db
      .selectFrom("experiments")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .execute();
    return rows.map(toExperiment);
  }

  async findExperiment(userId: string, id: string): Promise<ExperimentRecord | null> {
    const row = await this.#db
      .selectFrom("experiments")
      .selectAll()
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return row ? toExperiment(row) : null;
  }

  async insertExperiment(userId: string, e: Omit<ExperimentRecord, "userId">): Promise<ExperimentRecord> {
    const row = await this.#db
      .insertInto("experiments")
      .values({
        id: e.id,
        user_id: userId,
        name: e.name,
        plan: e.plan,
        arms: JSON.stringify(e.arms),
        power: JSON.stringify(e.power),
        status: e.status,
        start_date: e.startDate,
        end_date: e.endDate,
        total_evenings: e.totalEvenings,
        stopped_on: e.stoppedOn,
        unblinded_on: e.unblindedOn,
        created_at: e.createdAt,
        updated_at: e.updatedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toExperiment(row);
  }

  async updateExperiment(
    userId: string,
    id: string,
    changes: ExperimentChanges,
  ): Promise<ExperimentRecord | null> {
    const row = await this.#db
      .updateTable("experiments")
      .set({
        updated_at: changes.updatedAt,
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.status !== undefined ? { status: changes.status } : {}),
        ...(changes.stoppedOn !== undefined ? { stopped_on: changes.stoppedOn } : {}),
        ...(changes.unblindedOn !== undefined ? { unblinded_on: changes.unblindedOn } : {}),
      })
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .returningAll()
      .executeTakeFirst();
    return row ? toExperiment(row) : null;
  }

  async deleteExperiment(userId: string, id: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom("experiments")
      .where("user_id", "=", userId)
      .where("id", "=", id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async listEvenings(userId: string, experimentId: string): Promise<ExperimentEveningRecord[]> {
    const rows = await this.#db
      .selectFrom("experiment_evenings")
      .selectAll()
      .where("user_id", "=", userId)
      .where("experiment_id", "=", experimentId)
      .orderBy("evening_index", "asc")
      .execute();
    return rows.map(toEvening);
  }

  async insertEvening(
    userId: string,
    e: Omit<ExperimentEveningRecord, "userId">,
  ): Promise<InsertEveningResult> {
    const owned = await this.#db
      .selectFrom("experiments")
      .select("id")
      .where("user_id", "=", userId)
      .where("id", "=", e.experimentId)
      .executeTakeFirst();
    if (!owned) return { ok: false };
    const result = await this.#db
      .insertInto("experiment_evenings")
      .values({
        id: e.id,
        experiment_id: e.experimentId,
        user_id: userId,
        evening_index: e.index,
        local_date: e.localDate,
        session_id: e.sessionId,
        record: JSON.stringify(e.data),
        created_at: e.createdAt,
      })
      .onConflict((oc) => oc.columns(["experiment_id", "evening_index"]).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false };
    return { ok: true, evening: { ...e, userId } };
  }
}
