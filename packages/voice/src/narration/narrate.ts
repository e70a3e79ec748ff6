/**
 * The narration pipeline the browser, the server's renders and the CLI share: content (a story,
 * a wind-down set, plain text or the wordless whisper) in, styled speech out, one sentence at a
 * time as an async generator, so the first sentence plays while the rest is still to be made.
 *
 * Each sentence is synthesised alone at a rate steered so the whole narration, pauses included,
 * runs at the requested words per minute; the engine's short comma silences are lengthened to
 * the style's comma pause (VOICE_STYLE_PAUSES); the sentence is styled (soft or whisper: −27
 * LUFS, ≤ −1 dBTP, faded edges) and handed on with the pause that follows it — the style's
 * sentence pause, twice that at a paragraph's end, 4.5 s between wind-down lines. The wordless
 * whisper never ends: seeded pseudo-word phrases of 1–6 s with a quiet breath before each.
 * Same content, options and seed → the same samples.
 */

import { pseudoPhrase } from "@meridian/core";
import {
  hashString,
  Rng,
  styleSpeech,
  VOICE_STYLE_PAUSES,
  VOICE_STYLES,
  type VoiceStyle,
} from "@meridian/sound";
import { MAX_RATE_WPM, MIN_RATE_WPM, type SpeechEngine } from "../types";
import { breath } from "./breath";
import { type NarrationPlan, type NarrationSource, planNarration } from "./plan";
import { lengthenPauses, trimToAudible } from "./shape";

export interface NarrationOptions {
  readonly style: VoiceStyle;
  /** Words per minute over the narration, pauses included (80–220; default 130 soft, 120 whisper). */
  readonly rateWpm?: number;
  /** Seeds the style's noise, breaths and the wordless whisper's words. */
  readonly seed: number;
  /** Start at this sentence (skip, replay, resume); ignored by the wordless whisper. */
  readonly startAt?: number;
  /** 0–1, how close the voice is (the soft style's close-microphone warmth). */
  readonly proximity?: number;
  /** Semitones relative to the voice's own pitch (−6..+6, default 0), before styling. */
  readonly pitch?: number;
}

export interface NarratedSentence {
  /** Sentence number in the content (the wordless whisper counts its phrases). */
  readonly index: number;
  readonly text: string;
  /** Mono, styled, at the speech engine's rate. */
  readonly samples: Float32Array;
  readonly sampleRate: number;
  /** Silence to leave after `samples` before the next sentence. */
  readonly pauseAfterSeconds: number;
  readonly paragraphEnd: boolean;
  /** First frame of the words in `samples` (after the breath that leads a wordless phrase). */
  readonly speechStart: number;
}

export const DEFAULT_NARRATION_WPM: Readonly<Record<VoiceStyle, number>> = { soft: 130, whisper: 120 };
/** A paragraph's end pauses this many times a sentence's. */
export const PARAGRAPH_PAUSE_FACTOR = 2;
/** Seconds between wind-down lines at the default rate. */
export const LINE_PAUSE_SECONDS = 4.5;
/** What the speech engine already leaves at a comma, seconds (lengthening adds the rest). */
const ENGINE_COMMA_S = 0.12;
/** Steering of the speaking rate: how fast the timeline's drift is corrected, and by at most how much. */
const DRIFT_HORIZON_S = 20;
const MAX_CORRECTION = 0.12;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function checkOptions(options: NarrationOptions, wordless: boolean): { style: VoiceStyle; wpm: number } {
  const style = wordless ? "whisper" : options.style;
  if (!VOICE_STYLES.includes(style))
    throw new RangeError(`style must be soft or whisper, got "${String(style)}"`);
  const wpm = options.rateWpm ?? DEFAULT_NARRATION_WPM[style];
  if (!Number.isFinite(wpm) || wpm < MIN_RATE_WPM || wpm > MAX_RATE_WPM) {
    throw new RangeError(`rateWpm must be between ${MIN_RATE_WPM} and ${MAX_RATE_WPM} words per minute.`);
  }
  if (!Number.isFinite(options.seed)) throw new RangeError("seed must be a finite number");
  const start = options.startAt ?? 0;
  if (!Number.isInteger(start) || start < 0) throw new RangeError("startAt must be a whole number ≥ 0");
  return { style, wpm };
}

/** Pauses of a style at a rate (slower speech, longer pauses: by the square root of the ratio). */
export function narrationPauses(style: VoiceStyle, wpm: number) {
  const scale = Math.sqrt(DEFAULT_NARRATION_WPM[style] / wpm);
  const base = VOICE_STYLE_PAUSES[style];
  const sentence = base.sentence * scale;
  return {
    comma: base.comma * scale,
    sentence,
    paragraph: sentence * PARAGRAPH_PAUSE_FACTOR,
    line: LINE_PAUSE_SECONDS * scale,
  };
}

/**
 * Narrate `source` sentence by sentence. Errors about the content (unknown id, empty or overlong
 * text) are thrown before anything is synthesised, on the first `next()`.
 */
