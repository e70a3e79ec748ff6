import type { MediaSceneLayer } from "@meridian/core";

interface Props {
  layer: MediaSceneLayer;
  /** Its file is not in your library (someone else's mix, or deleted): it stays silent. */
  missing: boolean;
  selected: boolean;
  onSelect(): void;
  onChange(patch: Partial<Omit<MediaSceneLayer, "id" | "mediaId">>): void;
  onRemove(): void;
}

/** One of your own audio files in the mix: loop or once, gain, mute/solo, remove. Its place and
 * motion are on the pad (a rounded square) like any layer's. */
export function MediaLayerCard({ layer, missing, selected, onSelect, onChange, onRemove }: Props) {
  const name = layer.name ?? layer.id;
  const uid = `media-layer-${layer.id}`;
  return (
    <li
      className={`layer${selected ? " is-selected" : ""}${missing ? " is-missing" : ""}`}
      aria-label={`Own audio: ${name}`}
      data-testid="media-layer"
      onFocus={onSelect}
    >
      <div className="row layer-head">
        <strong>{name}</strong>
        <label className="check small">
          <input
            type="checkbox"
            checked={layer.loop}
            onChange={(e) => onChange({ loop: e.target.checked })}
          />
          Loop
        </label>
        <label className="check small">
          <input
            type="checkbox"
            checked={layer.mute}
            onChange={(e) => onChange({ mute: e.target.checked })}
          />
          Mute
        </label>
        <label className="check small">
          <input
            type="checkbox"
            checked={layer.solo}
            onChange={(e) => onChange({ solo: e.target.checked })}
          />
          Solo
        </label>
        <span className="spacer" />
        <button
          type="button"
          className="btn btn-quiet btn-small"
          onClick={onRemove}
          aria-label={`Remove ${name}`}
        >
          Remove
        </button>
      </div>
      {missing && (
        <p className="small error-text" data-testid="media-layer-missing">
          Not in your library (someone else's file, or deleted): this layer stays silent.
        </p>
      )}
      <div className="layer-params">
        <label className="inline-field" htmlFor={`${uid}-gain`}>
          Gain
          <input
            id={`${uid}-gain`}
            type="range"
            min={-40}
            max={12}
            step={1}
            value={layer.gainDb}
            onChange={(e) => onChange({ gainDb: Number(e.target.value) })}
          />
          <output className="small">{layer.gainDb} dB</output>
        </label>
      </div>
    </li>
  );
}
