import type { StudioScene, UnreadableRecordInfo } from "@meridian/core";
import { useCallback, useEffect, useState } from "react";
import { UNREADABLE_NOUNS } from "../journal/unreadable";
import { UnreadableBanner } from "../pages/UnreadableBanner";
import { type Preset, studioApi } from "./studioApi";

interface Props {
  scene: StudioScene;
  /** The preset now open (its id), if any. */
  openId: string | null;
  onOpen(preset: Preset): void;
  /** After "Save changes": the stored scene, with the make-up gain the server measured. */
  onSaved?(preset: Preset): void;
}

const problem = (err: unknown) => (err instanceof Error ? err.message : "Something went wrong.");

/** Your own presets, saved on the server: save (new or over the open one), open, rename, duplicate, delete. */
export function PresetsPanel({ scene, openId, onOpen, onSaved }: Props) {
  const [presets, setPresets] = useState<Preset[] | null>(null);
  const [unreadable, setUnreadable] = useState<UnreadableRecordInfo[]>([]);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);

  const reload = useCallback(async () => {
    try {
      const list = await studioApi.presetList();
      setPresets(list.presets);
      setUnreadable(list.unreadable ?? []);
    } catch (err) {
      setError(problem(err));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const run = async (f: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
      await reload();
    } catch (err) {
      setError(problem(err));
    } finally {
      setBusy(false);
    }
  };

  const open = presets?.find((p) => p.id === openId) ?? null;

  return (
    <section className="card" aria-labelledby="presets-heading">
      <h2 id="presets-heading">Your presets</h2>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          const n = name.trim();
          if (!n) {
            setError("Give the preset a name.");
            return;
          }
          void run(async () => {
            const p = await studioApi.createPreset(n, { ...scene, name: n });
            setName("");
            onOpen(p);
          });
        }}
      >
        <label className="inline-field">
          Name
          <input type="text" maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button
          type="submit"
          className="btn btn-small"
          disabled={busy || scene.layers.length + scene.mediaLayers.length === 0}
        >
          Save as new preset
        </button>
        {open && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const p = await studioApi.updatePreset(open.id, { scene: { ...scene, name: open.name } });
                onSaved?.(p);
              })
            }
          >
            Save changes to “{open.name}”
          </button>
        )}
      </form>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      <UnreadableBanner items={unreadable} noun={UNREADABLE_NOUNS.preset} compact />
      {presets === null ? (
        <p className="muted small">Loading your presets…</p>
      ) : presets.length === 0 && unreadable.length === 0 ? (
        <p className="muted small">No presets yet. Save a mix you like to find it here next time.</p>
      ) : presets.length === 0 ? null : (
        <ul className="preset-list" aria-label="Your presets">
          {presets.map((p) => (
            <li key={p.id} className={p.id === openId ? "is-open" : undefined}>
              {renaming?.id === p.id ? (
                <form
                  className="row"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const n = renaming.name.trim();
                    if (!n) return;
                    void run(() => studioApi.updatePreset(p.id, { name: n })).then(() => setRenaming(null));
                  }}
                >
                  <input
                    type="text"
                    aria-label={`New name for ${p.name}`}
                    maxLength={80}
                    value={renaming.name}
                    onChange={(e) => setRenaming({ id: p.id, name: e.target.value })}
                  />
                  <button type="submit" className="btn btn-small">
                    Rename
                  </button>
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => setRenaming(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <div className="row">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => onOpen(p)}
                    aria-label={`Open ${p.name}`}
                  >
                    {p.name}
                  </button>
                  <span className="spacer" />
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    onClick={() => setRenaming({ id: p.id, name: p.name })}
                    aria-label={`Rename ${p.name}`}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    disabled={busy}
                    onClick={() => void run(() => studioApi.duplicatePreset(p.id))}
                    aria-label={`Duplicate ${p.name}`}
                  >
                    Duplicate
                  </button>
                  <button
                    type="button"
                    className="btn btn-quiet btn-small"
                    disabled={busy}
                    onClick={() => {
                      if (window.confirm(`Delete the preset “${p.name}”?`))
                        void run(() => studioApi.deletePreset(p.id));
                    }}
                    aria-label={`Delete ${p.name}`}
                  >
                    Delete
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
