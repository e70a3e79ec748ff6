/**
 * The speech engine over Flite's "slt" voice: text checks, sentence splitting, two synthesis
 * passes to hit the requested speaking rate, click-free joins. Pure apart from the compiled
 * WebAssembly module it is handed (the Node and browser entries differ only in how they load it).
 */
import { audibleBounds, fadeEdges, type Piece } from "./assemble";
import { SpeechInputError } from "./errors";
import { FliteMachine } from "./flite/run";
import type { WasmModule } from "./flite/wasm";
import { normaliseForSpeech } from "./text/normalise";
import { splitSentences } from "./text/sentences";
import { countWords, cutLong, hasWords, speakableText } from "./text/speakable";
import {
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

export const FLITE_VOICE = "slt";
export const FLITE_SAMPLE_RATE = 16_000;

/** Silence after a sentence at 130 wpm (scaled with the rate), and after a cut in a long one. */
const SENTENCE_PAUSE_S = 0.6;
const PIECE_PAUSE_S = 0.25;
const MIN_SENTENCE_PAUSE_S = 0.1;
const MAX_SENTENCE_PAUSE_S = 2.5;
const MIN_GAP_S = 0.12;
const MAX_GAP_S = 2.0;
const EDGE_S = 0.05;
const FADE_S = 0.004;

interface Unit {
  readonly text: string;
  readonly speak: string;
  readonly endsSentence: boolean;
}

/** The sentences of `text` the voice can say, each cut into pieces if very long. */
export function planUnits(text: string): Unit[] {
  if (typeof text !== "string" || text.trim() === "") {
    throw new SpeechInputError("empty_text", "There is no text to speak.");
  }
  if (text.length > MAX_SPEECH_CHARS) {
    throw new SpeechInputError(
      "text_too_long",
      `The text is ${text.length.toLocaleString("en")} characters; at most ${MAX_SPEECH_CHARS.toLocaleString("en")} can be spoken at once.`,
    );
  }
  const units: Unit[] = [];
  for (const sentence of splitSentences(normaliseForSpeech(text))) {
    const speak = speakableText(sentence);
    if (!hasWords(speak)) continue;
    const pieces = cutLong(speak);
    pieces.forEach((p, i) => {
      if (!hasWords(p)) return;
      units.push({
        text: pieces.length === 1 ? sentence : p,
        speak: p,
        endsSentence: i === pieces.length - 1,
      });
    });
  }
  if (units.length === 0) {
    throw new SpeechInputError(
      "unspeakable_text",
      "The text has nothing the voice can read aloud (it speaks English written in Latin letters).",
    );
  }
  return units;
}

function checkOptions(options: SpeechOptions | undefined): {
  wpm: number;
  pitch: number;
  sentencePause: number | undefined;
} {
  const wpm = options?.rateWpm ?? DEFAULT_RATE_WPM;
  const pitch = options?.pitch ?? 0;
  const sentencePause = options?.sentencePause;
  if (
    sentencePause !== undefined &&
    !(sentencePause >= MIN_SENTENCE_PAUSE_S && sentencePause <= MAX_SENTENCE_PAUSE_S)
  ) {
    throw new RangeError(
      `sentencePause must be between ${MIN_SENTENCE_PAUSE_S} and ${MAX_SENTENCE_PAUSE_S} seconds.`,
    );
  }
  if (!Number.isFinite(wpm) || wpm < MIN_RATE_WPM || wpm > MAX_RATE_WPM) {
    throw new RangeError(`rateWpm must be between ${MIN_RATE_WPM} and ${MAX_RATE_WPM} words per minute.`);
  }
  if (!Number.isFinite(pitch) || Math.abs(pitch) > MAX_PITCH_SEMITONES) {
    throw new RangeError(
      `pitch must be between −${MAX_PITCH_SEMITONES} and +${MAX_PITCH_SEMITONES} semitones.`,
    );
  }
  return { wpm, pitch, sentencePause };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Rough natural length of a piece in seconds (Flite slt: ~75 ms per letter or digit). */
const naturalGuess = (u: Unit) => 0.075 * u.speak.replace(/[^A-Za-z0-9]/g, "").length + 0.12;

export function createFliteEngine(module: WasmModule): SpeechEngine {
  const machine = new FliteMachine(module);
  machine.warm();

  const synth = (u: Unit, stretch: number, f0Scale: number): Piece => {
    const pcm = machine.run(u.speak, { voice: FLITE_VOICE, durationStretch: stretch, f0Scale });
    const { start, end } = audibleBounds(pcm.samples, pcm.sampleRate);
    const samples = pcm.samples.slice(start, end);
    fadeEdges(samples, Math.round(FADE_S * pcm.sampleRate));
    return { text: u.text, samples };
  };
  const seconds = (p: Piece) => p.samples.length / FLITE_SAMPLE_RATE;

  /**
   * One pass, steered: each piece's stretch comes from a guess of its natural length (letters),
   * corrected by how long the pieces so far really came out, and each pause is sized so the
   * timeline so far lands where the requested rate puts it. A lone piece (no pauses to absorb
   * the rest) is re-synthesised if it missed by more than 3 %. Yields one chunk per piece:
   * the piece then its pause (the first chunk also holds the lead-in, the last the tail).
   */
  async function* stream(text: string, options?: SpeechOptions): AsyncGenerator<Speech> {
    const { wpm, pitch, sentencePause } = checkOptions(options);
    const units = planUnits(text);
    const f0Scale = 2 ** (pitch / 12);
    const sr = FLITE_SAMPLE_RATE;
    const words = units.reduce((s, u) => s + countWords(u.speak), 0);
    const target = (words * 60) / wpm;
    const slow = DEFAULT_RATE_WPM / wpm;
    const pauses = units.map((u, i) =>
      i === units.length - 1
        ? 0
        : u.endsSentence
          ? (sentencePause ?? SENTENCE_PAUSE_S * Math.sqrt(slow))
          : PIECE_PAUSE_S * Math.sqrt(slow),
    );
    const pauseTotal = pauses.reduce((s, p) => s + p, 0);
    const speechTarget = Math.max(target - pauseTotal, target * 0.5);
    const guesses = units.map(naturalGuess);
    const guessTotal = guesses.reduce((s, g) => s + g, 0);
    const edge = Math.round(EDGE_S * sr);
    let learned = 1;
    let naturalSum = 0;
    let guessSum = 0;
    let owed = 0;
    let ideal = 0;
    let actual = 0;
    for (let i = 0; i < units.length; i++) {
      const u = units[i] as Unit;
      const guess = guesses[i] ?? 1;
      const share = (speechTarget * guess) / guessTotal;
      const want = share + clamp(owed / 2, -share / 2, share / 2);
      let stretch = clamp(want / (guess * learned), 0.5, 3);
      let piece = synth(u, stretch, f0Scale);
      // Flite's length is not quite proportional to the stretch (segment durations round, the
      // trimmed tail varies), so a lone piece gets a few corrections and keeps the closest.
      let best = { piece, stretch };
      for (let retry = 0; units.length === 1 && retry < 4; retry++) {
        const miss = seconds(piece) / want;
        if (Math.abs(miss - 1) < 0.03) break;
        stretch = clamp(stretch / miss, 0.5, 3);
        piece = synth(u, stretch, f0Scale);
        if (Math.abs(seconds(piece) - want) < Math.abs(seconds(best.piece) - want)) best = { piece, stretch };
      }
      piece = best.piece;
      stretch = best.stretch;
      naturalSum += seconds(piece) / stretch;
      guessSum += guess;
      learned = naturalSum / guessSum;
      owed += share - seconds(piece);
      ideal += share + (pauses[i] ?? 0);
      actual += seconds(piece);
      const last = i === units.length - 1;
      const maxGap = Math.max(MAX_GAP_S, 1.5 * (pauses[i] ?? 0));
      const gap = last ? 0 : Math.round(clamp(ideal - actual, MIN_GAP_S, maxGap) * sr);
      actual += gap / sr;
      const lead = i === 0 ? edge : 0;
      const samples = new Float32Array(lead + piece.samples.length + (last ? edge : gap));
      samples.set(piece.samples, lead);
      yield {
        sampleRate: sr,
        samples,
        sentences: [{ text: piece.text, start: lead, end: lead + piece.samples.length }],
      };
    }
  }

  return {
    name: `flite-${FLITE_VOICE}`,
    sampleRate: FLITE_SAMPLE_RATE,
    stream,
    async speak(text: string, options?: SpeechOptions): Promise<Speech> {
      const chunks: Speech[] = [];
      for await (const chunk of stream(text, options)) chunks.push(chunk);
      const samples = new Float32Array(chunks.reduce((n, c) => n + c.samples.length, 0));
      const sentences: SpokenSentence[] = [];
      let at = 0;
      for (const c of chunks) {
        samples.set(c.samples, at);
        for (const s of c.sentences) sentences.push({ text: s.text, start: at + s.start, end: at + s.end });
        at += c.samples.length;
      }
      return { sampleRate: FLITE_SAMPLE_RATE, samples, sentences };
    },
  };
}
