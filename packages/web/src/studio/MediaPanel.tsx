import type { UnreadableRecordInfo } from "@meridian/core";
import { integratedLoudness } from "@meridian/sound";
import { type ChangeEvent, type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/errors";
import { UNREADABLE_NOUNS } from "../journal/unreadable";
import { UnreadableBanner } from "../pages/UnreadableBanner";
import { linkAction, UNUSABLE_LINK } from "./linkAction";
import { type MediaItem, type StorageUsage, studioApi } from "./studioApi";

const fail = (err: unknown) =>
  err instanceof ApiError || err instanceof Error ? err.message : "Something went wrong.";

/** Loudness of a compressed file measured here (the server measures WAV itself). */
async function clientLufs(file: File): Promise<number | undefined> {
  if (/\.wav$/i.test(file.name) && file.type.includes("wav")) return undefined;
  try {
    const ctx = new OfflineAudioContext(1, 1, 48000);
    const buf = await ctx.decodeAudioData(await file.arrayBuffer());
    const channels = Array.from({ length: buf.numberOfChannels }, (_, c) => buf.getChannelData(c));
    const lufs = integratedLoudness(buf.sampleRate, channels);
    return Number.isFinite(lufs) ? Math.max(-70, Math.min(0, lufs)) : undefined;
  } catch {
    return undefined; // not decodable here: the server's type check has the last word
  }
}

/** "1.2 GB", "350 MB", "12 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`;
  return `${Math.max(0, Math.round(bytes / 1024))} KB`;
}

interface Props {
  /** Your media (null while loading). */
  items: MediaItem[] | null;
  loadError: string | null;
  /** Items stored but not decryptable (left out of `items`). */
  unreadable?: readonly UnreadableRecordInfo[];
  reload(): Promise<unknown>;
  /** Media ids used by layers of the mix. */
  inMix: ReadonlySet<string>;
  onAddLayer(item: MediaItem & { kind: "audio" }, loop: boolean): void;
  /** The file is gone (deleted) or taken out: drop its layers from the mix. */
  onRemoveLayers(mediaId: string): void;
  /** Changes when renders were made or deleted (the storage usage is read again). */
  usageKey?: number;
}

