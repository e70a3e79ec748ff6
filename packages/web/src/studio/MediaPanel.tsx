import { integratedLoudness } from "@meridian/sound";
import { type ChangeEvent, type FormEvent, useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/errors";
import { usePlayer } from "../audio/PlayerProvider";
import { type MediaItem, studioApi } from "./studioApi";

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

/** Your own media: audio files (play as a layer, looped with a crossfade or once) and video links. */
export function MediaPanel() {
  const { player, snap } = usePlayer();
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState("");
  const [loop, setLoop] = useState(true);
  const [playingIds, setPlayingIds] = useState<string[]>([]);
  const [embed, setEmbed] = useState<string | null>(null);
  const [places, setPlaces] = useState<Record<string, { azimuth: number; distance: number }>>({});
  const placeOf = (id: string) => places[id] ?? { azimuth: 0, distance: 1.5 };
  const movePlace = (id: string, patch: Partial<{ azimuth: number; distance: number }>) => {
    const next = { ...placeOf(id), ...patch };
    setPlaces((p) => ({ ...p, [id]: next }));
    player.updateMediaLayer(id, next);
  };

  const reload = useCallback(async () => {
    try {
      setItems(await studioApi.listMedia());
    } catch (err) {
      setError(fail(err));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    if (snap.state === "stopped") setPlayingIds([]);
  }, [snap.state]);

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await studioApi.uploadMedia(file, await clientLufs(file));
      await reload();
    } catch (err) {
      setError(fail(err));
    } finally {
      setBusy(false);
    }
  };

  const addLink = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await studioApi.addLink(link.trim());
      setLink("");
      await reload();
    } catch (err) {
      setError(fail(err));
    }
  };

  const remove = async (item: MediaItem) => {
    if (!window.confirm(`Delete “${item.name}”? The file is removed from the server.`)) return;
    player.removeMediaLayer(item.id);
    setPlayingIds((ids) => ids.filter((i) => i !== item.id));
    try {
      await studioApi.deleteMedia(item.id);
      await reload();
    } catch (err) {
      setError(fail(err));
    }
  };

  const toggle = async (item: MediaItem & { kind: "audio" }) => {
    if (playingIds.includes(item.id)) {
      player.removeMediaLayer(item.id);
      setPlayingIds((ids) => ids.filter((i) => i !== item.id));
      return;
    }
    try {
      await player.addMediaLayer({
        id: item.id,
        url: studioApi.mediaFileUrl(item.id),
        loop,
        gainDb: item.gainDb,
        ...placeOf(item.id),
      });
      setPlayingIds((ids) => [...ids, item.id]);
    } catch (err) {
      setError(`Could not play “${item.name}”: ${fail(err)}`);
    }
  };

  return (
    <section className="card" aria-labelledby="media-heading">
      <h2 id="media-heading">Your own media</h2>
      <div className="row">
        <label className="btn btn-small">
          {busy ? "Uploading…" : "Upload audio"}
          <input
            type="file"
            className="visually-hidden"
            accept=".wav,.mp3,.ogg,.opus,.flac,.m4a,.aac,audio/*"
            onChange={(e) => void upload(e)}
            disabled={busy}
            aria-label="Upload an audio file"
          />
        </label>
        <label className="check small">
          <input type="checkbox" checked={loop} onChange={(e) => setLoop(e.target.checked)} />
          Loop (with a crossfade)
        </label>
      </div>
      <p className="small muted">
        WAV, MP3, OGG/Opus, FLAC or M4A. Loudness is matched to the built-in sounds.
      </p>
      <form className="row" onSubmit={(e) => void addLink(e)}>
        <label className="inline-field">
          Video link
          <input type="url" placeholder="https://…" value={link} onChange={(e) => setLink(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-small" disabled={link.trim() === ""}>
          Add link
        </button>
      </form>
      {error && (
        <p className="error-text" role="alert" data-testid="media-error">
          {error}
        </p>
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
              ) : (
                <span className="small muted">{m.provider === "youtube" ? "YouTube" : "link"}</span>
              )}
              <span className="spacer" />
              {m.kind === "audio" ? (
                <button type="button" className="btn btn-small" onClick={() => void toggle(m)}>
                  {playingIds.includes(m.id) ? `Stop ${m.name}` : `Play ${m.name} as a layer`}
                </button>
              ) : m.embedUrl ? (
                <button type="button" className="btn btn-small" onClick={() => setEmbed(m.embedUrl)}>
                  Play video
                </button>
              ) : (
                <a className="btn btn-small" href={m.url} target="_blank" rel="noopener noreferrer">
                  Open link
                </a>
              )}
              <button
                type="button"
                className="btn btn-quiet btn-small"
                onClick={() => void remove(m)}
                aria-label={`Delete ${m.name}`}
              >
                Delete
              </button>
              {m.kind === "audio" && playingIds.includes(m.id) && (
                <span className="row">
                  <label className="inline-field">
                    Direction
                    <input
                      type="range"
                      min={-180}
                      max={180}
                      step={5}
                      value={placeOf(m.id).azimuth}
                      aria-label={`Direction of ${m.name}`}
                      onChange={(e) => movePlace(m.id, { azimuth: Number(e.target.value) })}
                    />
                    <output className="small">{placeOf(m.id).azimuth}°</output>
                  </label>
                  <label className="inline-field">
                    Distance
                    <input
                      type="range"
                      min={0.2}
                      max={8}
                      step={0.1}
                      value={placeOf(m.id).distance}
                      aria-label={`Distance of ${m.name}`}
                      onChange={(e) => movePlace(m.id, { distance: Number(e.target.value) })}
                    />
                    <output className="small">{placeOf(m.id).distance.toFixed(1)} m</output>
                  </label>
                </span>
              )}
            </li>
          ))}
        </ul>
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
