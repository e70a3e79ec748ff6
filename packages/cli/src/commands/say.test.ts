import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trackPitch, voicedShare } from "@meridian/voice";
import { describe, expect, it } from "vitest";
import { readWav } from "../audio/wav-writer";
import { run } from "../main";
import { captureIO } from "../test/capture-io";

const dir = mkdtempSync(join(tmpdir(), "meridian-say-"));
const TEXT = "The lamps glow amber. Somewhere far away, a night train hums along the valley.";

function mono(file: string): { sampleRate: number; x: Float32Array } {
  const wav = readWav(readFileSync(file));
  expect(wav.channels).toBe(1);
  return { sampleRate: wav.sampleRate, x: Float32Array.from(wav.samples[0] ?? [], (v) => v / 32768) };
}

describe("meridian say", () => {
  it("writes the spoken text to a mono WAV", async () => {
    const out = join(dir, "plain.wav");
    const io = captureIO();
    expect(await run(["say", TEXT, "--rate", "120", "--out", out], io), io.err()).toBe(0);
    expect(io.out()).toContain("2 sentences, 120 wpm");
    const { sampleRate, x } = mono(out);
    expect(sampleRate).toBe(16_000);
    expect(x.length / sampleRate).toBeGreaterThan(4);
    expect(voicedShare(trackPitch(x, sampleRate))).toBeGreaterThan(0.3);
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it("whispers with --style whisper (almost no voiced frames)", async () => {
    const out = join(dir, "whisper.wav");
    const io = captureIO();
    expect(await run(["say", TEXT, "--style", "whisper", "--out", out], io), io.err()).toBe(0);
    const { sampleRate, x } = mono(out);
    expect(voicedShare(trackPitch(x, sampleRate))).toBeLessThan(0.1);
  });

  it("styles a reading longer than styleSpeech takes at once, sentence by sentence", {
    timeout: 120_000,
  }, async () => {
    const out = join(dir, "long.wav");
    const text = Array.from({ length: 28 }, () => TEXT).join(" ");
    const io = captureIO();
    expect(await run(["say", text, "--style", "soft", "--rate", "140", "--out", out], io), io.err()).toBe(0);
    const { sampleRate, x } = mono(out);
    expect(x.length / sampleRate).toBeGreaterThan(125);
    expect(io.out()).toContain("56 sentences");
  });

  it.each([
    [["say"], "give the text to speak"],
    [["say", "   "], "give the text to speak"],
    [["say", "Hello.", "--style", "shout"], '--style: must be soft or whisper (got "shout")'],
    [["say", "Hello.", "--rate", "fast"], "--rate: must be a number from 80 to 220"],
    [["say", "Hello.", "--rate", "500"], "--rate: must be a number from 80 to 220"],
    [["say", "Hello.", "--out", "x.mp3"], "--out: must name a .wav file"],
    [["say", "🦩🦩"], "nothing the voice can read aloud"],
    [["say", "x".repeat(100_000)], "at most 50,000 can be spoken"],
  ])("rejects %j with a message and exit 2", async (argv, message) => {
    const io = captureIO();
    const out = join(dir, "bad.wav");
    expect(await run([...argv, ...(argv.includes("--out") ? [] : ["--out", out])], io)).toBe(2);
    expect(io.err()).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});
