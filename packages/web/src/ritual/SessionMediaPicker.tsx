import type { MediaUsed } from "@meridian/core";
import { useEffect, useState } from "react";
import { type MediaItem, studioApi } from "../studio/studioApi";

/** What a library item becomes in the session's `media` list. */
export function usedFromItem(item: MediaItem): MediaUsed {
  return item.kind === "audio"
    ? { kind: "own-audio", audioId: item.id, name: item.name }
    : { kind: "own-video", mediaId: item.id, name: item.name };
}

/** The library id a used item refers to (own audio, own video or saved link), or null. */
export function libraryIdOf(m: MediaUsed): string | null {
  return m.kind === "own-audio" ? m.audioId : m.kind === "own-video" ? m.mediaId : null;
}

interface Props {
  /** Library ids chosen so far. */
  chosen: readonly string[];
  /** How many more may be chosen (a session holds at most 5 media items). */
  room: number;
  onChange(chosen: string[], items: MediaItem[]): void;
}

/** Attach items of your media library (audio, video files, saved links) to the session. */
export function SessionMediaPicker({ chosen, room, onChange }: Props) {
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    studioApi.listMedia().then(
      (list) => live && setItems(list),
      (err: unknown) => live && setError(err instanceof Error ? err.message : "Could not load your media."),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <fieldset className="stack small-gap" data-testid="session-media-picker">
      <legend className="measure-question">From your media (optional)</legend>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {items === null && !error && <p className="muted small">Loading your media…</p>}
      {items && items.length === 0 && (
        <p className="muted small">
          Nothing in your library yet. Upload sounds and videos, or save links, in the studio's “Your own
          media”.
        </p>
      )}
      {items?.map((m) => {
        const on = chosen.includes(m.id);
        const kind = m.kind === "audio" ? "audio" : m.kind === "video" ? "video file" : "video link";
        return (
          <label key={m.id} className="check">
            <input
              type="checkbox"
              checked={on}
              disabled={!on && room <= 0}
              onChange={(e) => {
                const next = e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id);
                onChange(next, items);
              }}
            />
            {m.name} <span className="muted small">({kind})</span>
          </label>
        );
      })}
      {items && items.length > 0 && room <= 0 && (
        <p className="muted small">A session holds at most 5 things you listened to or watched.</p>
      )}
    </fieldset>
  );
}
