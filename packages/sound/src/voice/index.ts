/** Voice styles (soft-spoken, whisper) for synthesised speech, and the pitch detector that measures them. */
export { formantScale } from "./formants";
export { type PitchTrack, pitchStats, trackPitch, voicedShare } from "./pitch";
export {
  MAX_STYLE_SECONDS,
  type StyleOptions,
  styleSpeech,
  VOICE_STYLE_PAUSES,
  VOICE_STYLES,
  type VoiceStyle,
} from "./style";
