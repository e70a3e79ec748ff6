import type { z } from "@hono/zod-openapi";
import type { MediaItemSchema, PresetSchema } from "../routes/studio-schemas";
import type { MediaRecord, PresetRecord } from "../store/studio-store";

export type Preset = z.infer<typeof PresetSchema>;
export type MediaItem = z.infer<typeof MediaItemSchema>;

export function presentPreset(p: PresetRecord): Preset {
  return { id: p.id, name: p.name, scene: p.scene, createdAt: p.createdAt, updatedAt: p.updatedAt };
}

export function presentMedia(m: MediaRecord): MediaItem {
  if (m.kind === "link") {
    const { url, embedUrl, provider } = m.details;
    return { id: m.id, kind: "link", name: m.name, url, embedUrl, provider, createdAt: m.createdAt };
  }
  if (m.kind === "video") {
    const { format, contentType } = m.details;
    return {
      id: m.id,
      kind: "video",
      name: m.name,
      format,
      contentType,
      sizeBytes: m.sizeBytes,
      createdAt: m.createdAt,
    };
  }
  const d = m.details;
  return {
    id: m.id,
    kind: "audio",
    name: m.name,
    format: d.format,
    contentType: d.contentType,
    sizeBytes: m.sizeBytes,
    durationSeconds: d.durationSeconds,
    loudnessLufs: d.loudnessLufs,
    gainDb: d.gainDb,
    loudnessSource: d.loudnessSource,
    createdAt: m.createdAt,
  };
}
