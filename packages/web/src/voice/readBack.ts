/**
 * "Read this back to me": text (an entry, a session's prompt) spoken by the voice Worker into a
 * PCM layer of its own, close to the listener. The text goes from this page to the Worker and
 * nowhere else. Over a mix that is playing, the voice joins it; when nothing plays, only the
 * voice sounds (the player's scene is set aside and given back when reading ends).
 */
import type { StudioScene } from "@meridian/core";
import type { PcmLayer } from "@meridian/sound";
import type { Player } from "../audio/player";
import { type FeedStatus, VoiceFeed } from "./feed";
import type { VoiceStyleName } from "./protocol";

export const READ_BACK_LAYER = "read-back";

const QUIET: StudioScene = { version: 2, name: "Read back", layers: [], mediaLayers: [], fadeIn: 0.3 };

/** Close at the right ear when whispered, a little further in front when soft-spoken. */
const layerFor = (style: VoiceStyleName): PcmLayer => ({
  id: READ_BACK_LAYER,
  channels: 1,
  bufferSeconds: 60,
  position:
    style === "whisper"
      ? { azimuth: 60, elevation: 0, distance: 0.4 }
      : { azimuth: 20, elevation: 0, distance: 0.8 },
});

export interface ReadBackHandle {
  readonly status: FeedStatus;
  subscribe(fn: () => void): () => void;
  stop(): void;
}

let current: { feed: VoiceFeed; stop(): void } | null = null;

export function readBack(
  player: Player,
  text: string,
  style: VoiceStyleName,
  onDone: (error: string | null) => void,
): ReadBackHandle {
  current?.stop();
  const wasPlaying = player.snapshot.state === "playing";
  const set = wasPlaying ? null : { scene: player.snapshot.scene, title: player.snapshot.title };
  player.setExtraPcm([layerFor(style)]);
  const feed = new VoiceFeed(
    player,
    READ_BACK_LAYER,
    { kind: "text", text },
    {
      style,
      rateWpm: style === "whisper" ? 120 : 130,
      seed: (Math.random() * 2 ** 32) >>> 0,
    },
  );
  let done = false;
  const finish = async (error: string | null) => {
    if (done) return;
    done = true;
    unsub();
    feed.close();
    if (current?.feed === feed) current = null;
    if (set) {
      await player.stop();
      if (set.scene) player.setScene(set.scene, set.title);
    }
    player.setExtraPcm([]);
    onDone(error);
  };
  const unsub = feed.subscribe(() => {
    const st = feed.status;
    if (st.state === "ended") void finish(null);
    else if (st.state === "error") void finish(st.error);
  });
  if (set) void player.play(QUIET, "Read back");
  const handle = { feed, stop: () => void finish(null) };
  current = handle;
  return {
    get status() {
      return feed.status;
    },
    subscribe: (fn) => feed.subscribe(fn),
    stop: handle.stop,
  };
}
