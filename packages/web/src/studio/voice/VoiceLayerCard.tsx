import { VOICE_RATE_RANGE, type VoiceSceneLayer } from "@meridian/core";
import { stepVoiceLayer } from "../../voice/voiceLayers";
import { clock, useVoiceStatus } from "./useVoiceStatus";
import { voiceTitle } from "./voiceMix";

interface Props {
  layer: VoiceSceneLayer;
  selected: boolean;
  onSelect(): void;
  onChange(patch: Partial<Omit<VoiceSceneLayer, "id" | "content">>): void;
  onRemove(): void;
}

/** A voice in the mix (a story, a wind-down set or the wordless whisper): style, rate, gain,
 * mute/solo, the play position with skip and replay. Its place and motion are on the pad. */
export function VoiceLayerCard({ layer, selected, onSelect, onChange, onRemove }: Props) {
  const title = voiceTitle(layer.content);
  const uid = `voice-layer-${layer.id}`;
  const st = useVoiceStatus(layer.id);
  const wordless = layer.content.kind === "wordless";
  const position = !st
    ? "Not started"
    : st.state === "error"
      ? `Could not speak: ${st.error ?? "unknown error"}`
      : st.state === "ended"
        ? "Finished"
        : `${wordless ? "Phrase" : "Sentence"} ${st.sentence + 1}${st.count ? ` of ${st.count}` : ""} · ${clock(st.elapsedSeconds)}${
            st.totalSeconds ? ` of about ${clock(st.totalSeconds)}` : ""
          }${st.state === "loading" ? " (preparing the voice)" : st.state === "ready" ? " (ready)" : ""}`;
  return (
    <li
      className={`layer${selected ? " is-selected" : ""}`}
      aria-label={`Voice: ${title}`}
      data-testid="voice-layer"
      onFocus={onSelect}
    >
      <div className="row layer-head">
        <strong>{title}</strong>
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
          aria-label={`Remove ${title}`}
        >
          Remove
        </button>
      </div>
      <p className="small muted" data-testid="voice-position" aria-live="off">
        {position}
      </p>
      {!wordless && (
        <fieldset className="row bare-fieldset" aria-label={`Sentences of ${title}`}>
          <button
            type="button"
            className="btn btn-quiet btn-small"
            onClick={() => stepVoiceLayer(layer.id, -1)}
          >
            Previous sentence
          </button>
          <button
            type="button"
            className="btn btn-quiet btn-small"
            onClick={() => stepVoiceLayer(layer.id, 0)}
          >
            Replay sentence
          </button>
          <button
            type="button"
            className="btn btn-quiet btn-small"
            onClick={() => stepVoiceLayer(layer.id, 1)}
          >
            Next sentence
          </button>
        </fieldset>
      )}
      <div className="layer-params">
        <label className="inline-field" htmlFor={`${uid}-style`}>
          Style
          <select
            id={`${uid}-style`}
            value={layer.style}
            disabled={wordless}
            onChange={(e) => onChange({ style: e.target.value === "whisper" ? "whisper" : "soft" })}
          >
            <option value="soft">Soft-spoken</option>
            <option value="whisper">Whisper</option>
          </select>
        </label>
        <label className="inline-field" htmlFor={`${uid}-rate`}>
          Rate
          <input
            id={`${uid}-rate`}
            type="range"
            min={VOICE_RATE_RANGE.min}
            max={VOICE_RATE_RANGE.max}
            step={5}
            value={layer.rateWpm}
            onChange={(e) => onChange({ rateWpm: Number(e.target.value) })}
          />
          <output className="small">{layer.rateWpm} words/min</output>
        </label>
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
