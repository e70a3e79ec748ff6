/**
 * `meridian say "TEXT" [--rate WPM] [--pitch ST] [--style soft|whisper] [--out file.wav]`:
 * speaks text offline with the speech engine (@meridian/voice) and writes a mono 16-bit WAV.
 */
import { rename, rm } from "node:fs/promises";
import { WavWriter } from "@meridian/server/render";
import { VOICE_STYLES, type VoiceStyle } from "@meridian/sound";
import { narrate } from "@meridian/voice/narration";
import {
  DEFAULT_RATE_WPM,
  loadSpeechEngine,
  MAX_PITCH_SEMITONES,
  MAX_RATE_WPM,
  MIN_RATE_WPM,
  SpeechInputError,
} from "@meridian/voice/node";
import { parse } from "../args";
import { type CliIO, UsageError } from "../io";

export const sayHelp = `Usage: meridian say "TEXT" [options]

Speak text aloud into a WAV file, offline (Flite's "slt" voice; nothing leaves this machine).

Options:
  --rate <wpm>          speaking rate, ${MIN_RATE_WPM}–${MAX_RATE_WPM} words per minute, pauses included (default ${DEFAULT_RATE_WPM})
  --pitch <semitones>   −${MAX_PITCH_SEMITONES} to +${MAX_PITCH_SEMITONES} relative to the voice (default 0)
  --style soft|whisper  soft-spoken or whispered (default: the plain voice)
  --seed <n>            seed of the style's breath and whisper noise (default 1)
  --out <file.wav>      output file (default speech.wav)
  -h, --help            show this help`;

export async function runSay(args: string[], io: CliIO): Promise<number> {
  try {
    return await say(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`meridian say: ${error.message}\nTry: meridian say --help\n`);
      return 2;
    }
    if (error instanceof SpeechInputError) {
      io.stderr.write(`meridian say: ${error.message}\n`);
      return 2;
    }
    io.stderr.write(`meridian say: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function numberOption(
  name: string,
  raw: string | undefined,
  fallback: number,
  lo: number,
  hi: number,
): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(v) || v < lo || v > hi) {
    throw new UsageError(`--${name}: must be a number from ${lo} to ${hi} (got "${raw}")`);
  }
  return v;
}

async function say(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    rate: { type: "string" },
    pitch: { type: "string" },
    style: { type: "string" },
    seed: { type: "string" },
    out: { type: "string", short: "o" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${sayHelp}\n`);
    return 0;
  }
  const text = positionals.join(" ");
  if (text.trim() === "") throw new UsageError('give the text to speak, e.g. meridian say "Good night."');
  const rateWpm = numberOption("rate", values.rate, DEFAULT_RATE_WPM, MIN_RATE_WPM, MAX_RATE_WPM);
  const pitch = numberOption("pitch", values.pitch, 0, -MAX_PITCH_SEMITONES, MAX_PITCH_SEMITONES);
  const style = values.style;
  if (style !== undefined && !VOICE_STYLES.includes(style as VoiceStyle)) {
    throw new UsageError(`--style: must be ${VOICE_STYLES.join(" or ")} (got "${style}")`);
  }
  const seed = numberOption("seed", values.seed, 1, 0, 0xffffffff);
  if (!Number.isInteger(seed)) throw new UsageError("--seed: must be an integer 0–4294967295");
  const out = values.out ?? "speech.wav";
  if (!out.toLowerCase().endsWith(".wav"))
    throw new UsageError(`--out: must name a .wav file (got "${out}")`);

  const engine = await loadSpeechEngine();
  // Styled speech comes from the narration pipeline the studio and renders share (each style's
  // comma, sentence and paragraph pauses); the plain voice streams straight from the engine.
  const parts: Float32Array[] = [];
  let sentences = 0;
  let pause = 0;
  if (style === undefined) {
    for await (const chunk of engine.stream(text, { rateWpm, pitch })) {
      sentences += chunk.sentences.length;
      parts.push(chunk.samples);
    }
  } else {
    const source = { kind: "text" as const, text };
    for await (const s of narrate(engine, source, { style: style as VoiceStyle, rateWpm, pitch, seed })) {
      if (sentences > 0) parts.push(new Float32Array(Math.round(pause * engine.sampleRate)));
      sentences++;
      parts.push(s.samples);
      pause = s.pauseAfterSeconds;
    }
  }
  const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  parts.reduce((at, p) => {
    samples.set(p, at);
    return at + p.length;
  }, 0);
  const speech = { sampleRate: engine.sampleRate, sentences };

  // Written beside the target and renamed into place, so a failure never leaves half a file.
  const part = `${out}.part`;
  try {
    const writer = await WavWriter.create(part, speech.sampleRate, 1, seed || 1);
    await writer.write([samples], samples.length);
    await writer.close();
    await rename(part, out);
  } catch (error) {
    await rm(part, { force: true });
    throw error;
  }
  const seconds = samples.length / speech.sampleRate;
  io.stdout.write(
    `Wrote ${out}: ${seconds.toFixed(1)} s, ${sentences} sentence${sentences === 1 ? "" : "s"}, ${rateWpm} wpm, ${engine.name}${style ? `, ${style}` : ""}\n`,
  );
  return 0;
}
