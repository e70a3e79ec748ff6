import type {
  CheckIn,
  CreateExperiment,
  Experiment,
  ExperimentList,
  ExperimentReportView,
  ExperimentToday,
  Outcome,
  PowerGuidanceView,
  RecordEvening,
  Session,
} from "@meridian/core";
import { request } from "./http";

const enc = encodeURIComponent;

/** Typed wrappers for docs/api-experiments.md (issue 15). While an experiment runs no answer
 * names which soundscape is the condition; the report answers 409 experiment_not_ended until then. */
export const experimentsApi = {
  list: () => request<ExperimentList>("GET", "/api/experiments"),
  get: (id: string) => request<Experiment>("GET", `/api/experiments/${enc(id)}`),
  create: (body: CreateExperiment) => request<Experiment>("POST", "/api/experiments", { body }),
  rename: (id: string, name: string) =>
    request<Experiment>("PATCH", `/api/experiments/${enc(id)}`, { body: { name } }),
  /** Power guidance from the person's own past evenings, before starting. */
  power: (outcome: Outcome, mid: number | undefined) =>
    request<PowerGuidanceView>("GET", "/api/experiments/power", { query: { outcome, mid } }),
  today: () => request<ExperimentToday>("GET", "/api/experiments/today"),
  /** Begins tonight's session pinned to evening `index` (its masked soundscape): the evening
   * recorded later is this one, even when the check-out falls after midnight. */
  beginEvening: (id: string, index: number, body: { checkIn: CheckIn; clientId?: string }) =>
    request<Session>("POST", `/api/experiments/${enc(id)}/evenings/${index}/session`, { body }),
  recordEvening: (id: string, body: RecordEvening) =>
    request<unknown>("POST", `/api/experiments/${enc(id)}/evenings`, { body }),
  stop: (id: string) => request<Experiment>("POST", `/api/experiments/${enc(id)}/stop`),
  unblind: (id: string) => request<Experiment>("POST", `/api/experiments/${enc(id)}/unblind`),
  report: (id: string) => request<ExperimentReportView>("GET", `/api/experiments/${enc(id)}/report`),
  /** The report as CENT-structured Markdown (report route, format=markdown). */
  reportMarkdownUrl: (id: string) => `/api/experiments/${enc(id)}/report?format=markdown`,
};
