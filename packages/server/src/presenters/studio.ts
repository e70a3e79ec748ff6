import type { z } from "@hono/zod-openapi";
import { linkDetails } from "../media/links";
import type { MediaItemSchema, PresetSchema } from "../routes/studio-schemas";
import type { MediaRecord, PresetRecord } from "../store/studio-store";

export type Preset = z.infer<typeof PresetSchema>;
export type MediaItem = z.infer<typeof MediaItemSchema>;

export function presentPreset(p: PresetRecord): Preset {
  return { id: p.id, name: p.name, scene: p.scene, createdAt: p.createdAt, updatedAt: p.updatedAt };
}

/** A link's details rebuilt from its stored URL each time it is shown (a row written before
 * links were checked, by an older import or straight into the database, may hold a javascript:
 * url or a foreign embed): never the stored embed; url null when the URL is not https. */
function shownLink(stored: string): {
  url: string | null;
  embedUrl: string | null;
  provider: "youtube" | "other";
} {
  try {
    return linkDetails(stored);
  } catch {
    return { url: null, embedUrl: null, provider: "other" };
  }
}

export function presentMedia(m: MediaRecord): MediaItem {
  if (m.kind === "link") {
    const { url, embedUrl, provider } = shownLink(m.details.url);
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
