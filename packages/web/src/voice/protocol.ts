/**
 * Messages between the main thread (client.ts) and the voice Worker (voice.worker.ts). The
 * Worker speaks one sentence per `pull`, so the main thread decides how far ahead it runs
 * (back-pressure) and a 20-minute story never sits in memory whole. Text (read-back) only ever
 * travels in these messages, inside the browser. See docs/audio-protocol.md.
 */
import type { VoiceContentRef } from "@meridian/core";

export type VoiceStyleName = "soft" | "whisper";

/** What to speak: built-in content by id (a voice layer), or text (read-back of an entry). */
export type VoiceSource =
  | { readonly kind: "content"; readonly content: VoiceContentRef }
  | { readonly kind: "text"; readonly text: string };

export interface StreamOptions {
  readonly style: VoiceStyleName;
  readonly rateWpm: number;
  readonly seed: number;
  /** First sentence to speak (skip, replay, resume). */
  readonly from: number;
}

export type ToVoiceWorker =
  | ({ readonly type: "open"; readonly stream: number; readonly source: VoiceSource } & StreamOptions)
  /** Speak the next sentence of the stream (one answer: `sentence`, `end` or `error`). */
  | { readonly type: "pull"; readonly stream: number }
  | { readonly type: "close"; readonly stream: number };

export type FromVoiceWorker =
  | {
      readonly type: "opened";
      readonly stream: number;
      /** Sentences in the whole source (null: endless, the wordless whisper). */
      readonly count: number | null;
      /** Estimated seconds of the whole source at the rate asked for (null: endless). */
      readonly totalSeconds: number | null;
    }
  | {
      readonly type: "sentence";
      readonly stream: number;
      readonly index: number;
      /** Mono PCM, styled and level-calibrated, the pause after it included (transferred). */
      readonly samples: Float32Array;
      readonly sampleRate: number;
    }
  | { readonly type: "end"; readonly stream: number }
  | { readonly type: "error"; readonly stream: number; readonly message: string };
