/** Kysely table types of blinded experiments (0009_experiments). Sealed columns hold ciphertext
 * text (crypto/field-codec.ts); the rest is plain: ids, dates, counts and the status. */

export interface ExperimentsTable {
  id: string;
  user_id: string;
  /** Sealed: the person's name for the experiment. */
  name: string;
  /** Sealed: the frozen plan's canonical JSON (it holds the seed). */
  plan: string;
  /** Sealed JSON: the two masked scenes and how the control was made (ExperimentArms). */
  arms: string;
  /** Sealed JSON: the power guidance given at the start. */
  power: string;
  /** "running", "stopped" or "unblinded" ("finished" is read from the dates). */
  status: string;
  start_date: string;
  end_date: string;
  total_evenings: number;
  stopped_on: string | null;
  unblinded_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface ExperimentEveningsTable {
  id: string;
  experiment_id: string;
  user_id: string;
  /** 1-based evening number of the schedule; unique per experiment. */
  evening_index: number;
  /** The evening's local date "YYYY-MM-DD". */
  local_date: string;
  session_id: string | null;
  /** Sealed JSON: outcomes, expectation and guess (EveningData). */
  record: string;
  created_at: string;
}

export type ExperimentTables = {
  experiments: ExperimentsTable;
  experiment_evenings: ExperimentEveningsTable;
};
