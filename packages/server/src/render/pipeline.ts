/**
 * The offline render loop shared by `meridian render` and the server's render queue: the scene
 * runs through the engine in chunks and streams into a WAV or MP3 writer (constant memory, hours
 * of audio). The final fade starts exactly at its frame; an abort ends early with a short fade,
 * leaving a valid, shorter file. Voice layers are narrated into the engine's PCM layers ahead of
 * the render position (narration-feed.ts).
 */
import type { VoiceSceneLayer } from "@meridian/core";
import { createEngine, DEFAULT_FADE_IN, DEFAULT_FADE_OUT, MAX_PCM_LAYERS, type Scene } from "@meridian/sound";
import type { WavLayerSource } from "./media-source";
import { Mp3Writer } from "./mp3-writer";
import { NarrationFeed } from "./narration-feed";
import { VoiceFeed } from "./voice-feed";
import { WavWriter } from "./wav-writer";

export const RENDER_CHUNK = 16384;

export type RenderFormat = "wav" | "mp3";

export interface AudioWriter {
  write(channels: readonly Float32Array[], n: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens the writer for a format. MP3 rejects sample rates it cannot encode (an Error). */
export async function openAudioWriter(
  format: RenderFormat,
  path: string,
  sampleRate: number,
): Promise<AudioWriter> {
  return format === "mp3" ? Mp3Writer.create(path, sampleRate) : WavWriter.create(path, sampleRate);
}

export interface RenderSpec {
  scene: Scene;
  seconds: number;
  sampleRate: number;
  seed: number;
  /**
   * Fade at the end in seconds (default the scene's fadeOut, else 10). When fade-in and fade-out
   * together are longer than the render, both shrink in proportion (fitFades).
   */
  fadeOutSeconds?: number;
  /** Own WAV layers mixed in after the engine (opened by the caller, closed here). */
  media?: readonly WavLayerSource[];
  /**
   * The studio scene's voice layers: each is narrated into the PCM layer of the same id in
   * `scene.pcmLayers` (toEngineScene puts it there). A story ends when it ends; the scene goes on.
   */
  voiceLayers?: readonly VoiceSceneLayer[];
}

export interface RenderControl {
  /** Aborting stops early with a 0.1 s fade (a valid, shorter file). */
  signal?: AbortSignal;
  /** Called after every chunk with frames written so far and the planned total. */
  onProgress?: (done: number, total: number) => void;
  /** When running on the event loop: yield (setImmediate) at least this often, in ms. */
  yieldEveryMs?: number;
  /**
   * Synthesise the layers' voices on a second thread (voice-feed.ts): the render uses two
   * cores and the file is the same. Falls back to one thread when none can be started.
   */
  voiceThread?: boolean;
}

export interface RenderOutcome {
  /** Frames written, the abort tail included. */
  frames: number;
  aborted: boolean;
  /** Wall time of the loop in seconds. */
  wallSeconds: number;
  /** Whether the voices were synthesised on a second thread. */
  voiceThread: boolean;
}

/**
 * The fade-in and final fade for a render of `seconds`: as asked when they fit one after the
 * other, else both shortened in proportion so they fill the render exactly (a 10 s render of a
 * scene with a 5 s fade-in and a 30 s fade-out gets 1.43 s and 8.57 s) and the render is never
 * silent because its final fade started before the fade-in had finished.
 */
export function fitFades(
  fadeIn: number,
  fadeOut: number,
  seconds: number,
): { fadeIn: number; fadeOut: number } {
  const i = Math.max(0, fadeIn);
  const o = Math.max(0, fadeOut);
  const s = Math.max(0, seconds);
  if (i + o <= s) return { fadeIn: i, fadeOut: o };
  const k = s / (i + o);
  return { fadeIn: i * k, fadeOut: o * k };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Renders `spec` into `writer` and closes it (also when something throws). */
export async function renderInto(
  writer: AudioWriter,
  spec: RenderSpec,
  control: RenderControl = {},
): Promise<RenderOutcome> {
  const { sampleRate, seconds } = spec;
  const fades = fitFades(
    spec.scene.fadeIn ?? DEFAULT_FADE_IN,
    spec.fadeOutSeconds ?? spec.scene.fadeOut ?? DEFAULT_FADE_OUT,
    seconds,
  );
  const fade = fades.fadeOut;
  // Own audio plays through engine PCM layers (placed like every layer) while the engine has
  // room for them; a file it can't take is mixed in after it, as before.
  const media = spec.media ?? [];
  const pcmRoom = MAX_PCM_LAYERS - (spec.scene.pcmLayers?.length ?? 0);
  const inEngine = media.filter((m) => m.engineReady).slice(0, Math.max(0, pcmRoom));
  const mixed = media.filter((m) => !inEngine.includes(m));
  const makeupDb = spec.scene.keepLevel === true ? 0 : (spec.scene.makeupGainDb ?? 0);
  const pcmLayers = [...(spec.scene.pcmLayers ?? []), ...inEngine.map((m) => m.pcmLayer(makeupDb))];
  // The engine runs the scene with the fitted fade-in (and fade-out, for its own default).
  const scene: Scene = {
    ...spec.scene,
    fadeIn: fades.fadeIn,
    fadeOut: fades.fadeOut,
    ...(pcmLayers.length > 0 ? { pcmLayers } : {}),
  };
  const feed = control.voiceThread ? await VoiceFeed.start(scene, spec.seed, sampleRate) : null;
  let engine: ReturnType<typeof createEngine>;
  let narration: NarrationFeed | null = null;
  try {
    engine = createEngine({ sampleRate, seed: spec.seed, ...(feed ? { voices: feed.voices } : {}) });
    engine.setScene(scene);
    if (spec.voiceLayers && spec.voiceLayers.length > 0) {
      narration = await NarrationFeed.start(scene, spec.voiceLayers, spec.seed);
    }
  } catch (error) {
    await feed?.stop();
    await writer.close();
    throw error;
  }
  const total = Math.round(seconds * sampleRate);
  const fadeStart = total - Math.round(fade * sampleRate);
  const l = new Float32Array(RENDER_CHUNK);
  const r = new Float32Array(RENDER_CHUNK);
  const fadeInFrames = Math.max(1, Math.round(fades.fadeIn * sampleRate));
  const fadeFrames = total - fadeStart;
  let abortAt = -1;
  const tailFrames = Math.round(0.12 * sampleRate);
  // The own-audio layers' gain envelope: the scene's fade-in, the final fade, the abort fade.
  const envelope = (f: number): number => {
    let g = Math.min(1, f / fadeInFrames);
    if (f > fadeStart && fadeFrames > 0) g *= Math.max(0, 1 - (f - fadeStart) / fadeFrames);
    if (abortAt >= 0) g *= Math.max(0, 1 - (f - abortAt) / tailFrames);
    return g;
  };
  const mix = async (n: number, at: number) => {
    for (const m of mixed) await m.mixInto(l, r, n, at, sampleRate, envelope);
  };
  const started = performance.now();
  let lastYield = started;
  let done = 0;
  let aborted = false;
  try {
    while (done < total) {
      if (control.signal?.aborted) {
        aborted = true;
        break;
      }
      // Start the final fade exactly at its frame.
      let n = Math.min(RENDER_CHUNK, total - done);
      if (done < fadeStart && done + n > fadeStart) n = fadeStart - done;
      if (done === fadeStart && fade > 0) engine.fadeOut(fade);
      if (narration) await narration.fill(engine, n);
      for (const m of inEngine) await m.feed(engine, n);
      if (feed) await feed.ready(engine.frame + n);
      engine.process(l, r, n);
      feed?.release(engine.frame);
      await mix(n, done);
      await writer.write([l, r], n);
      done += n;
      control.onProgress?.(done, total);
      if (control.yieldEveryMs !== undefined) {
        const now = performance.now();
        if (now - lastYield >= control.yieldEveryMs) {
          await nextTurn();
          lastYield = performance.now();
        }
      }
    }
    if (aborted) {
      // A short fade so the early end does not click.
      engine.fadeOut(0.1);
      const tail = tailFrames;
      abortAt = done;
      for (let k = 0; k < tail; k += RENDER_CHUNK) {
        const n = Math.min(RENDER_CHUNK, tail - k);
        if (narration) await narration.fill(engine, n);
        for (const m of inEngine) await m.feed(engine, n);
        if (feed) await feed.ready(engine.frame + n);
        engine.process(l, r, n);
        feed?.release(engine.frame);
        await mix(n, done);
        await writer.write([l, r], n);
        done += n;
      }
    }
  } finally {
    await narration?.stop();
    await feed?.stop();
    await writer.close();
    for (const m of media) await m.close().catch(() => {});
  }
  return {
    frames: done,
    aborted,
    wallSeconds: (performance.now() - started) / 1000,
    voiceThread: feed !== null,
  };
}
