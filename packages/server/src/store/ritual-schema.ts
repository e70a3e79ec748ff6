/** Kysely table types of the session ritual (sessions, sleep diaries, check-ups). JSON columns
 * are text on both backends, so one implementation serves SQLite and PostgreSQL. Timestamps
 * are ISO 8601 UTC strings, as in schema.ts. */

export interface RitualSessionsTable {
  id: string;
  user_id: string;
  client_id: string | null;
  status: "active" | "checked-out" | "abandoned";
  started_at: string;
  ended_at: string | null;
  time_zone: string;
  /** Calendar day the session started in time_zone, YYYY-MM-DD. */
  local_date: string;
  /** JSON CheckIn. */
  check_in: string;
  /** JSON CheckOut, null until checked out (an abandoned session keeps it null). */
  check_out: string | null;
  /** JSON snapshot of the scene as it sounded. */
  scene: string | null;
  /** JSON MediaUsed[]. */
  media: string;
  entry_id: string | null;
  prompt_id: string | null;
  /** JSON Condition; {"kind":"open"} unless an experiment assigned the session. */
  condition: string;
  created_at: string;
  updated_at: string;
}

export interface SleepDiariesTable {
  id: string;
  user_id: string;
  /** YYYY-MM-DD of the evening the night began. */
  night_of: string;
  /** JSON SleepDiaryInput (as validated). */
  fields: string;
  /** JSON SleepDerived. */
  derived: string;
  session_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface CheckupResponsesTable {
  id: string;
  user_id: string;
  instrument_id: string;
  /** JSON answers keyed by item id. */
  answers: string;
  /** Scored by the server; null for unscored instruments (the ASMR profile). */
  total: number | null;
  /** Band id, null when the instrument has no bands. */
  band: string | null;
  completed_at: string;
  local_date: string;
  time_zone: string;
  created_at: string;
}

/** A type alias (not an interface) so it fits Kysely's `withTables` constraint. */
export type RitualTables = {
  ritual_sessions: RitualSessionsTable;
  sleep_diaries: SleepDiariesTable;
  checkup_responses: CheckupResponsesTable;
};
