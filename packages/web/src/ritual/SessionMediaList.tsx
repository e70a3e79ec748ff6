import type { MediaUsed } from "@meridian/core";
import { useEffect, useState } from "react";
import { usePlayer } from "../audio/PlayerProvider";
import { linkAction, UNUSABLE_LINK } from "../studio/linkAction";
import { EMPTY_SCENE, mediaLayerId } from "../studio/mix";
import { type MediaItem, studioApi } from "../studio/studioApi";
import { libraryIdOf } from "./SessionMediaPicker";

/**
 * The media attached to a session, for the write step and when reviewing it: names, and a
 * Watch button for a video file (played from the server) or a saved link (the embed loads only
 * on the press, with a note that the site is outside the studio).
 */
export function SessionMediaList({ media }: { media: readonly MediaUsed[] }) {
  const { player, snap } = usePlayer();
  const own = media.filter((m) => libraryIdOf(m) !== null);
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [open, setOpen] = useState<MediaItem | null>(null);
  useEffect(() => {
    if (own.length === 0) return;
    let live = true;
    studioApi.listMedia().then(
      (list) => live && setItems(list),
      () => live && setItems([]),
    );
    return () => {
      live = false;
    };
  }, [own.length]);
  if (own.length === 0) return null;

  /** An own sound joins whatever plays (e.g. the session's scene) as a layer, or leaves it. */
  const toggleSound = (item: MediaItem & { kind: "audio" }) => {
    player.setMediaCatalog(
      (items ?? []).flatMap((i) =>
        i.kind === "audio" ? [{ id: i.id, url: studioApi.mediaFileUrl(i.id), gainDb: i.gainDb }] : [],
      ),
    );
    const base = snap.scene ?? { ...EMPTY_SCENE, name: item.name };
    const inMix = base.mediaLayers.some((l) => l.mediaId === item.id);
    if (inMix && snap.state === "playing") {
      player.setScene(
        { ...base, mediaLayers: base.mediaLayers.filter((l) => l.mediaId !== item.id) },
        snap.title,
      );
      return;
    }
    const next = inMix
      ? base
      : {
          ...base,
          mediaLayers: [
            ...base.mediaLayers,
            {
              id: mediaLayerId(base),
              mediaId: item.id,
              name: item.name,
              loop: true,
              gainDb: 0,
              mute: false,
              solo: false,
              position: { azimuth: 0, elevation: 0, distance: 1.5 },
              motion: { kind: "static" as const },
            },
          ],
        };
    void player.play(next, snap.scene ? snap.title : item.name);
  };
  const opened = open?.kind === "link" ? linkAction(open) : null;
  const openEmbed = opened?.kind === "embed" ? opened.src : null;
  const soundOn = (id: string) =>
    snap.state === "playing" && (snap.scene?.mediaLayers.some((l) => l.mediaId === id) ?? false);
  return (
    <section className="stack small-gap" aria-label="Media of this session" data-testid="session-media">
      <ul className="preset-list">
        {own.map((m) => {
          const id = libraryIdOf(m) as string;
          const item = items?.find((i) => i.id === id) ?? null;
          const name = item?.name ?? ("name" in m && m.name ? m.name : "an item");
          const link = item?.kind === "link" ? linkAction(item) : null;
          return (
            <li key={id} className="row">
              <span>
                {m.kind === "own-audio" ? "Sound: " : "Video: "}
                {name}
              </span>
              {items !== null && !item && <span className="small muted">(no longer in your library)</span>}
              {item?.kind === "audio" && (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-pressed={soundOn(item.id)}
                  onClick={() => toggleSound(item)}
                >
                  {soundOn(item.id) ? `Stop ${item.name}` : `Play ${item.name}`}
                </button>
              )}
              {item && (item.kind === "video" || link?.kind === "embed") && (
                <button type="button" className="btn btn-small" onClick={() => setOpen(item)}>
                  {`Watch ${item.name}`}
                </button>
              )}
              {link?.kind === "open" && (
                <a className="btn btn-small" href={link.href} target="_blank" rel="noopener noreferrer">
                  Open link
                </a>
              )}
              {link?.kind === "unusable" && <span className="small muted">{UNUSABLE_LINK}</span>}
            </li>
          );
        })}
      </ul>
      {open?.kind === "video" && (
        // biome-ignore lint/a11y/useMediaCaption: the person's own video; we have no captions for it
        <video className="video-file" src={studioApi.mediaFileUrl(open.id)} controls preload="metadata" />
      )}
      {openEmbed !== null && open?.kind === "link" && (
        <div className="stack small-gap">
          <p className="small muted">
            This video comes from{" "}
            {open.provider === "youtube" ? "YouTube (privacy-enhanced mode)" : "another site"}, outside the
            studio: it loads only now that you pressed Watch.
          </p>
          <iframe
            className="video-embed"
            src={openEmbed}
            title="Linked video"
            allow="autoplay; encrypted-media; picture-in-picture"
            referrerPolicy="no-referrer"
            sandbox="allow-scripts allow-same-origin allow-presentation"
          />
        </div>
      )}
      {open && (
        <button type="button" className="btn btn-quiet btn-small" onClick={() => setOpen(null)}>
          Close video
        </button>
      )}
    </section>
  );
}
