/**
 * The MessagePort protocol between the main thread (player.ts) and the AudioWorklet
 * (worklet.ts). Plain structured-cloneable objects; see docs/audio-protocol.md.
 */
import type { Scene, TriggerKind } from "@meridian/sound";

/** Name the processor registers under (registerProcessor / new AudioWorkletNode). */
export const PROCESSOR_NAME = "meridian-engine";

export interface ProcessorOptions {
  readonly seed: number;
  /** A scene to start with (set before the first block renders; OfflineAudioContext renders need it). */
  readonly scene?: Scene;
  /** Milliseconds between stats reports (default 500). */
  readonly statsIntervalMs?: number;
}

/** Main thread → worklet. */
export type ToWorklet =
  | { readonly type: "setScene"; readonly scene: Scene }
  | {
      readonly type: "setLayerParam";
      readonly layerId: string;
      readonly name: string;
      readonly value: number | boolean | string;
    }
  | {
      readonly type: "trigger";
      readonly kind: TriggerKind | string;
      readonly strength: number;
      readonly gainDb?: number;
      readonly delay?: number;
      readonly azimuth?: number;
      readonly elevation?: number;
      readonly distance?: number;
      /** Echo id: when set, the worklet answers with `triggered`. */
      readonly id?: number;
      /** Epoch milliseconds (performance.timeOrigin + event.timeStamp) of the keydown. */
      readonly sentAt?: number;
    }
  | { readonly type: "fadeOut"; readonly seconds: number }
  | { readonly type: "stop" }
  | { readonly type: "setMasterGain"; readonly db: number }
  | { readonly type: "stats" }
  | {
      /** PCM for a scene's PCM layer (speech): transferred, any rate; answered by `pcmStatus`. */
      readonly type: "pushPcm";
      readonly layerId: string;
      readonly samples: Float32Array;
      readonly channels: 1 | 2;
      readonly sampleRate: number;
      readonly endOfStream?: boolean;
    }
  | { readonly type: "clearPcm"; readonly layerId: string };

/** Where a PCM layer is (engine-rate frames); `accepted` answers a push (input frames taken). */
export interface PcmLayerStatus {
  readonly layerId: string;
  readonly framesPlayed: number;
  readonly framesQueued: number;
  readonly ended: boolean;
  readonly sampleRate: number;
  readonly accepted?: number;
}

export interface EngineStats {
  /** Share of the render budget spent in engine.process since the last report, 0–1. */
  readonly load: number;
  /** Blocks that took longer than their real-time budget (total since start). */
  readonly overruns: number;
  /** Blocks rendered in total. */
  readonly blocks: number;
  /** Frames rendered in total. */
  readonly frames: number;
  /** Triggers scheduled in total. */
  readonly triggers: number;
  readonly sampleRate: number;
  /** Which clock measured the time: "performance" (sub-ms) or "date" (1 ms, averaged). */
  readonly clock: "performance" | "date";
}

/** Worklet → main thread. */
export type FromWorklet =
  | { readonly type: "ready"; readonly sampleRate: number }
  | ({ readonly type: "stats" } & EngineStats)
  | {
      readonly type: "triggered";
      readonly id: number;
      readonly ok: boolean;
      readonly sentAt: number;
      /** Epoch milliseconds when engine.trigger scheduled the event. */
      readonly scheduledAt: number;
      /** Engine frame the event starts at. */
      readonly frame: number;
    }
  | ({ readonly type: "pcmStatus" } & PcmLayerStatus)
  | { readonly type: "finished" }
  | { readonly type: "error"; readonly message: string };
