/** The speech engine's public shapes. Samples are mono, at the engine's own rate. */

export interface SpeechOptions {
  /** Words per minute over the whole speech, pauses included: 80–220, default 130. */
  readonly rateWpm?: number;
  /** Semitones relative to the voice's own pitch: −6..+6, default 0. */
  readonly pitch?: number;
  /**
   * Seconds of silence after each sentence, 0.1–2.5 (default 0.6 at 130 wpm, longer when
   * slower). Counted in the speaking rate: longer pauses make the words themselves quicker.
   * The pauses are nudged to keep the rate, so each one varies a little around this.
   */
  readonly sentencePause?: number;
}

export interface SpokenSentence {
  readonly text: string;
  /** First frame of this sentence in `samples`. */
  readonly start: number;
  /** Frame after its last (exclusive). */
  readonly end: number;
}

export interface Speech {
  readonly sampleRate: number;
  readonly samples: Float32Array;
  readonly sentences: readonly SpokenSentence[];
}

export interface SpeechEngine {
  readonly name: string;
  readonly sampleRate: number;
  speak(text: string, options?: SpeechOptions): Promise<Speech>;
  /**
   * The same speech as `speak`, one sentence (or piece of a long one) at a time, as soon as
   * each is synthesised: each chunk is the sentence followed by its pause, sentence times
   * relative to the chunk. Concatenated, the chunks equal `speak`'s samples exactly.
   */
  stream(text: string, options?: SpeechOptions): AsyncIterable<Speech>;
}

export const DEFAULT_RATE_WPM = 130;
export const MIN_RATE_WPM = 80;
export const MAX_RATE_WPM = 220;
export const MAX_PITCH_SEMITONES = 6;
/** Longest text `speak` accepts (about 2 hours of speech at 130 wpm). */
export const MAX_SPEECH_CHARS = 50_000;
