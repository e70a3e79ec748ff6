import type { EveningEntry } from "@meridian/core";

/** Storage of blinded experiments, exposed as `Store.experiments`. Like the rest of the Store,
 * every method takes the owning user's id and scopes its query by it. The encrypting layer
 * (encrypted-experiments-store.ts) seals name, plan, arms, power and each evening's record. */

export type StoredExperimentStatus = "running" | "stopped" | "unblinded";

/** The two masked scenes (neutral names and layer ids) and how the control was made. */
export interface ExperimentArms {
  A: Record<string, unknown>;
  B: Record<string, unknown>;
  /** How the control soundscape was built, for the report (e.g. the sham bed chosen). */
  controlNote: string;
}

export interface ExperimentRecord {
  id: string;
  userId: string;
  name: string;
  /** The frozen plan's canonical JSON (core freezePlan); it holds the seed. */
  plan: string;
  arms: ExperimentArms;
  /** core PowerGuidance, as given at the start. */
  power: Record<string, unknown>;
  status: StoredExperimentStatus;
  startDate: string;
  endDate: string;
  totalEvenings: number;
  stoppedOn: string | null;
  unblindedOn: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What was recorded on an evening (outcomes from the session; sleep ones are read later). */
export type EveningData = Omit<EveningEntry, "index">;

export interface ExperimentEveningRecord {
  id: string;
  experimentId: string;
  userId: string;
  index: number;
  localDate: string;
  sessionId: string | null;
  data: EveningData;
  createdAt: string;
}

export interface ExperimentChanges {
  name?: string;
  status?: StoredExperimentStatus;
  stoppedOn?: string | null;
  unblindedOn?: string | null;
  updatedAt: string;
}

export type InsertEveningResult = { ok: true; evening: ExperimentEveningRecord } | { ok: false };

export interface ExperimentsStore {
  /** Newest first (createdAt desc, id desc). */
  listExperiments(userId: string): Promise<ExperimentRecord[]>;
  findExperiment(userId: string, id: string): Promise<ExperimentRecord | null>;
  insertExperiment(userId: string, experiment: Omit<ExperimentRecord, "userId">): Promise<ExperimentRecord>;
  /** Null when there is no such experiment of this user. */
  updateExperiment(userId: string, id: string, changes: ExperimentChanges): Promise<ExperimentRecord | null>;
  /** Deletes the experiment and its evenings; false when there is no such experiment of this user. */
  deleteExperiment(userId: string, id: string): Promise<boolean>;
  /** Oldest evening first. */
  listEvenings(userId: string, experimentId: string): Promise<ExperimentEveningRecord[]>;
  /** `ok: false` when that evening is already recorded (nothing written). */
  insertEvening(
    userId: string,
    evening: Omit<ExperimentEveningRecord, "userId">,
  ): Promise<InsertEveningResult>;
}
