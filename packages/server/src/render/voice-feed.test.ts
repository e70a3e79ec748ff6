import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN_SCENES, type Scene } from "@meridian/sound";
import { afterAll, describe, expect, it } from "vitest";
import { renderInto } from "./pipeline";
import { VoiceFeed } from "./voice-feed";
import { WavWriter } from "./wav-writer";

const dir = mkdtempSync(join(tmpdir(), "meridian-voices-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(scene: Scene, voiceThread: boolean, name: string): Promise<Buffer> {
  const path = join(dir, name);
  const writer = await WavWriter.create(path, 48000);
  await renderInto(
    writer,
    { scene, seconds: 12, sampleRate: 48000, seed: 7, fadeOutSeconds: 2 },
    { voiceThread },
  );
  return readFileSync(path);
}

describe("voice thread", () => {
  it("starts here (esbuild bundle, worker thread)", async () => {
    const scene = (BUILTIN_SCENES[0] as { scene: Scene }).scene;
    const feed = await VoiceFeed.start(scene, 1, 48000);
    expect(feed).not.toBeNull();
    await feed?.stop();
  });

  it("renders the same file as one thread, for scenes of mono and stereo layers", async () => {
    // Every built-in scene with at least three layers, so mono and stereo voices both run.
    const scenes = BUILTIN_SCENES.map((b) => b.scene)
      .filter((s) => s.layers.length >= 3)
      .slice(0, 2);
    expect(scenes.length).toBe(2);
    for (const [k, scene] of scenes.entries()) {
      const one = await render(scene, false, `one-${k}.wav`);
      const two = await render(scene, true, `two-${k}.wav`);
      expect(two.length).toBe(one.length);
      expect(two.equals(one)).toBe(true);
      // Not silence: the comparison means something.
      let loud = 0;
      for (let i = 80; i < one.length; i += 2) if (Math.abs(one.readInt16LE(i)) > 300) loud++;
      expect(loud).toBeGreaterThan(1000);
    }
  }, 60_000);
});
