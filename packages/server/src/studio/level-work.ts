/**
 * The work of the level thread (level-thread.ts), kept apart from its entry so the server can
 * import it (the same answer on the event loop when the thread's code cannot be built). Each
 * request is answered with the same pure function the routes used to run on the event loop:
 * - `gain`: a preset's (or an experiment soundscape's) make-up gain, `measureMakeupGainDb`;
 * - `sham`: an experiment's matched sham bed for a trigger layer, `shamLayerFor`;
 * - `brightness`: a scene's spectral brightness over a short render (the noise-bed fallback).
 */
import { measureMakeupGainDb, renderScene, type Scene, type SceneLayer, shamLayerFor } from "@meridian/sound";

export type LevelRequest =
  | { id: number; kind: "gain"; scene: Scene; seconds: number }
  | {
      id: number;
      kind: "sham";
      layer: SceneLayer;
      sampleRate: number;
      seed: number;
      seconds: number;
      matchLoudness: boolean;
    }
  | { id: number; kind: "brightness"; scene: Scene; seconds: number; sampleRate: number };

export type LevelReply =
  | { id: number; gainDb: number }
  | { id: number; layer: SceneLayer }
  | { id: number; brightness: number }
  | { id: number; error: string };

/** Mean squared first difference over mean square of the left channel: 2 for white noise. */
export function sceneBrightness(scene: Scene, seconds: number, sampleRate: number): number {
  const out = renderScene({ ...scene, fadeIn: 0 }, { seconds, sampleRate });
  let power = 0;
  let diff = 0;
  for (let i = 1; i < out.l.length; i++) {
    const x = out.l[i] as number;
    const d = x - (out.l[i - 1] as number);
    power += x * x;
    diff += d * d;
  }
  return power > 0 ? diff / power : 0;
}

/** The answer to one request, computed here (in the thread, or on the event loop as fallback). */
export function answer(m: LevelRequest): LevelReply {
  switch (m.kind) {
    case "gain":
      return { id: m.id, gainDb: measureMakeupGainDb(m.scene, { seconds: m.seconds }) };
    case "sham":
      return {
        id: m.id,
        layer: shamLayerFor(m.layer, m.sampleRate, m.seed, {
          seconds: m.seconds,
          matchLoudness: m.matchLoudness,
        }),
      };
    case "brightness":
      return { id: m.id, brightness: sceneBrightness(m.scene, m.seconds, m.sampleRate) };
  }
}
