/**
 * Voice layers in an offline render: each audible voice layer's narration (@meridian/voice's
 * narrate: a story, wind-down set or the wordless whisper, styled) is pushed into the engine's
 * PCM layer of the same id, sentence by sentence, a few seconds ahead of the render position.
 * Back-pressure is the engine's: `pushPcm` takes what fits in the layer's ring and the rest
 * waits for the next chunk. When a story ends its layer is marked at end of stream and falls
 * silent; the rest of the scene plays on. Same scene and seed → the same pushes, the same file.
 */
import { type VoiceSceneLayer, voiceProximity } from "@meridian/core";
import { type Engine, hashString, type Scene } from "@meridian/sound";
import { type NarratedSentence, narrate } from "@meridian/voice/narration";
import { loadSpeechEngine } from "@meridian/voice/node";

/** Seconds of speech kept queued ahead of the render position. */
export const NARRATION_AHEAD_SECONDS = 8;

interface Stream {
  readonly id: string;
  readonly gen: AsyncGenerator<NarratedSentence>;
  pieces: Float32Array[];
  rate: number;
  exhausted: boolean;
  ended: boolean;
  sentences: number;
}

/** Voice layers the scene lets be heard (not muted, soloed when anything is). */
function audibleIds(scene: Scene): Set<string> {
  const pcm = scene.pcmLayers ?? [];
  const solo = scene.layers.some((l) => l.solo === true) || pcm.some((l) => l.solo === true);
  return new Set(pcm.filter((l) => l.mute !== true && (!solo || l.solo === true)).map((l) => l.id));
}

/** Seed of one voice layer's narration in a render of `seed`. */
export function narrationSeed(seed: number, layerId: string): number {
  return hashString(`render-voice:${seed >>> 0}:${layerId}`);
}

export class NarrationFeed {
  readonly #streams: Stream[];

  private constructor(streams: Stream[]) {
    this.#streams = streams;
  }

  /**
   * A feed for the scene's voice layers (those with a PCM layer in `scene` that can be heard),
   * or null when there are none. Loads the speech engine (compiled once per process).
   */
  static async start(
    scene: Scene,
    layers: readonly VoiceSceneLayer[],
    seed: number,
  ): Promise<NarrationFeed | null> {
    const audible = audibleIds(scene);
    const wanted = layers.filter((l) => audible.has(l.id));
    if (wanted.length === 0) return null;
    const speech = await loadSpeechEngine();
    const streams = wanted.map((layer) => ({
      id: layer.id,
      gen: narrate(speech, layer.content, {
        style: layer.style,
        rateWpm: layer.rateWpm,
        seed: narrationSeed(seed, layer.id),
        proximity: voiceProximity(layer.position.distance),
        ...(layer.startAt !== undefined ? { startAt: layer.startAt } : {}),
      }),
      pieces: [],
      rate: speech.sampleRate,
      exhausted: false,
      ended: false,
      sentences: 0,
    }));
    return new NarrationFeed(streams);
  }

  /** Sentences synthesised so far, by layer id. */
  get sentences(): Record<string, number> {
    return Object.fromEntries(this.#streams.map((s) => [s.id, s.sentences]));
  }

  /** Tops up every layer so at least `frames` plus NARRATION_AHEAD_SECONDS are queued. */
  async fill(engine: Engine, frames: number): Promise<void> {
    const want = frames + Math.round(NARRATION_AHEAD_SECONDS * engine.sampleRate);
    for (const s of this.#streams) {
      while (!s.ended) {
        const status = engine.pcmStatus(s.id);
        if (!status || status.framesQueued >= want) break;
        const piece = s.pieces[0];
        if (!piece) {
          if (s.exhausted) {
            engine.pushPcm(s.id, new Float32Array(0), 1, s.rate, { endOfStream: true });
            s.ended = true;
            break;
          }
          const next = await s.gen.next();
          if (next.done) s.exhausted = true;
          else {
            s.sentences++;
            s.pieces.push(next.value.samples);
            const pause = Math.round(next.value.pauseAfterSeconds * s.rate);
            if (pause > 0) s.pieces.push(new Float32Array(pause));
          }
          continue;
        }
        const took = engine.pushPcm(s.id, piece, 1, s.rate);
        if (took >= piece.length) s.pieces.shift();
        else {
          s.pieces[0] = piece.subarray(took);
          if (took === 0) break;
        }
      }
    }
  }

  /** Stops every narration (a render that ends before its stories do). */
  async stop(): Promise<void> {
    for (const s of this.#streams) await s.gen.return(undefined).catch(() => undefined);
  }
}