export async function* narrate(
  engine: SpeechEngine,
  source: NarrationSource,
  options: NarrationOptions,
): AsyncGenerator<NarratedSentence> {
  if (source.kind === "wordless") {
    const { wpm } = checkOptions(options, true);
    yield* narrateWordless(engine, wpm, options);
    return;
  }
  const { style, wpm } = checkOptions(options, false);
  const plan = planNarration(source);
  yield* narratePlan(engine, plan, style, wpm, options);
}

async function* narratePlan(
  engine: SpeechEngine,
  plan: NarrationPlan,
  style: VoiceStyle,
  wpm: number,
  options: NarrationOptions,
): AsyncGenerator<NarratedSentence> {
  const sr = engine.sampleRate;
  const pauses = narrationPauses(style, wpm);
  const from = options.startAt ?? 0;
  const todo = plan.sentences.slice(from);
  const pauseOf = (i: number): number => {
    const s = todo[i];
    if (!s || i === todo.length - 1) return 0;
    return s.paragraphEnd ? pauses.paragraph : pauses.sentence;
  };
  // The pauses we add count towards the rate (like the engine's own), wind-down lines' extra
  // silence does not: the speaking rate is chosen so speech + pauses land on `wpm`.
  let words = 0;
  let planned = 0;
  todo.forEach((s, i) => {
    words += s.words;
    planned += pauseOf(i) + s.commas * Math.max(0, pauses.comma - ENGINE_COMMA_S);
  });
  const total = (words * 60) / wpm;
  const speakRate = clamp((words * 60) / Math.max(total - planned, total * 0.5), MIN_RATE_WPM, MAX_RATE_WPM);
  let ideal = 0;
  let actual = 0;
  for (let i = 0; i < todo.length; i++) {
    const s = todo[i] as (typeof todo)[number];
    const index = from + i;
    const drift = clamp((actual - ideal) / DRIFT_HORIZON_S, -MAX_CORRECTION, MAX_CORRECTION);
    const rateWpm = clamp(speakRate * (1 + drift), MIN_RATE_WPM, MAX_RATE_WPM);
    const speech = await engine.speak(s.text, { rateWpm, pitch: options.pitch ?? 0 });
    const trimmed = trimToAudible(speech.samples, speech.sampleRate);
    const { samples: paced } = lengthenPauses(trimmed, sr, s.commas, pauses.comma);
    const samples = styleSpeech(paced, sr, style, {
      seed: hashString(`narration:${options.seed}:${index}`),
      proximity: options.proximity ?? 0,
    });
    const pause = pauseOf(i);
    const linePause = plan.pacing === "line" && s.paragraphEnd && pause > 0 ? pauses.line : pause;
    ideal += (s.words * 60) / wpm + (linePause - pause);
    actual += samples.length / sr + linePause;
    yield {
      index,
      text: s.text,
      samples,
      sampleRate: sr,
      pauseAfterSeconds: linePause,
      paragraphEnd: s.paragraphEnd,
      speechStart: 0,
    };
  }
}

/** Shortest and longest wordless phrase as sized at the rate (spoken ±8 % around it: 1–6 s). */
const WORDLESS_MIN_S = 1.2;
const WORDLESS_MAX_S = 5.2;

async function* narrateWordless(
  engine: SpeechEngine,
  wpm: number,
  options: NarrationOptions,
): AsyncGenerator<NarratedSentence> {
  const sr = engine.sampleRate;
  const rng = new Rng(hashString(`wordless:${options.seed}`));
  for (let index = 0; ; index++) {
    const words = pseudoPhrase(rng, { wpm, minSeconds: WORDLESS_MIN_S, maxSeconds: WORDLESS_MAX_S });
    const text = `${words.join(" ")}.`;
    const rateWpm = clamp(wpm * (0.92 + 0.16 * rng.float()), MIN_RATE_WPM, MAX_RATE_WPM);
    const speech = await engine.speak(text, { rateWpm });
    const phrase = styleSpeech(trimToAudible(speech.samples, speech.sampleRate), sr, "whisper", {
      seed: hashString(`wordless:${options.seed}:${index}`),
    });
    // A breath before most phrases (not the first): 0.3–0.6 s, then a short catch before the words.
    const breathes = index > 0 && rng.float() < 0.8;
    const lead = breathes
      ? breath(sr, 0.3 + 0.3 * rng.float(), hashString(`breath:${options.seed}:${index}`))
      : null;
    const gap = lead ? Math.round((0.08 + 0.15 * rng.float()) * sr) : 0;
    const speechStart = (lead?.length ?? 0) + gap;
    const samples = new Float32Array(speechStart + phrase.length);
    if (lead) samples.set(lead, 0);
    samples.set(phrase, speechStart);
    yield {
      index,
      text,
      samples,
      sampleRate: sr,
      pauseAfterSeconds: 0.25 + 1.1 * rng.float() ** 1.5,
      paragraphEnd: false,
      speechStart,
    };
  }
}
