/** Client for the studio's server routes (docs/api-studio.md): own presets and renders to a file. */
import type { Scene } from "@meridian/sound";
import { request } from "../api/http";

export interface Preset {
  readonly id: string;
  readonly name: string;
  readonly scene: Scene;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type RenderStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface RenderJob {
  readonly id: string;
  readonly status: RenderStatus;
  readonly format: "wav" | "mp3";
  readonly durationSeconds: number;
  readonly progress: number;
  readonly etaSeconds: number | null;
  readonly sizeBytes: number | null;
  readonly fileName: string;
  readonly error: string | null;
}

const enc = encodeURIComponent;

export const studioApi = {
  listPresets: () => request<{ presets: Preset[] }>("GET", "/api/presets").then((r) => r.presets),
  createPreset: (name: string, scene: Scene) =>
    request<Preset>("POST", "/api/presets", { body: { name, scene } }),
  updatePreset: (id: string, patch: { name?: string; scene?: Scene }) =>
    request<Preset>("PATCH", `/api/presets/${enc(id)}`, { body: patch }),
  duplicatePreset: (id: string) => request<Preset>("POST", `/api/presets/${enc(id)}/duplicate`, { body: {} }),
  deletePreset: (id: string) => request<void>("DELETE", `/api/presets/${enc(id)}`),
  startRender: (scene: Scene, durationSeconds: number, format: "wav" | "mp3") =>
    request<RenderJob>("POST", "/api/renders", { body: { scene, durationSeconds, format } }),
  getRender: (id: string) => request<RenderJob>("GET", `/api/renders/${enc(id)}`),
  cancelRender: (id: string) => request<void>("DELETE", `/api/renders/${enc(id)}`),
  renderFileUrl: (id: string) => `/api/renders/${enc(id)}/file`,
};
