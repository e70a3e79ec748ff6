import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generatorById, integratedLoudness, renderGenerator } from "@meridian/sound";
import { describe, expect, it } from "vitest";
import { readWav } from "../audio/wav-writer";
import { captureIO } from "../test/capture-io";
import { runRender } from "./render";
import { soloGeneratorScene } from "./render-solo";

const dir = mkdtempSync(join(tmpdir(), "meridian-solo-"));

describe("meridian render --solo", () => {
  it("renders one generator in front at its default parameters", async () => {
    const scene = soloGeneratorScene("pink-noise");
    expect(scene.layers).toHaveLength(1);
    expect(scene.layers[0]).toMatchObject({ generator: "pink-noise", params: {}, gainDb: 0 });
    expect(scene.layers[0]?.position).toBeUndefined(); // the engine's default: front, 1 m
    const out = join(dir, "pink.wav");
    const io = captureIO();
    const code = await runRender(["--solo", "pink-noise", "--duration", "4s", "--out", out], io);
    expect(code, io.err()).toBe(0);
    const wav = readWav(readFileSync(out));
    const [l, r] = wav.samples.map((s) => Float32Array.from(s, (v) => v / 32768));
    // The generator alone through the engine (its calibration set-up, −27 LUFS when calibrated);
    // the file's last second fades out.
    const def = generatorById("pink-noise");
    if (!def) throw new Error("pink-noise");
    const ref = renderGenerator(def, { seconds: 3, seed: 1 });
    const want = integratedLoudness(ref.sampleRate, [ref.l, ref.r]);
    const lufs = integratedLoudness(wav.sampleRate, [
      (l as Float32Array).subarray(0, 3 * wav.sampleRate),
      (r as Float32Array).subarray(0, 3 * wav.sampleRate),
    ]);
    expect(Math.abs(lufs - want)).toBeLessThan(0.1);
  });

  it("refuses an unknown generator, or a scene and --solo together, with exit code 2", async () => {
    const io = captureIO();
    expect(await runRender(["--solo", "harp", "--duration", "1s", "--out", join(dir, "x.wav")], io)).toBe(2);
    expect(io.err()).toMatch(/--solo: unknown generator "harp" \(one of: .*pink-noise/);
    const io2 = captureIO();
    const both = ["ocean-sleep", "--solo", "rain", "--duration", "1s", "--out", join(dir, "y.wav")];
    expect(await runRender(both, io2)).toBe(2);
    expect(io2.err()).toMatch(/not both/);
  });
});
