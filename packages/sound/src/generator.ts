/**
 * The contract every sound generator implements. A generator definition describes the
 * sound and its parameters; `create` makes a voice with its own seeded state. Voices are
 * called from the audio thread: `process` must not allocate, and parameter changes are
 * targets the voice smooths internally (no zipper noise, no clicks).
 */

export type GeneratorCategory = "trigger" | "journal" | "bed";

export interface ParamSpec {
  /** Machine name used in scenes and setLayerParam, e.g. "intensity". */
  readonly name: string;
  /** Short human label, e.g. "Intensity". */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly unit?: string;
  /** For discrete choices (e.g. material): the value is an index into this list. */
  readonly choices?: readonly string[];
  readonly description?: string;
}

export interface GeneratorVoice {
  /** Set a parameter's target value (clamped by the voice). Unknown names are ignored. */
  setParam(name: string, value: number): void;
  /**
   * Render `frames` samples starting at `offset`, overwriting (not adding to) the output.
   * Mono voices write `a` only; stereo voices (channels: 2) write two decorrelated
   * channels to `a` and `b`, which the engine places as a pair spread around the layer.
   */
  process(a: Float32Array, b: Float32Array, offset: number, frames: number): void;
  /** Optional one-shot: start one event (a keystroke, a page turn, a tap) at the next sample. */
  trigger?(strength: number): void;
}

export interface GeneratorDef {
  readonly id: string;
  readonly label: string;
  /** One sentence in our own words, shown in the mixer. */
  readonly description: string;
  readonly category: GeneratorCategory;
  /** 2–5 meaningful parameters plus "variation" (0–1: how much it evolves over minutes). */
  readonly params: readonly ParamSpec[];
  readonly channels: 1 | 2;
  /**
   * Gain in dB applied by the engine at layer gain 0 dB so that the generator at default
   * parameters renders at −27 LUFS (measured by the calibration test, not guessed).
   */
  readonly calibrationDb: number;
  create(sampleRate: number, seed: number): GeneratorVoice;
  /**
   * Optional (engine extension): parameter values for a voice used only for one-shots via
   * `engine.trigger`, e.g. `{ rate: 0 }` so it stays silent between triggers.
   */
  readonly triggerParams?: Readonly<Record<string, number>>;
  /**
   * Optional (engine extension): the natural cycle of a quasi-periodic sound in seconds,
   * e.g. waves [6, 15]; the contract test checks envelope repetition only beyond it.
   */
  readonly cycleSeconds?: readonly [number, number];
}

/** Default parameter values of a definition, by name. */
export function defaultParams(def: GeneratorDef): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of def.params) out[p.name] = p.default;
  return out;
}
