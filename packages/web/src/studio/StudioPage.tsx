import {
  type MediaSceneLayer,
  parseScene,
  type StudioScene,
  type UnreadableRecordInfo,
} from "@meridian/core";
import {
  BUILTIN_SCENES,
  generatorById,
  MOTION_KINDS,
  type Motion,
  type MotionKind,
  type Position,
  type SceneLayer,
} from "@meridian/sound";
import { useCallback, useEffect, useRef, useState } from "react";
import {
  KEYSTROKE_SOUNDS,
  type KeystrokeSettings,
  type KeystrokeSound,
  readKeystrokeSettings,
  writeKeystrokeSettings,
} from "../audio/keystrokes";
import { usePlayer } from "../audio/PlayerProvider";
import { asStudioScene } from "../audio/player";
import { decodeScene, mixFromHash, shareUrl } from "../audio/share";
import { NumberField } from "../components/NumberField";
import { Diagnostics } from "./Diagnostics";
import { MediaLayerCard } from "./MediaLayerCard";
import { MediaPanel } from "./MediaPanel";
import { EMPTY_SCENE, labelOf, MOTION_LABELS, mediaLayerId, newLayer, shownParams, surpriseMix } from "./mix";
import { describePlace, type PadItem, PlacementPad } from "./PlacementPad";
import { PresetsPanel } from "./PresetsPanel";
import { RenderPanel } from "./RenderPanel";
import { SleepTimer } from "./SleepTimer";
import { type MediaItem, studioApi } from "./studioApi";
import { studioGenerators, studioStart } from "./studioStart";
import { VoiceLayersSection } from "./voice/VoiceLayersSection";
import { placeVoice, voicePadItems, voiceSelection } from "./voice/voiceMix";
import "./studio.css";

const SHORTCUTS: ReadonlyArray<[string, string]> = [
  ["Space", "Play or pause"],
  ["M", "Mute or unmute"],
  ["N", "Next preset"],
  ["?", "This help"],
  ["Arrow keys on a dot", "Turn it around your head (←/→) or bring it nearer/further (↑/↓)"],
];

function typingTarget(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  return t.isContentEditable || ["INPUT", "SELECT", "TEXTAREA"].includes(t.tagName);
}

type LayerPatch = Partial<Omit<SceneLayer, "id">>;
type MediaPatch = Partial<Omit<MediaSceneLayer, "id" | "mediaId">>;

/** Own-audio layers of `scene` whose file is not in `items` (another person's, or deleted). */
export function missingMedia(scene: StudioScene, items: readonly MediaItem[]): MediaSceneLayer[] {
  const have = new Set(items.filter((i) => i.kind === "audio").map((i) => i.id));
  return scene.mediaLayers.filter((l) => !have.has(l.mediaId));
}

function missingNotice(missing: readonly MediaSceneLayer[]): string | null {
  if (missing.length === 0) return null;
  const names = missing.map((l) => `“${l.name ?? l.id}”`).join(", ");
  return missing.length === 1
    ? `This mix has an own audio file (${names}) that is not in your library — it belongs to whoever made the mix, or was deleted. It stays silent here; everything else plays.`
    : `This mix has ${missing.length} own audio files (${names}) that are not in your library — they belong to whoever made the mix, or were deleted. They stay silent here; everything else plays.`;
}

