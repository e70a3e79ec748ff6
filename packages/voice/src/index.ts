/**
 * @meridian/voice — offline text-to-speech (Flite's "slt" voice compiled to WebAssembly).
 * This entry is environment-free: text handling, the engine over a compiled module, analysis.
 * Load a ready engine with `@meridian/voice/node` (CLI, server) or `@meridian/voice/browser`
 * (inside a Worker).
 */

export { type PitchTrack, pitchStats, trackPitch, voicedShare } from "./analysis/pitch";
export { spectralTiltDbPerOctave } from "./analysis/spectrum";
export { createFliteEngine, FLITE_SAMPLE_RATE, FLITE_VOICE, planUnits } from "./engine";
export { type SpeechInputCode, SpeechInputError } from "./errors";
export { normaliseForSpeech } from "./text/normalise";
export { splitSentences } from "./text/sentences";
export { countWords } from "./text/speakable";
export {
  DEFAULT_RATE_WPM,
  MAX_PITCH_SEMITONES,
  MAX_RATE_WPM,
  MAX_SPEECH_CHARS,
  MIN_RATE_WPM,
  type Speech,
  type SpeechEngine,
  type SpeechOptions,
  type SpokenSentence,
} from "./types";
