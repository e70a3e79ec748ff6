/**
 * The scene: what the engine plays. Plain data (JSON), validated by `sceneSchema` in
 * @meridian/core (zod); this file only holds the TypeScript shape the engine takes.
 *
 * Conventions: azimuth in degrees, 0 = straight ahead, +90 = right ear, −90 = left ear,
 * ±180 = behind. Elevation in degrees, + up. Distance in metres from the centre of the head
 * (1 m is the calibration reference; 0.1–0.3 m is "at the ear").
 */

export const SCENE_VERSION = 1;

export type MotionKind = "static" | "sweep" | "orbit" | "approach" | "drift";

export const MOTION_KINDS: readonly MotionKind[] = ["static", "sweep", "orbit", "approach", "drift"];

export interface Position {
  readonly azimuth: number;
  readonly elevation: number;
  readonly distance: number;
}

/**
 * Movement of a layer around its base position.
 * - sweep: ear-to-ear, azimuth = base ± depth·sin(2πt/period); depth in degrees (default 90).
 * - orbit: a full circle around the head every period; depth unused (negative period reverses).
 * - approach: distance swings between the base distance and `depth` metres (default 0.15) and back.
 * - drift: slow random wandering of azimuth (±depth degrees, default 30), elevation and distance,
 *   with new targets about once per period.
 */
export interface Motion {
  readonly kind: MotionKind;
  /** Seconds per cycle (default 20). */
  readonly period?: number;
  readonly depth?: number;
}

export interface SceneLayer {
  /** Unique within the scene; also salts the layer's seed. */
  readonly id: string;
  /** A generator id from the registry, e.g. "rain". */
  readonly generator: string;
  /** Generator parameters by name; missing ones take the generator's defaults. */
  readonly params?: Readonly<Record<string, number>>;
  /** 0–1: how much the sound evolves over minutes (the generator's "variation" parameter). */
  readonly variation?: number;
  /** Layer gain in dB on top of the generator's calibration (0 = −27 LUFS reference). */
  readonly gainDb?: number;
  readonly mute?: boolean;
  readonly solo?: boolean;
  readonly position?: Position;
  readonly motion?: Motion;
  /** Stereo generators: degrees between the two channels, centred on the azimuth (default 60). */
  readonly spread?: number;
}

/**
 * A PCM layer: sound the host pushes in as samples (`Engine.pushPcm`: synthesised speech, own
 * recordings) instead of a generator, placed, moved, gained, muted and soloed exactly like a
 * generator layer and mixed through the same limiter. Ids are unique across `layers` and
 * `pcmLayers`. Calibrated like a generator: PCM at −27 LUFS (what the voice styles deliver)
 * plays at −27 LUFS at 0 dB and the default position; then `gainDb` and the scene's make-up gain.
 * JSON shape: { id, channels?: 1|2 (default 1), loop?: boolean, bufferSeconds?: number (ring
 * length, default 30, max 600), gainDb?, mute?, solo?, position?, motion?, spread? }.
 */
export interface PcmLayer {
  readonly id: string;
  /** 1 (default): one placed source; 2: two sources `spread` degrees apart, like a stereo generator. */
  readonly channels?: 1 | 2;
  /** Repeat the whole clip once its end of stream is marked (its end crossfades into its start). */
  readonly loop?: boolean;
  /**
   * Seconds of PCM the layer's ring holds at the engine rate (default 30, at most 600; memory is
   * 4 bytes per sample per channel: 30 s of stereo at 48 kHz is 11.5 MB), fixed
   * when the layer is created (a later scene with the same id and channels keeps the ring and
   * what it holds; a change of `channels` makes a new layer).
   */
  readonly bufferSeconds?: number;
  readonly gainDb?: number;
  readonly mute?: boolean;
  readonly solo?: boolean;
  readonly position?: Position;
  readonly motion?: Motion;
  readonly spread?: number;
}

/** Early reflections around the listener (engine/room.ts): none, a small room, a large room. */
export type RoomKind = "dry" | "close" | "large";

export const ROOM_KINDS: readonly RoomKind[] = ["dry", "close", "large"];

export interface Scene {
  readonly version: 1;
  readonly name?: string;
  readonly description?: string;
  /** Master gain in dB (default 0): the listener's own level, on top of the make-up gain. */
  readonly masterGainDb?: number;
  /**
   * Level-matching gain in dB (default 0) that brings the mix to −27 LUFS: an offline loudness
   * estimate of the scene (`estimateSceneLoudness`), stored with it. Applied unless `keepLevel`.
   */
  readonly makeupGainDb?: number;
  /** "Keep my level": play at the master gain alone, without the make-up gain. */
  readonly keepLevel?: boolean;
  /** Early reflections (default "dry": none, the output as without a room stage). */
  readonly room?: RoomKind;
  /** Seconds of fade-in when the scene starts (default 3). */
  readonly fadeIn?: number;
  /** Seconds of fade-out used when playback or a render ends (default 10). */
  readonly fadeOut?: number;
  readonly layers: readonly SceneLayer[];
  /** Layers that play pushed PCM (speech, own audio); see PcmLayer. */
  readonly pcmLayers?: readonly PcmLayer[];
}

export const DEFAULT_POSITION: Position = { azimuth: 0, elevation: 0, distance: 1 };
export const DEFAULT_SPREAD = 60;
export const DEFAULT_FADE_IN = 3;
export const DEFAULT_FADE_OUT = 10;
export const DEFAULT_MOTION_PERIOD = 20;
export const MAX_LAYERS = 32;