/** The studio: a live mixer with 3D placement, presets, share links, a sleep timer and diagnostics. */
export function StudioPage() {
  const { player, snap } = usePlayer();
  // Tonight's experiment soundscape (masked) is never loaded here: the studio starts empty.
  const [start] = useState(() => studioStart(player.snapshot));
  const [scene, setSceneState] = useState<StudioScene>(start.scene);
  const [media, setMedia] = useState<MediaItem[] | null>(null);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const [mediaUnreadable, setMediaUnreadable] = useState<UnreadableRecordInfo[]>([]);
  const [usageKey, setUsageKey] = useState(0);
  const rendersChanged = useCallback(() => setUsageKey((k) => k + 1), []);
  const [presetId, setPresetId] = useState<string>("");
  const [ownId, setOwnId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(scene.layers[0]?.id ?? null);
  const [addId, setAddId] = useState<string>(studioGenerators()[0]?.id ?? "rain");
  const [link, setLink] = useState<string>("");
  const [notice, setNotice] = useState<string | null>(start.notice);
  const [keys, setKeys] = useState<KeystrokeSettings>(readKeystrokeSettings);
  const help = useRef<HTMLDialogElement>(null);
  const sceneRef = useRef(scene);
  sceneRef.current = scene;

  const reloadMedia = useCallback(async () => {
    try {
      const { items, unreadable } = await studioApi.mediaList();
      setMedia(items);
      setMediaUnreadable(unreadable ?? []);
      setMediaError(null);
      player.setMediaCatalog(
        items.flatMap((i) =>
          i.kind === "audio" ? [{ id: i.id, url: studioApi.mediaFileUrl(i.id), gainDb: i.gainDb }] : [],
        ),
      );
      return items;
    } catch (err) {
      setMediaError(err instanceof Error ? err.message : "Could not load your media.");
      return null;
    }
  }, [player]);
  useEffect(() => {
    void reloadMedia();
  }, [reloadMedia]);

  const commit = useCallback(
    (next: StudioScene) => {
      sceneRef.current = next;
      setSceneState(next);
      player.setScene(next);
      setLink("");
    },
    [player],
  );

  // A share link in the hash opens that mix (the hash never reaches the server).
  const openShared = useCallback(
    async (code: string) => {
      const r = await decodeScene(code);
      if (r.ok) {
        commit(r.scene);
        setSelected(r.scene.layers[0]?.id ?? r.scene.mediaLayers[0]?.id ?? null);
        setPresetId("");
        const items = r.scene.mediaLayers.length > 0 ? ((await reloadMedia()) ?? []) : [];
        const missing = missingNotice(missingMedia(r.scene, items));
        setNotice(
          `Opened a shared mix${r.scene.name ? `: ${r.scene.name}` : ""}. Press Play to listen.${missing ? ` ${missing}` : ""}`,
        );
      } else setNotice(r.error);
    },
    [commit, reloadMedia],
  );
  useEffect(() => {
    const open = () => {
      const code = mixFromHash(window.location.hash);
      if (code) void openShared(code);
    };
    open();
    window.addEventListener("hashchange", open);
    return () => window.removeEventListener("hashchange", open);
  }, [openShared]);

  const loadPreset = useCallback(
    (id: string) => {
      setPresetId(id);
      setOwnId(null);
      const next = BUILTIN_SCENES.find((s) => s.id === id)?.scene ?? EMPTY_SCENE;
      const copy = asStudioScene(JSON.parse(JSON.stringify(next)));
      commit(copy);
      setSelected(copy.layers[0]?.id ?? null);
    },
    [commit],
  );

  const updateLayer = (id: string, patch: LayerPatch) => {
    const s = sceneRef.current;
    commit({ ...s, layers: s.layers.map((l) => (l.id === id ? { ...l, ...patch } : l)) });
  };

  const updateMedia = (id: string, patch: MediaPatch) => {
    const s = sceneRef.current;
    commit({ ...s, mediaLayers: s.mediaLayers.map((l) => (l.id === id ? { ...l, ...patch } : l)) });
  };

  /** Position or motion of either kind of layer (they share the same shape). */
  const updatePlace = (id: string, patch: { position?: Position; motion?: Motion }) => {
    const voiced = placeVoice(sceneRef.current, id, patch);
    if (voiced) commit(voiced);
    else if (sceneRef.current.mediaLayers.some((l) => l.id === id)) updateMedia(id, patch as MediaPatch);
    else updateLayer(id, patch);
  };

  const removeMedia = (id: string) => {
    const s = sceneRef.current;
    const mediaLayers = s.mediaLayers.filter((l) => l.id !== id);
    commit({ ...s, mediaLayers });
    if (selected === id) setSelected(s.layers[0]?.id ?? mediaLayers[0]?.id ?? null);
  };

  /** Your own file as a layer of the mix (and playing, when the studio was quiet). */
  const addMediaLayer = (item: MediaItem & { kind: "audio" }, loop: boolean) => {
    const s = sceneRef.current;
    if (s.mediaLayers.length >= 8) {
      setNotice("A mix holds at most 8 of your own audio files.");
      return;
    }
    const id = mediaLayerId(s);
    const count = s.mediaLayers.length;
    const layer: MediaSceneLayer = {
      id,
      mediaId: item.id,
      name: item.name,
      loop,
      gainDb: 0,
      mute: false,
      solo: false,
      position: { azimuth: count === 0 ? 0 : ((count * 60 + 150) % 360) - 180, elevation: 0, distance: 1.5 },
      motion: { kind: "static" },
    };
    const next = { ...s, mediaLayers: [...s.mediaLayers, layer] };
    commit(next);
    setSelected(id);
    if (player.snapshot.state !== "playing") void player.play(next, next.name ?? "Studio mix");
  };

  const move = (id: string, by: -1 | 1) => {
    const s = sceneRef.current;
    const i = s.layers.findIndex((l) => l.id === id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= s.layers.length) return;
    const layers = [...s.layers];
    [layers[i], layers[j]] = [layers[j] as SceneLayer, layers[i] as SceneLayer];
    commit({ ...s, layers });
  };

  const remove = (id: string) => {
    const s = sceneRef.current;
    const layers = s.layers.filter((l) => l.id !== id);
    commit({ ...s, layers });
    if (selected === id) setSelected(layers[0]?.id ?? null);
  };

  const add = () => {
    const def = generatorById(addId);
    const s = sceneRef.current;
    if (!def || s.layers.length >= 32) return;
    const layer = newLayer(def, s.layers, ((s.layers.length * 72) % 360) - 180 + 36);
    commit({ ...s, layers: [...s.layers, layer] });
    setSelected(layer.id);
  };

  const surprise = () => {
    const mix = surpriseMix((Math.random() * 2 ** 32) >>> 0);
    setPresetId("");
    setOwnId(null);
    commit(mix);
    setSelected(mix.layers[0]?.id ?? null);
  };

  const play = () => void player.play(sceneRef.current, sceneRef.current.name ?? "Studio mix");

  // Keyboard shortcuts (not while typing in a field).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typingTarget(e.target)) return;
      if (e.key === " ") {
        const t = e.target as HTMLElement | null;
        if (t && (t.tagName === "BUTTON" || t.getAttribute("role") === "slider")) return;
        e.preventDefault();
        if (player.snapshot.state === "playing") void player.pause();
        else void player.play(sceneRef.current);
      } else if (e.key === "m" || e.key === "M") {
        player.setMuted(!player.snapshot.muted);
      } else if (e.key === "n" || e.key === "N") {
        const i = BUILTIN_SCENES.findIndex((s) => s.id === presetId);
        const next = BUILTIN_SCENES[(i + 1) % BUILTIN_SCENES.length];
        if (next) loadPreset(next.id);
      } else if (e.key === "?") {
        e.preventDefault();
        help.current?.showModal();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [player, presetId, loadPreset]);

  const makeLink = async () => {
    const url = await shareUrl(sceneRef.current);
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNotice("Share link copied.");
    } catch {
      setNotice("Share link ready below: copy it from the field.");
    }
  };

  const setKeysAndSave = (k: KeystrokeSettings) => {
    setKeys(k);
    writeKeystrokeSettings(k);
  };

  const missing = media ? missingMedia(scene, media) : [];
  const padItems: PadItem[] = [
    ...scene.layers.map((l) => ({ id: l.id, label: labelOf(l), position: l.position, mute: l.mute })),
    ...scene.mediaLayers.map((l) => ({
      id: l.id,
      label: l.name ?? l.id,
      position: l.position,
      mute: l.mute,
      media: true,
      missing: missing.includes(l),
    })),
    ...voicePadItems(scene),
  ];
  const sel: {
    id: string;
    label: string;
    position?: Position | undefined;
    motion?: Motion | undefined;
  } | null = (() => {
    const g = scene.layers.find((l) => l.id === selected);
    if (g) return { id: g.id, label: labelOf(g), position: g.position, motion: g.motion };
    const m = scene.mediaLayers.find((l) => l.id === selected);
    return m
      ? { id: m.id, label: m.name ?? m.id, position: m.position, motion: m.motion }
      : voiceSelection(scene, selected);
  })();
  const playing = snap.state === "playing";

  return (
    <div className="studio">
      <div className="row studio-head">
        <h1>Studio</h1>
        <span className="spacer" />
        <button type="button" className="btn btn-quiet btn-small" onClick={() => help.current?.showModal()}>
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
      {notice && (
        <p className="alert alert-info" role="status">
          {notice}
        </p>
      )}
      {snap.error && (
        <p className="alert alert-error" role="alert">
          Sound problem: {snap.error}
        </p>
      )}

      <section className="card studio-transport" aria-label="Playback">
        <div className="row">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => (playing ? void player.pause() : play())}
            data-testid="play-toggle"
          >
            {playing ? "Pause" : "Play"}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => void player.stop()}
            disabled={snap.state === "stopped"}
          >
            Stop
          </button>
          <button
            type="button"
            className="btn btn-quiet"
            aria-pressed={snap.muted}
            onClick={() => player.setMuted(!snap.muted)}
          >
            {snap.muted ? "Unmute" : "Mute"}
          </button>
          <span className="muted small" data-testid="play-state">
            {snap.state === "playing" ? "Playing" : snap.state === "paused" ? "Paused" : "Stopped"}
          </span>
          <span className="spacer" />
          <label className="inline-field">
            Master volume
            <input
              type="range"
              min={-40}
              max={6}
              step={1}
              value={scene.masterGainDb ?? 0}
              onChange={(e) => {
                const db = Number(e.target.value);
                sceneRef.current = { ...sceneRef.current, masterGainDb: db };
                setSceneState(sceneRef.current);
                player.setScene(sceneRef.current);
              }}
            />
            <output className="small">{scene.masterGainDb ?? 0} dB</output>
          </label>
          <label
            className="inline-field"
            title="Scenes are level-matched to the same loudness. Tick to play this one at your master volume alone."
          >
            <input
              type="checkbox"
              checked={scene.keepLevel === true}
              onChange={(e) => {
                sceneRef.current = { ...sceneRef.current, keepLevel: e.target.checked };
                setSceneState(sceneRef.current);
                player.setScene(sceneRef.current);
              }}
            />
            Keep my level
          </label>
          <label className="inline-field" htmlFor="studio-fade">
            Fade (s)
            <NumberField
              id="studio-fade"
              min={0}
              max={30}
              step={0.5}
              value={snap.fadeSeconds}
              onCommit={(v) => player.setFadeSeconds(v)}
              className="num"
            />
          </label>
        </div>
        <div className="row">
          <label className="inline-field">
            Preset
            <select value={presetId} onChange={(e) => loadPreset(e.target.value)}>
              <option value="">Empty (start from nothing)</option>
              {BUILTIN_SCENES.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.scene.name ?? s.id}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn btn-small" onClick={surprise}>
            Surprise me
          </button>
          <button type="button" className="btn btn-small" onClick={() => void makeLink()}>
            Share link
          </button>
        </div>
        {link && (
          <label className="field">
            <span className="small muted">
              Share link (the mix is in the part after #, which never reaches a server)
            </span>
            <input
              type="text"
              readOnly
              value={link}
              onFocus={(e) => e.target.select()}
              aria-label="Share link"
            />
          </label>
        )}
      </section>

      <div className="studio-grid">
        <section className="card" aria-labelledby="layers-heading">
          <h2 id="layers-heading">Layers</h2>
          {scene.layers.length + scene.mediaLayers.length + (scene.voiceLayers?.length ?? 0) === 0 && (
            <p className="muted">No layers yet: add one below, pick a preset, or let us surprise you.</p>
          )}
          <ol className="layer-list">
            {scene.layers.map((l, i) => (
              <LayerCard
                key={l.id}
                layer={l}
                index={i}
                count={scene.layers.length}
                selected={l.id === selected}
                onSelect={() => setSelected(l.id)}
                onChange={(p) => updateLayer(l.id, p)}
                onMove={(by) => move(l.id, by)}
                onRemove={() => remove(l.id)}
              />
            ))}
          </ol>
          {scene.mediaLayers.length > 0 && (
            <ol className="layer-list" aria-label="Your own audio in this mix">
              {scene.mediaLayers.map((l) => (
                <MediaLayerCard
                  key={l.id}
                  layer={l}
                  missing={missing.includes(l)}
                  selected={l.id === selected}
                  onSelect={() => setSelected(l.id)}
                  onChange={(p) => updateMedia(l.id, p)}
                  onRemove={() => removeMedia(l.id)}
                />
              ))}
            </ol>
          )}
          <VoiceLayersSection scene={scene} selected={selected} onSelect={setSelected} onCommit={commit} />
          <div className="row">
            <label className="inline-field">
              Sound
              <select value={addId} onChange={(e) => setAddId(e.target.value)} aria-label="Sound to add">
                {studioGenerators().map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="btn btn-small"
              onClick={add}
              disabled={scene.layers.length >= 32}
            >
              Add layer
            </button>
          </div>
        </section>

        <section className="card" aria-labelledby="space-heading">
          <h2 id="space-heading">Space</h2>
          <PlacementPad
            layers={padItems}
            selected={selected}
            onSelect={setSelected}
            onMove={(id, azimuth, distance) => {
              const s = sceneRef.current;
              const l =
                s.layers.find((x) => x.id === id) ??
                s.mediaLayers.find((x) => x.id === id) ??
                s.voiceLayers?.find((x) => x.id === id);
              if (l) updatePlace(id, { position: { elevation: 0, ...l.position, azimuth, distance } });
            }}
          />
          {sel ? (
            <div className="stack small-gap" data-testid="selected-layer">
              <p className="small">
                <strong>{sel.label}</strong>:{" "}
                <span data-testid="selected-place">
                  {describePlace(sel.position?.azimuth ?? 0, sel.position?.distance ?? 1)}
                </span>
              </p>
              <label className="inline-field">
                Elevation
                <input
                  type="range"
                  min={-90}
                  max={90}
                  step={5}
                  value={sel.position?.elevation ?? 0}
                  onChange={(e) =>
                    updatePlace(sel.id, {
                      position: {
                        azimuth: 0,
                        distance: 1,
                        ...sel.position,
                        elevation: Number(e.target.value),
                      },
                    })
                  }
                />
                <output className="small">{sel.position?.elevation ?? 0}°</output>
              </label>
              <label className="inline-field">
                Motion
                <select
                  value={sel.motion?.kind ?? "static"}
                  onChange={(e) => {
                    const kind = e.target.value as MotionKind;
                    updatePlace(sel.id, {
                      motion: kind === "static" ? { kind } : { kind, period: sel.motion?.period ?? 20 },
                    });
                  }}
                >
                  {MOTION_LABELS.filter(([k]) => MOTION_KINDS.includes(k)).map(([k, label]) => (
                    <option key={k} value={k}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              {sel.motion && sel.motion.kind !== "static" && (
                <label className="inline-field">
                  Period
                  <input
                    type="range"
                    min={2}
                    max={120}
                    step={1}
                    value={Math.abs(sel.motion.period ?? 20)}
                    onChange={(e) =>
                      updatePlace(sel.id, {
                        motion: { kind: sel.motion?.kind ?? "sweep", period: Number(e.target.value) },
                      })
                    }
                  />
                  <output className="small">{Math.abs(sel.motion.period ?? 20)} s</output>
                </label>
              )}
            </div>
          ) : (
            <p className="muted small">Add a layer to place it around you.</p>
          )}
        </section>
      </div>

      <div className="studio-grid">
        <SleepTimer />
        <section className="card" aria-labelledby="keys-heading">
          <h2 id="keys-heading">While you write</h2>
          <label className="check">
            <input
              type="checkbox"
              checked={keys.enabled}
              onChange={(e) => setKeysAndSave({ ...keys, enabled: e.target.checked })}
            />
            A soft sound for each keystroke in the journal editor while the studio plays
          </label>
          <div className="row">
            <label className="inline-field">
              Sound
              <select
                value={keys.sound}
                onChange={(e) => setKeysAndSave({ ...keys, sound: e.target.value as KeystrokeSound })}
              >
                {KEYSTROKE_SOUNDS.map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              Keystroke volume
              <input
                type="range"
                min={-40}
                max={0}
                step={1}
                value={keys.volumeDb}
                onChange={(e) => setKeysAndSave({ ...keys, volumeDb: Number(e.target.value) })}
              />
              <output className="small">{keys.volumeDb} dB</output>
            </label>
          </div>
        </section>
      </div>

      <div className="studio-grid">
        <PresetsPanel
          scene={scene}
          openId={ownId}
          onOpen={(p) => {
            const parsed = parseScene(p.scene);
            if (!parsed.ok) {
              setNotice(
                `“${p.name}” can't be opened: ${parsed.errors[0]?.field} ${parsed.errors[0]?.message}`,
              );
              return;
            }
            setOwnId(p.id);
            setPresetId("");
            commit(parsed.scene);
            setSelected(parsed.scene.layers[0]?.id ?? parsed.scene.mediaLayers[0]?.id ?? null);
            setNotice(missingNotice(media ? missingMedia(parsed.scene, media) : []));
          }}
          onSaved={(p) => {
            // The server measured the mix: play it at the stored make-up gain (a smooth glide).
            const makeup = (p.scene as { makeupGainDb?: unknown }).makeupGainDb;
            if (typeof makeup === "number") commit({ ...sceneRef.current, makeupGainDb: makeup });
          }}
        />
        <RenderPanel scene={scene} onStored={rendersChanged} />
      </div>
      <MediaPanel
        items={media}
        loadError={mediaError}
        unreadable={mediaUnreadable}
        usageKey={usageKey}
        reload={reloadMedia}
        inMix={new Set(scene.mediaLayers.map((l) => l.mediaId))}
        onAddLayer={addMediaLayer}
        onRemoveLayers={(mediaId) => {
          const s = sceneRef.current;
          if (s.mediaLayers.some((l) => l.mediaId === mediaId))
            commit({ ...s, mediaLayers: s.mediaLayers.filter((l) => l.mediaId !== mediaId) });
        }}
      />

      <Diagnostics />

      <dialog ref={help} className="card help-dialog" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map(([k, what]) => (
            <div key={k}>
              <dt>
                <kbd>{k}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog">
          <button type="submit" className="btn btn-small">
            Close
          </button>
        </form>
      </dialog>
    </div>
  );
}

interface LayerProps {
  layer: SceneLayer;
  index: number;
  count: number;
  selected: boolean;
  onSelect(): void;
  onChange(p: LayerPatch): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}

function LayerCard({ layer, index, count, selected, onSelect, onChange, onMove, onRemove }: LayerProps) {
  const def = generatorById(layer.generator);
  const name = labelOf(layer);
  const uid = `layer-${layer.id}`;
  return (
    <li
      className={`layer${selected ? " is-selected" : ""}`}
      aria-label={`Layer ${index + 1}: ${name}`}
      data-testid="layer"
      onFocus={onSelect}
    >
      <div className="row layer-head">
        <span className="layer-num" aria-hidden="true">
          {index + 1}
        </span>
        <select
          aria-label={`Sound of layer ${index + 1}`}
          value={layer.generator}
          onChange={(e) => {
            const d = generatorById(e.target.value);
            if (!d) return;
            const params: Record<string, number> = {};
            for (const p of shownParams(d)) params[p.name] = p.default;
            onChange({ generator: d.id, params });
          }}
        >
          {studioGenerators(layer.generator).map((g) => (
            <option key={g.id} value={g.id}>
              {g.label}
            </option>
          ))}
        </select>
        <label className="check small">
          <input
            type="checkbox"
            checked={layer.mute ?? false}
            onChange={(e) => onChange({ mute: e.target.checked })}
          />
          Mute
        </label>
        <label className="check small">
          <input
            type="checkbox"
            checked={layer.solo ?? false}
            onChange={(e) => onChange({ solo: e.target.checked })}
          />
          Solo
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={() => onMove(-1)}
          disabled={index === 0}
          aria-label={`Move ${name} up`}
        >
          ↑
        </button>
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={() => onMove(1)}
          disabled={index === count - 1}
          aria-label={`Move ${name} down`}
        >
          ↓
        </button>
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={onRemove}
          aria-label={`Remove ${name}`}
        >
          Remove
        </button>
      </div>
      {def && <p className="small muted">{def.description}</p>}
      <div className="layer-params">
        <Slider
          id={`${uid}-gain`}
          label="Gain"
          min={-40}
          max={12}
          step={1}
          value={layer.gainDb ?? 0}
          unit="dB"
          onChange={(v) => onChange({ gainDb: v })}
        />
        <Slider
          id={`${uid}-variation`}
          label="Variation"
          min={0}
          max={1}
          step={0.05}
          value={layer.variation ?? 0.5}
          onChange={(v) => onChange({ variation: v })}
        />
        {def &&
          shownParams(def).map((p) => {
            const value = layer.params?.[p.name] ?? p.default;
            const set = (v: number) => onChange({ params: { ...layer.params, [p.name]: v } });
            if (p.choices) {
              return (
                <label key={p.name} className="inline-field" htmlFor={`${uid}-${p.name}`}>
                  {p.label}
                  <select
                    id={`${uid}-${p.name}`}
                    value={Math.round(value)}
                    onChange={(e) => set(Number(e.target.value))}
                  >
                    {p.choices.map((c, i) => (
                      <option key={c} value={i}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
              );
            }
            const span = p.max - p.min;
            return (
              <Slider
                key={p.name}
                id={`${uid}-${p.name}`}
                label={p.label}
                min={p.min}
                max={p.max}
                step={span > 20 ? 1 : span / 100}
                value={value}
                unit={p.unit}
                title={p.description}
                onChange={set}
              />
            );
          })}
      </div>
    </li>
  );
}

function Slider(props: {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  unit?: string | undefined;
  title?: string | undefined;
  onChange(v: number): void;
}) {
  const shown =
    Math.abs(props.value) >= 10 || Number.isInteger(props.value)
      ? Math.round(props.value)
      : props.value.toFixed(2);
  return (
    <label className="inline-field" htmlFor={props.id} title={props.title}>
      {props.label}
      <input
        id={props.id}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
      <output className="small">
        {shown}
        {props.unit ? ` ${props.unit}` : ""}
      </output>
    </label>
  );
}
