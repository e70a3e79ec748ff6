import type { StudioScene, VoiceSceneLayer } from "@meridian/core";
import { useState } from "react";
import { VoiceLayersSection } from "./VoiceLayersSection";

const BASE: StudioScene = { version: 2, layers: [], mediaLayers: [] };

/** The session's Listen step: a story or wind-down voice to go with the chosen scene (the
 * studio's voice picker and cards, on a scene of voices only). */
export function ListenVoices({
  initial,
  onChange,
}: {
  initial: readonly VoiceSceneLayer[];
  onChange(voices: VoiceSceneLayer[]): void;
}) {
  const [scene, setScene] = useState<StudioScene>({ ...BASE, voiceLayers: initial });
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="field" data-testid="listen-voices">
      <p className="measure-question">A voice to go with it (optional)</p>
      <VoiceLayersSection
        scene={scene}
        selected={selected}
        onSelect={setSelected}
        onCommit={(next) => {
          setScene(next);
          onChange([...(next.voiceLayers ?? [])]);
        }}
      />
    </div>
  );
}
