/**
 * Voice styles: raw text-to-speech PCM in, styled PCM out (offline, per sentence or utterance).
 *   styleSpeech(samples, sampleRate, "soft" | "whisper", { seed, proximity }) → mono Float32Array
 * at the same rate, faded at its edges, at −27 LUFS (mono BS.1770) with the true peak ≤ −1 dBTP.
 * Same input and seed → the same samples. The speech engine (@meridian/voice) produces the input;
 * this package never imports it. VOICE_STYLE_PAUSES gives the silences the sentence assembler
 * puts between phrases of each style. Style sentence by sentence (or a paragraph at most): work
 * memory is about 100 bytes per input sample, and a call takes at most MAX_STYLE_SECONDS.
 */
import { calibrateLevel } from "./level";
import { softSpoken } from "./soft";
import { whisper } from "./whisper";

export type VoiceStyle = "soft" | "whisper";

export const VOICE_STYLES: readonly VoiceStyle[] = ["soft", "whisper"];

export interface StyleOptions {
  /** Seeds the style's noise (breath, whisper excitation). */
  readonly seed: number;
  /** 0–1: how close the voice is; near adds a close-microphone low shelf (soft +8 dB, whisper +6 dB). */
  readonly proximity?: number;
}

/** Seconds of silence the assembler inserts after a comma and after a sentence, per style. */
export const VOICE_STYLE_PAUSES: Readonly<
  Record<VoiceStyle, { readonly comma: number; readonly sentence: number }>
> = {
  soft: { comma: 0.45, sentence: 0.95 },
  whisper: { comma: 0.4, sentence: 0.85 },
};

/** Longest utterance one call styles (120 s: ~270 MB of work memory at 22.05 kHz). */
export const MAX_STYLE_SECONDS = 120;

const MIN_SAMPLE_RATE = 8000;
const MAX_SAMPLE_RATE = 192000;

export function styleSpeech(
  samples: Float32Array,
  sampleRate: number,
  style: VoiceStyle,
  options: StyleOptions,
): Float32Array {
  if (!Number.isFinite(sampleRate) || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE) {
    throw new Error(`sampleRate: expected ${MIN_SAMPLE_RATE}–${MAX_SAMPLE_RATE} Hz, got ${sampleRate}`);
  }
  if (!VOICE_STYLES.includes(style))
    throw new Error(`style: expected "soft" or "whisper", got "${String(style)}"`);
  if (samples.length === 0) return new Float32Array(0);
  if (samples.length > MAX_STYLE_SECONDS * sampleRate) {
    throw new Error(
      `samples: ${(samples.length / sampleRate).toFixed(1)} s is longer than ${MAX_STYLE_SECONDS} s; style sentence by sentence`,
    );
  }
  for (let i = 0; i < samples.length; i++) {
    if (!Number.isFinite(samples[i] as number)) throw new Error(`samples[${i}]: not a finite number`);
  }
  const seed = options.seed >>> 0;
  const y =
    style === "whisper"
      ? whisper(samples, sampleRate, { seed, proximity: options.proximity ?? 0 })
      : softSpoken(samples, sampleRate, { seed, proximity: options.proximity ?? 0 });
  return calibrateLevel(y, sampleRate);
}
