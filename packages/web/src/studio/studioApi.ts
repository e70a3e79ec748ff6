/** Client for the studio's server routes (docs/api-studio.md): own presets and renders to a file. */
import type { StudioScene, UnreadableRecordInfo } from "@meridian/core";
import { request } from "../api/http";

export interface Preset {
  readonly id: string;
  readonly name: string;
  /** Scene JSON as stored (the server gives it back in the current format). */
  readonly scene: StudioScene;
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
  /** What the render left out (an own-audio layer that is missing or not WAV). */
  readonly warnings: readonly string[];
  readonly createdAt: string;
}

export interface StorageUsage {
  readonly quotaBytes: number;
  readonly usedBytes: number;
  readonly mediaBytes: number;
  readonly renderBytes: number;
  readonly uploadLimitBytes: number;
}

export type MediaItem =
  | {
      readonly id: string;
      readonly kind: "audio";
      readonly name: string;
      readonly format: string;
      readonly durationSeconds: number | null;
      readonly loudnessLufs: number | null;
      readonly gainDb: number;
    }
  | {
      readonly id: string;
      readonly kind: "link";
      readonly name: string;
      /** null: the stored link is not an https URL and can't be opened (see linkAction.ts). */
      readonly url: string | null;
      readonly embedUrl: string | null;
      readonly provider: "youtube" | "other";
    }
  | {
      readonly id: string;
      readonly kind: "video";
      readonly name: string;
      readonly format: string;
      readonly contentType: string;
      readonly sizeBytes: number;
    };

const enc = encodeURIComponent;

/** Raw streamed upload (not multipart), typed by content on the server. */
async function uploadMedia(file: File, clientLufs?: number, path = "/api/media"): Promise<MediaItem> {
  const q = clientLufs !== undefined ? `?clientLufs=${clientLufs.toFixed(1)}` : "";
  const res = await fetch(`${path}${q}`, {
    method: "POST",
    body: file,
    credentials: "same-origin",
    headers: {
      "X-Filename": enc(file.name),
      "X-Meridian-Client": "web",
      "Content-Type": "application/octet-stream",
    },
  });
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | MediaItem | null;
  if (!res.ok) {
    const msg =
      body && "error" in body && body.error?.message ? body.error.message : `Upload failed (${res.status})`;
    throw new Error(msg);
  }
  return body as MediaItem;
}

export const studioApi = {
  listPresets: () => request<{ presets: Preset[] }>("GET", "/api/presets").then((r) => r.presets),
  /** The presets, and those stored but not decryptable (named apart, see docs/api-studio.md). */
  presetList: () =>
    request<{ presets: Preset[]; unreadable?: UnreadableRecordInfo[] }>("GET", "/api/presets"),
  createPreset: (name: string, scene: StudioScene) =>
    request<Preset>("POST", "/api/presets", { body: { name, scene } }),
  updatePreset: (id: string, patch: { name?: string; scene?: StudioScene }) =>
    request<Preset>("PATCH", `/api/presets/${enc(id)}`, { body: patch }),
  duplicatePreset: (id: string) => request<Preset>("POST", `/api/presets/${enc(id)}/duplicate`, { body: {} }),
  deletePreset: (id: string) => request<void>("DELETE", `/api/presets/${enc(id)}`),
  startRender: (scene: StudioScene, durationSeconds: number, format: "wav" | "mp3") =>
    request<RenderJob>("POST", "/api/renders", { body: { scene, durationSeconds, format } }),
  listRenders: () => request<{ renders: RenderJob[] }>("GET", "/api/renders").then((r) => r.renders),
  getRender: (id: string) => request<RenderJob>("GET", `/api/renders/${enc(id)}`),
  cancelRender: (id: string) => request<void>("DELETE", `/api/renders/${enc(id)}`),
  renderFileUrl: (id: string) => `/api/renders/${enc(id)}/file`,
  listMedia: () => request<{ items: MediaItem[] }>("GET", "/api/media").then((r) => r.items),
  /** The media, and the items stored but not decryptable (named apart). */
  mediaList: () => request<{ items: MediaItem[]; unreadable?: UnreadableRecordInfo[] }>("GET", "/api/media"),
  uploadMedia,
  uploadVideo: (file: File) => uploadMedia(file, undefined, "/api/media/videos"),
  usage: () => request<StorageUsage>("GET", "/api/media/usage"),
  addLink: (url: string) => request<MediaItem>("POST", "/api/media/links", { body: { url } }),
  deleteMedia: (id: string) => request<void>("DELETE", `/api/media/${enc(id)}`),
  mediaFileUrl: (id: string) => `/api/media/${enc(id)}/file`,
};
