import type {
  CheckIn,
  CheckOut,
  Condition,
  InstrumentId,
  MediaUsed,
  SessionStatus,
  SleepDerived,
  SleepDiaryInput,
} from "@meridian/core";
import type { RecordList } from "./unreadable";

/** Storage of the session ritual, exposed as `Store.ritual`. Like the rest of the Store, every
 * method takes the owning user's id and scopes its query by it. */

export interface RitualSessionRecord {
  id: string;
  userId: string;
  clientId: string | null;
  status: SessionStatus;
  startedAt: string;
  endedAt: string | null;
  timeZone: string;
  localDate: string;
  checkIn: CheckIn;
  checkOut: CheckOut | null;
  /** The scene as it sounded, stored verbatim. */
  scene: Record<string, unknown> | null;
  media: MediaUsed[];
  entryId: string | null;
  promptId: string | null;
  condition: Condition;
  createdAt: string;
  updatedAt: string;
}

export interface NewRitualSession {
  id: string;
  clientId: string | null;
  startedAt: string;
  /** Set only for a backfilled session (logged after the fact); default null. */
  endedAt?: string | null;
  timeZone: string;
  localDate: string;
  checkIn: CheckIn;
  scene: Record<string, unknown> | null;
  media: MediaUsed[];
  promptId: string | null;
  /** Default: open. Experiments pass a masked condition. */
  condition?: Condition;
}

/** Fields an update may change; `undefined` keeps the stored value. */
export interface RitualSessionChanges {
  status?: SessionStatus;
  endedAt?: string | null;
  checkOut?: CheckOut | null;
  scene?: Record<string, unknown> | null;
  media?: MediaUsed[];
  entryId?: string | null;
  promptId?: string | null;
  /** Set by an experiment when it records the session as one of its evenings (masked). */
  condition?: Condition;
  updatedAt: string;
}

export interface SessionCursor {
  startedAt: string;
  id: string;
}

export interface SessionQuery {
  /** Inclusive local dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
  status?: SessionStatus;
  limit: number;
  /** Only sessions strictly older than this position (newest-first order). */
  after?: SessionCursor;
}

