import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VOICE_BUILTIN_SCENES } from "@meridian/core";
import { builtinScene, builtinSceneIds, createEngine } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import { parseDuration } from "../audio/duration";
import { quantize16, readWav } from "../audio/wav-writer";
import { captureIO } from "../test/capture-io";
import { runRender } from "./render";

const dir = mkdtempSync(join(tmpdir(), "meridian-render-"));

const scene = {
  version: 1,
  name: "Test rain",
  fadeIn: 0.5,
  fadeOut: 0.5,
  layers: [
    { id: "rain", generator: "rain", position: { azimuth: -40, elevation: 0, distance: 2 } },
    { id: "noise", generator: "pink-noise", gainDb: -10, motion: { kind: "orbit", period: 4 } },
  ],
};

describe("meridian render", () => {
  it("writes a WAV whose samples equal the engine's output", async () => {
    const file = join(dir, "scene.json");
    writeFileSync(file, JSON.stringify(scene));
    const out = join(dir, "a.wav");
    const io = captureIO();
    const code = await runRender(
      [file, "--duration", "2s", "--out", out, "--seed", "7", "--sample-rate", "24000"],
      io,
    );
    expect(code, io.err()).toBe(0);
    const wav = readWav(readFileSync(out));
    expect(wav.sampleRate).toBe(24000);
    expect(wav.channels).toBe(2);
    expect(wav.samples[0]?.length).toBe(48000);
    // Same engine, same seed, one big block, with the scene's 0.5 s fade-out at the end.
    const engine = createEngine({ sampleRate: 24000, seed: 7 });
    engine.setScene(scene as Parameters<typeof engine.setScene>[0]);
    const l = new Float32Array(48000);
    const r = new Float32Array(48000);
    engine.process(l, r, 36000);
    engine.fadeOut(0.5);
    engine.process(l.subarray(36000), r.subarray(36000), 12000);
    // The WAV writer adds TPDF dither (under one step either way), so every sample is within
    // one 16-bit step of the engine's quantised output; digital silence stays exactly zero.
    let beyondOneStep = 0;
    let dithered = 0;
    for (let i = 0; i < 48000; i++) {
      for (const [got, x] of [
        [wav.samples[0]?.[i], l[i]],
        [wav.samples[1]?.[i], r[i]],
      ] as const) {
        const want = quantize16(x as number);
        const diff = Math.abs((got ?? Number.NaN) - want);
        if (!(diff <= 1) || (x === 0 && got !== 0)) beyondOneStep++;
        if (diff === 1) dithered++;
      }
    }
    expect(beyondOneStep).toBe(0);
    expect(dithered).toBeGreaterThan(1000);
    expect(Math.abs(wav.samples[0]?.[47999] ?? 1)).toBeLessThan(50);
  });

  it("stops on abort and leaves a valid, shorter file with a patched header", async () => {
    const out = join(dir, "b.wav");
    const ctrl = new AbortController();
    const io = captureIO({ signal: ctrl.signal });
    const p = runRender(["ocean-sleep", "--duration", "1h", "--out", out, "--sample-rate", "16000"], io);
    setTimeout(() => ctrl.abort(), 300);
    expect(await p).toBe(130);
    const buf = readFileSync(out);
    const wav = readWav(buf);
    const frames = wav.samples[0]?.length ?? 0;
    expect(frames).toBeGreaterThan(0);
    expect(frames).toBeLessThan(3600 * 16000);
    expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
    expect(buf.readUInt32LE(76)).toBe(buf.length - 80);
    expect(io.err()).toMatch(/Interrupted/);
  });

  it("writes MP3 frames", async () => {
    const out = join(dir, "c.mp3");
    const io = captureIO();
    expect(await runRender(["ocean-sleep", "--duration", "1s", "--out", out], io)).toBe(0);
    const buf = readFileSync(out);
    expect(buf.length).toBeGreaterThan(1000);
    expect(buf[0]).toBe(0xff);
  });

  it("lists the built-in scenes one per line", async () => {
    const io = captureIO();
    expect(await runRender(["--list"], io)).toBe(0);
    expect(io.out().trim().split("\n")).toEqual([
      ...builtinSceneIds(),
      ...VOICE_BUILTIN_SCENES.map((s) => s.id),
    ]);
    expect(builtinScene("ocean-sleep")).toBeDefined();
  });

  it("rejects bad scene JSON naming the field, with exit code 2", async () => {
    const file = join(dir, "bad.json");
    writeFileSync(
      file,
      JSON.stringify({ version: 1, layers: [{ id: "a", generator: "rain", position: { distance: -1 } }] }),
    );
    const io = captureIO();
    expect(await runRender([file, "--duration", "1s", "--out", join(dir, "x.wav")], io)).toBe(2);
    expect(io.err()).toMatch(/layers\[0\]\.position\.distance/);
    const unknown = join(dir, "unknown.json");
    writeFileSync(unknown, JSON.stringify({ version: 1, layers: [{ id: "a", generator: "harp" }] }));
    const io2 = captureIO();
    expect(await runRender([unknown, "--duration", "1s", "--out", join(dir, "y.wav")], io2)).toBe(2);
    expect(io2.err()).toMatch(/layers\[0\]\.generator: unknown generator "harp"/);
  });

  it("rejects bad arguments with a message", async () => {
    for (const args of [
      [],
      ["ocean-sleep", "--out", "x.wav"],
      ["ocean-sleep", "--duration", "forever", "--out", "x.wav"],
      ["ocean-sleep", "--duration", "1s"],
      ["ocean-sleep", "--duration", "1s", "--out", "x.wav", "--format", "flac"],
      ["ocean-sleep", "--duration", "1s", "--out", "x.wav", "--bogus"],
      ["no-such-scene", "--duration", "1s", "--out", "x.wav"],
    ]) {
      const io = captureIO();
      expect(await runRender(args, io), args.join(" ")).toBe(2);
      expect(io.err()).toMatch(/meridian render: /);
    }
  });

  it("parses durations", () => {
    expect(parseDuration("90s")).toBe(90);
    expect(parseDuration("45m")).toBe(2700);
    expect(parseDuration("8h")).toBe(28800);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("12")).toBe(12);
    expect(parseDuration("1x")).toBeUndefined();
    expect(parseDuration("")).toBeUndefined();
  });
});
