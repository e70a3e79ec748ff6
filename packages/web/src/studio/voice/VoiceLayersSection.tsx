import type { StudioScene } from "@meridian/core";
import { MAX_VOICE_LAYERS } from "@meridian/core";
import { useEffect, useState } from "react";
import { usePlayer } from "../../audio/PlayerProvider";
import { useVoiceLayers } from "./useVoiceStatus";
import { VoiceLayerCard } from "./VoiceLayerCard";
import { choiceByValue, newVoiceLayer, VOICE_CHOICES, withVoiceLayer } from "./voiceMix";

interface Props {
  scene: StudioScene;
  selected: string | null;
  onSelect(id: string | null): void;
  /** Commit a changed scene (the studio's and the Listen step's own commit). */
  onCommit(next: StudioScene): void;
  /** Called after a voice is added (e.g. to start playing). */
  onAdded?(next: StudioScene): void;
}

/** The voice layers of a mix and the picker that adds one: a story, a wind-down set or the
 * wordless whisper, spoken by the offline voice in this browser. */
export function VoiceLayersSection({ scene, selected, onSelect, onCommit, onAdded }: Props) {
  useVoiceLayers();
  const [choice, setChoice] = useState(VOICE_CHOICES.stories[0]?.value ?? "wordless");
  const voices = scene.voiceLayers ?? [];
  const { player } = usePlayer();
  // A voice in the mix: load the engine now, so its first sentence is queued before Play.
  const hasVoice = voices.length > 0;
  useEffect(() => {
    if (hasVoice) void player.prepare();
  }, [hasVoice, player]);
  const add = () => {
    const c = choiceByValue(choice);
    const layer = c ? newVoiceLayer(scene, c.content) : null;
    if (!layer) return;
    const next = { ...scene, voiceLayers: [...voices, layer] };
    onCommit(next);
    onSelect(layer.id);
    onAdded?.(next);
  };
  return (
    <div className="stack small-gap">
      {voices.length > 0 && (
        <ol className="layer-list" aria-label="Voices in this mix">
          {voices.map((l) => (
            <VoiceLayerCard
              key={l.id}
              layer={l}
              selected={l.id === selected}
              onSelect={() => onSelect(l.id)}
              onChange={(p) => onCommit(withVoiceLayer(scene, l.id, p))}
              onRemove={() => {
                onCommit({ ...scene, voiceLayers: voices.filter((v) => v.id !== l.id) });
                if (selected === l.id) onSelect(null);
              }}
            />
          ))}
        </ol>
      )}
      <div className="row">
        <label className="inline-field">
          Voice
          <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Voice to add">
            <optgroup label="Bedtime stories">
              {VOICE_CHOICES.stories.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
            <optgroup label="Wind-down lines">
              {VOICE_CHOICES.windDown.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </optgroup>
            <option value={VOICE_CHOICES.wordless.value}>{VOICE_CHOICES.wordless.label}</option>
          </select>
        </label>
        <button
          type="button"
          className="btn btn-small"
          onClick={add}
          disabled={voices.length >= MAX_VOICE_LAYERS}
        >
          Add voice
        </button>
      </div>
    </div>
  );
}
