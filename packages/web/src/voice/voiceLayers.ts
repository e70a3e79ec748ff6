/**
 * The scene's voice layers, wherever the player plays them (studio, the session's Listen step):
 * one VoiceFeed per layer, kept in step with the player's scene — a layer added starts its
 * stream (synthesis begins before Play, so the first sentence is ready when the engine is), a
 * new content, style or rate reopens it at the sentence playing, a removed layer closes it.
 * Placement, motion, gain, mute and solo are the engine's (the layer's PCM layer in the scene).
 * Loaded by the player only when a scene has a voice layer.
 */
import type { VoiceSceneLayer } from "@meridian/core";
import type { Player } from "../audio/player";
import { type FeedStatus, VoiceFeed } from "./feed";

interface Entry {
  feed: VoiceFeed;
  key: string;
  content: string;
}

const feeds = new Map<string, Entry>();
const listeners = new Set<() => void>();
let attached: Player | null = null;

const notify = () => {
  for (const l of listeners) l();
};

/** What a layer speaks and how: a change here reopens its stream. */
const keyOf = (l: VoiceSceneLayer) => JSON.stringify([l.content, l.style, l.rateWpm]);
const streamOptions = (l: VoiceSceneLayer) => ({
  style: l.style,
  rateWpm: l.rateWpm,
  seed: hashId(l.id),
});

function hashId(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

function sync(player: Player): void {
  const layers = player.snapshot.scene?.voiceLayers ?? [];
  const ids = new Set(layers.map((l) => l.id));
  let changed = false;
  for (const [id, e] of feeds) {
    if (ids.has(id)) continue;
    e.feed.close();
    feeds.delete(id);
    changed = true;
  }
  for (const l of layers) {
    const key = keyOf(l);
    const e = feeds.get(l.id);
    if (e && e.key === key) continue;
    // A new style or rate resumes at the sentence playing; a new story or set starts afresh.
    if (e && e.content === JSON.stringify(l.content)) {
      e.feed.restyle(streamOptions(l));
      e.key = key;
      continue;
    }
    e?.feed.close();
    const feed = new VoiceFeed(
      player,
      l.id,
      { kind: "content", content: l.content },
      streamOptions(l),
      l.startAt ?? 0,
    );
    feed.subscribe(notify);
    feeds.set(l.id, { feed, key, content: JSON.stringify(l.content) });
    changed = true;
  }
  if (changed) notify();
}

/** Follow the player's scene (called once, by the player, when a scene first has a voice). */
export function attachVoiceLayers(player: Player): void {
  if (attached) return;
  attached = player;
  player.subscribe(() => sync(player));
  sync(player);
}

export function subscribeVoiceLayers(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Where a voice layer is (null before its stream starts). */
export function voiceLayerStatus(id: string): FeedStatus | null {
  return feeds.get(id)?.feed.status ?? null;
}

/** Skip forward (+1), replay the sentence playing (0) or go back one (−1). */
export function stepVoiceLayer(id: string, by: -1 | 0 | 1): void {
  const feed = feeds.get(id)?.feed;
  if (feed) feed.seek(feed.status.sentence + by);
}
