import { useEffect, useSyncExternalStore } from "react";
import { usePlayer } from "../../audio/PlayerProvider";
import { attachVoiceLayers, subscribeVoiceLayers, voiceLayerStatus } from "../../voice/voiceLayers";

/** Makes the player speak the voice layers of whatever scene it plays (once per page load). */
export function useVoiceLayers(): void {
  const { player } = usePlayer();
  useEffect(() => attachVoiceLayers(player), [player]);
}

/** Where a voice layer is: sentence n of N, elapsed of an estimated total (null before it starts). */
export function useVoiceStatus(id: string) {
  return useSyncExternalStore(subscribeVoiceLayers, () => voiceLayerStatus(id));
}

/** m:ss */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