/** Your own media: audio files (layers of the mix), video files and video links; storage used. */
export function MediaPanel({
  items,
  loadError,
  unreadable = [],
  reload,
  inMix,
  onAddLayer,
  onRemoveLayers,
  usageKey,
}: Props) {
  const [busy, setBusy] = useState<"audio" | "video" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState("");
  const [loop, setLoop] = useState(true);
  const [embed, setEmbed] = useState<string | null>(null);
  const [video, setVideo] = useState<MediaItem | null>(null);
  const [usage, setUsage] = useState<StorageUsage | null>(null);

  const refreshUsage = useCallback(async () => {
    try {
      setUsage(await studioApi.usage());
    } catch {
      setUsage(null);
    }
  }, []);
  useEffect(() => {
    void usageKey;
    void refreshUsage();
  }, [refreshUsage, usageKey]);
  const refresh = async () => {
    await reload();
    await refreshUsage();
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>, kind: "audio" | "video") => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setBusy(kind);
    setError(null);
    try {
      if (kind === "audio") await studioApi.uploadMedia(file, await clientLufs(file));
      else await studioApi.uploadVideo(file);
      await refresh();
    } catch (err) {
      setError(fail(err));
    } finally {
      setBusy(null);
    }
  };

  const addLink = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await studioApi.addLink(link.trim());
      setLink("");
      await refresh();
    } catch (err) {
      setError(fail(err));
    }
  };

  const remove = async (item: MediaItem) => {
    const what = item.kind === "link" ? "The link is forgotten." : "The file is removed from the server.";
    if (!window.confirm(`Delete “${item.name}”? ${what}`)) return;
    onRemoveLayers(item.id);
    if (video?.id === item.id) setVideo(null);
    try {
      await studioApi.deleteMedia(item.id);
      await refresh();
    } catch (err) {
      setError(fail(err));
    }
  };

  const shownError = error ?? loadError;
  const full = usage !== null && usage.usedBytes >= usage.quotaBytes;

  return (
    <section className="card" aria-labelledby="media-heading">
      <h2 id="media-heading">Your own media</h2>
      <div className="row">
        <label className="btn btn-small">
          {busy === "audio" ? "Uploading…" : "Upload audio"}
          <input
            type="file"
            className="visually-hidden"
            accept=".wav,.mp3,.ogg,.opus,.flac,.m4a,.aac,audio/*"
            onChange={(e) => void upload(e, "audio")}
            disabled={busy !== null}
            aria-label="Upload an audio file"
          />
        </label>
        <label className="btn btn-small">
          {busy === "video" ? "Uploading…" : "Upload video"}
          <input
            type="file"
            className="visually-hidden"
            accept=".mp4,.m4v,.webm,.mov,video/*"
            onChange={(e) => void upload(e, "video")}
            disabled={busy !== null}
            aria-label="Upload a video file"
          />
        </label>
        <label className="check small">
          <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />
          New layers loop (with a crossfade)
        </label>
      </div>
      <p className="small muted">
        Audio: WAV, MP3, OGG/Opus, FLAC or M4A, loudness matched to the built-in sounds; it joins the mix as a
        layer you place on the pad. Video: MP4 or WebM, to watch alongside or attach to a session. Server
        renders include WAV files only.
      </p>
      {usage && (
        <p className="small row" data-testid="storage-usage">
          <span>
            Storage: {formatBytes(usage.usedBytes)} of {formatBytes(usage.quotaBytes)} used
            {usage.renderBytes > 0 ? ` (renders ${formatBytes(usage.renderBytes)})` : ""}
          </span>
          <meter
            className="usage-bar"
            min={0}
            max={usage.quotaBytes}
            high={usage.quotaBytes * 0.9}
            value={Math.min(usage.usedBytes, usage.quotaBytes)}
            aria-label="Storage used"
          />
          {full && <span className="error-text">Full: delete files or renders to add more.</span>}
        </p>
      )}
      <form className="row" onSubmit={(e) => void addLink(e)}>
        <label className="inline-field">
          Video link
          <input type="url" placeholder="https://…" value={link} onChange={(e) => setLink(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-small" disabled={link.trim() === ""}>
          Add link
        </button>
      </form>
      {shownError && (
        <p className="error-text" role="alert" data-testid="media-error">
          {shownError}
        </p>
      )}
      {items === null && !loadError && <p className="muted small">Loading your media…</p>}
      <UnreadableBanner items={unreadable} noun={UNREADABLE_NOUNS.media} compact />
      {items && items.length === 0 && unreadable.length === 0 && (
        <p className="muted small">Nothing here yet: upload a sound or a video, or add a link.</p>
      )}
      {items && items.length > 0 && (
        <ul className="preset-list" aria-label="Your media">
          {items.map((m) => (
            <li key={m.id} className="row">
              <span>{m.name}</span>
              {m.kind === "audio" ? (
                <span className="small muted">
                  {m.format.toUpperCase()}
                  {m.durationSeconds !== null ? ` · ${Math.round(m.durationSeconds)} s` : ""} ·{" "}
                  {m.gainDb.toFixed(1)} dB
                </span>
              ) : m.kind === "video" ? (
                <span className="small muted">
                  Video · {m.format.toUpperCase()} · {formatBytes(m.sizeBytes)}
                </span>
              ) : (
                <span className="small muted">{m.provider === "youtube" ? "YouTube" : "link"}</span>
              )}
              <span className="spacer" />
              {m.kind === "audio" ? (
                inMix.has(m.id) ? (
                  <button type="button" className="btn btn-small" onClick={() => onRemoveLayers(m.id)}>
                    {`Take ${m.name} out of the mix`}
                  </button>
                ) : (
                  <button type="button" className="btn btn-small" onClick={() => onAddLayer(m, loop)}>
                    {`Play ${m.name} as a layer`}
                  </button>
                )
              ) : m.kind === "video" ? (
                <button type="button" className="btn btn-small" onClick={() => setVideo(m)}>
                  {`Watch ${m.name}`}
                </button>
              ) : (
                <LinkButton link={m} onEmbed={setEmbed} />
              )}
              <button
                type="button"
                className="btn btn-quiet btn-small"
                onClick={() => void remove(m)}
                aria-label={`Delete ${m.name}`}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      {video && (
        <div className="stack small-gap">
          {/* biome-ignore lint/a11y/useMediaCaption: the person's own video; we have no captions for it */}
          <video className="video-file" src={studioApi.mediaFileUrl(video.id)} controls preload="metadata" />
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setVideo(null)}>
            Close video
          </button>
        </div>
      )}
      {embed && (
        <div className="stack small-gap">
          <p className="small muted">
            This video comes from YouTube (privacy-enhanced mode), a site outside the studio: it loads only
            now that you pressed play.
          </p>
          <iframe
            className="video-embed"
            src={embed}
            title="Linked video"
            allow="autoplay; encrypted-media; picture-in-picture"
            referrerPolicy="no-referrer"
            sandbox="allow-scripts allow-same-origin allow-presentation"
          />
          <button type="button" className="btn btn-quiet btn-small" onClick={() => setEmbed(null)}>
            Close video
          </button>
        </div>
      )}
    </section>
  );
}

/** A saved link's button: Play (the embed), Open (a new tab), or a note that it can't be opened. */
function LinkButton({
  link,
  onEmbed,
}: {
  link: { url: string | null; embedUrl: string | null };
  onEmbed: (src: string) => void;
}) {
  const action = linkAction(link);
  if (action.kind === "embed")
    return (
      <button type="button" className="btn btn-small" onClick={() => onEmbed(action.src)}>
        Play video
      </button>
    );
  if (action.kind === "open")
    return (
      <a className="btn btn-small" href={action.href} target="_blank" rel="noopener noreferrer">
        Open link
      </a>
    );
  return <span className="small muted">{UNUSABLE_LINK}</span>;
}
