import { parseScene } from "@meridian/core";
import { builtinScene } from "@meridian/sound";
import { usePlayer } from "../audio/PlayerProvider";
import { Link } from "../router/router";
import { useVoiceLayers } from "./voice/useVoiceStatus";

/** The session's scene snapshot when it carries voices (added in the Listen step), else null. */
function withVoices(snapshot: unknown) {
  const parsed = parseScene(snapshot);
  return parsed.ok && (parsed.scene.voiceLayers?.length ?? 0) > 0 ? parsed.scene : null;
}

/** In the session's write step: play the chosen built-in scene (with the voices picked for it)
 * through the app-wide player. Nothing plays until the writer presses Play (a user gesture
 * starts the audio context). */
export function SessionPlayButton({
  presetId,
  name,
  snapshot,
}: {
  presetId: string;
  name: string;
  snapshot?: unknown;
}) {
  const { player, snap } = usePlayer();
  useVoiceLayers();
  const scene = withVoices(snapshot) ?? builtinScene(presetId);
  if (!scene) return null;
  const mine = snap.scene !== null && snap.title === name;
  const playing = mine && snap.state === "playing";
  return (
    <div className="listen-player" data-testid="session-listen">
      <button
        type="button"
        className="btn btn-small"
        aria-pressed={playing}
        onClick={() => {
          if (playing) void player.pause();
          else if (mine) void player.play();
          else void player.play(JSON.parse(JSON.stringify(scene)), name);
        }}
      >
        {playing ? `Pause ${name}` : `Play ${name}`}
      </button>
      <Link to="/studio" className="small muted" target="_blank" rel="noopener">
        Open the studio
      </Link>
    </div>
  );
}
