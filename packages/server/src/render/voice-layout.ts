/**
 * Shared layout of the offline render's voice thread (voice-feed.ts on the render side,
 * voice-thread.ts in the thread). Audio: one ring of SLOTS × CHUNK frames per voice channel in a
 * SharedArrayBuffer of Float32. Control: an Int32Array of counters in chunks (not frames, so a
 * 12-hour render at 192 kHz stays far from 2³¹).
 */

/** Frames per chunk the thread renders in one go. */
export const CHUNK = 4096;
/** Chunks in each ring: how far the thread may run ahead of the render. */
export const SLOTS = 8;
/** Control slots: chunks produced (thread), chunks consumed (render), stop request, thread failure. */
export const PRODUCED = 0;
export const CONSUMED = 1;
export const STOP = 2;
export const FAILED = 3;
export const CONTROL_LENGTH = 4;

/** One scene layer's place in the audio buffer: `channels` rings from frame `offset`. */
export interface VoiceRing {
  readonly id: string;
  readonly channels: 1 | 2;
  /** Offset in Float32 elements of the layer's first ring. */
  readonly offset: number;
}

/** What the thread is started with (structured-cloned; the two buffers are shared). */
export interface VoiceThreadData {
  readonly scene: unknown;
  readonly seed: number;
  readonly sampleRate: number;
  readonly rings: readonly VoiceRing[];
  readonly audio: SharedArrayBuffer;
  readonly control: SharedArrayBuffer;
}
