/** One-shot triggers: which generator plays each kind, and where it sounds by default. */

export type TriggerKind = "key" | "pen" | "tap" | "page";

export const TRIGGER_GENERATORS: Readonly<Record<TriggerKind, string>> = {
  key: "keyboard",
  pen: "pen-on-paper",
  tap: "tapping",
  page: "page-turn",
};

export interface TriggerOptions {
  /** Absolute frame at which the event starts (sample-accurate). */
  readonly frame?: number;
  /** Or: seconds from the current frame. */
  readonly delay?: number;
  /** 0–1, passed to the voice's trigger (default 1). */
  readonly strength?: number;
  readonly azimuth?: number;
  readonly elevation?: number;
  readonly distance?: number;
  /** Gain of this kind's one-shot voice in dB (sticky). */
  readonly gainDb?: number;
}

export interface Placement {
  readonly azimuth: number;
  readonly elevation: number;
  readonly distance: number;
  /** Random azimuth jitter (±degrees) per event, from the engine's seeded stream. */
  readonly jitter: number;
}

/** Near the listener, as if on the desk in front: the keyboard centred, the pen to the right hand. */
export const DEFAULT_TRIGGER_PLACEMENT: Readonly<Record<TriggerKind, Placement>> = {
  key: { azimuth: 0, elevation: -35, distance: 0.5, jitter: 20 },
  pen: { azimuth: 20, elevation: -45, distance: 0.4, jitter: 8 },
  tap: { azimuth: 0, elevation: -15, distance: 0.35, jitter: 50 },
  page: { azimuth: -15, elevation: -35, distance: 0.5, jitter: 10 },
};
