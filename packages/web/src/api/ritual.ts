import type {
  CareAdvice,
  CreateSession,
  Instrument,
  InstrumentId,
  InstrumentResponse,
  InstrumentResult,
  InstrumentSubmission,
  Session,
  SessionStatus,
  SleepDiary,
  SleepDiaryInput,
  UnreadableRecordInfo,
  UpdateSession,
} from "@meridian/core";
import { request } from "./http";

export interface SessionList {
  sessions: Session[];
  nextCursor: string | null;
  /** Sessions of this page stored but not decryptable (left out of `sessions`). */
  unreadable?: UnreadableRecordInfo[];
}

export interface SessionQuery {
  from?: string | undefined;
  to?: string | undefined;
  status?: SessionStatus | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}

export interface DueCheckup {
  instrumentId: InstrumentId;
  lastAt: string | null;
  dueAt: string | null;
  overdue: boolean;
}

/** POST /api/checkups answers with the stored response plus the scoring and care advice. */
export type ScoredResponse = InstrumentResponse & {
  result?: InstrumentResult;
  care?: CareAdvice;
};

const enc = encodeURIComponent;

/** Typed wrappers for docs/api-ritual.md. */
export const ritualApi = {
  sessions: (q: SessionQuery = {}) => request<SessionList>("GET", "/api/sessions", { query: { ...q } }),
  currentSession: () => request<Session>("GET", "/api/sessions/current"),
  session: (id: string) => request<Session>("GET", `/api/sessions/${enc(id)}`),
  createSession: (body: CreateSession) => request<Session>("POST", "/api/sessions", { body }),
  updateSession: (id: string, body: UpdateSession, opts: { keepalive?: boolean } = {}) =>
    request<Session>("PATCH", `/api/sessions/${enc(id)}`, { body, keepalive: opts.keepalive ?? false }),
  deleteSession: (id: string) => request<null>("DELETE", `/api/sessions/${enc(id)}`),

  sleepDiaries: (from?: string, to?: string) =>
    request<{ diaries: SleepDiary[]; unreadable?: UnreadableRecordInfo[] }>("GET", "/api/sleep-diaries", {
      query: { from, to },
    }),
  sleepDiary: (nightOf: string) => request<SleepDiary>("GET", `/api/sleep-diaries/${enc(nightOf)}`),
  saveSleepDiary: (body: SleepDiaryInput) =>
    request<SleepDiary>("PUT", `/api/sleep-diaries/${enc(body.nightOf)}`, { body }),
  deleteSleepDiary: (nightOf: string) => request<null>("DELETE", `/api/sleep-diaries/${enc(nightOf)}`),

  instruments: () => request<{ instruments: Instrument[] }>("GET", "/api/checkups/instruments"),
  submitCheckup: (body: InstrumentSubmission) => request<ScoredResponse>("POST", "/api/checkups", { body }),
  checkups: (instrumentId?: InstrumentId) =>
    request<{ responses: InstrumentResponse[] }>("GET", "/api/checkups", { query: { instrumentId } }),
  dueCheckups: () => request<{ due: DueCheckup[] }>("GET", "/api/checkups/due"),
  deleteCheckup: (id: string) => request<null>("DELETE", `/api/checkups/${enc(id)}`),
};