export interface SleepDiaryRecord {
  id: string;
  userId: string;
  nightOf: string;
  fields: SleepDiaryInput;
  derived: SleepDerived;
  sessionId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SleepDiaryUpsert {
  /** Used only when the night has no diary yet. */
  id: string;
  nightOf: string;
  fields: SleepDiaryInput;
  derived: SleepDerived;
  sessionId: string | null;
  now: string;
}

export interface CheckupRecord {
  id: string;
  userId: string;
  instrumentId: InstrumentId;
  answers: Record<string, number | string[]>;
  total: number | null;
  bandId: string | null;
  completedAt: string;
  localDate: string;
  timeZone: string;
  createdAt: string;
}

/** The mood measures the insights read from a check-in or check-out. */
export interface InsightsMood {
  pleasantness: number;
  energy: number;
  anxiety: number;
}

/** What the insights need of one session, read from the plain insight columns (insight-rows.ts):
 * no scene, media or note is loaded. The condition stays as its stored text (it decides whether
 * the sound is still hidden). */
export interface InsightsSessionRow {
  id: string;
  status: SessionStatus;
  startedAt: string;
  timeZone: string;
  localDate: string;
  checkIn: InsightsMood;
  /** Null when there is no check-out. */
  checkOut: (InsightsMood & { tingles: number | null }) | null;
  /** Generator ids at a meaningful share of the scene's loudness (observations.ts sceneTriggers). */
  triggers: readonly string[];
  /** The first preset and own-audio item the session's media names. */
  presetId: string | null;
  mediaId: string | null;
  /** JSON Condition. */
  condition: string;
}

/** What the insights need of one sleep diary (the measures taken out of its JSON). */
export interface InsightsDiaryRow {
  nightOf: string;
  sessionId: string | null;
  solMinutes: number | null;
  sleepEfficiency: number | null;
  quality: number | null;
}

export interface InsightsCheckupRow {
  instrumentId: string;
  localDate: string;
  total: number;
}

export interface InsightsRows {
  /** Oldest first (startedAt asc, id asc). */
  sessions: InsightsSessionRow[];
  /** Oldest night first. */
  diaries: InsightsDiaryRow[];
  /** Scored check-ups only (total not null), oldest first. */
  checkups: InsightsCheckupRow[];
}

/** Complete records for a bulk import (demo data, benchmarks): inserted as given. */
export interface RitualImport {
  sessions?: readonly RitualSessionRecord[];
  diaries?: readonly SleepDiaryRecord[];
  checkups?: readonly CheckupRecord[];
}

export interface RitualStore {
  // sessions
  /** Idempotent on (userId, clientId): returns the existing session with created=false. */
  createSession(
    userId: string,
    session: NewRitualSession,
  ): Promise<{ session: RitualSessionRecord; created: boolean }>;
  getSession(userId: string, id: string): Promise<RitualSessionRecord | null>;
  /** The most recently started active session, if any. */
  currentSession(userId: string): Promise<RitualSessionRecord | null>;
  /** Newest first (startedAt desc, id desc). */
  listSessions(userId: string, query: SessionQuery): Promise<RecordList<RitualSessionRecord>>;
  /** Applies only while the stored status is still `expectedStatus`; null when nothing matched
   * (gone, not the user's, or the status moved on meanwhile). */
  updateSession(
    userId: string,
    id: string,
    expectedStatus: SessionStatus,
    changes: RitualSessionChanges,
  ): Promise<RitualSessionRecord | null>;
  deleteSession(userId: string, id: string): Promise<boolean>;
  /** The latest session started within [fromIso, toIso] (inclusive), if any. */
  latestSessionStartedBetween(userId: string, fromIso: string, toIso: string): Promise<string | null>;
  /** Whether the user owns an entry with this id. */
  ownsEntry(userId: string, entryId: string): Promise<boolean>;

  // sleep diaries
  /** Inserts or replaces the diary of (userId, nightOf); created tells which. */
  upsertSleepDiary(
    userId: string,
    diary: SleepDiaryUpsert,
  ): Promise<{ diary: SleepDiaryRecord; created: boolean }>;
  getSleepDiary(userId: string, nightOf: string): Promise<SleepDiaryRecord | null>;
  /** Newest night first; from/to are inclusive nights. */
  listSleepDiaries(
    userId: string,
    range: { from?: string; to?: string },
  ): Promise<RecordList<SleepDiaryRecord>>;
  deleteSleepDiary(userId: string, nightOf: string): Promise<boolean>;

  // check-ups
  insertCheckup(checkup: CheckupRecord): Promise<CheckupRecord>;
  /** Oldest first (completedAt asc, id asc). */
  listCheckups(userId: string, instrumentId?: InstrumentId): Promise<CheckupRecord[]>;
  /** Latest completedAt per instrument the user has answered. */
  lastCheckupTimes(userId: string): Promise<Map<string, string>>;
  deleteCheckup(userId: string, id: string): Promise<boolean>;

  // insights
  /** Everything the insights computation reads, in three queries (one per table) over the plain
   * insight columns (insight-rows.ts). `from`/`to` are inclusive local dates (sessions and
   * check-ups) and nights (diaries). */
  insightsRows(userId: string, range: { from?: string; to?: string }): Promise<InsightsRows>;
  /** A token replaced with every write to the user's sessions, diaries or check-ups ("" before
   * the first): an insights answer computed under one token stays right while it is current. */
  insightsStamp(userId: string): Promise<string>;
  /** Inserts complete records in one transaction (multi-row inserts); every record must belong
   * to `userId`. For demo data and benchmarks, not for the HTTP routes. */
  importRecords(userId: string, data: RitualImport): Promise<void>;
}
