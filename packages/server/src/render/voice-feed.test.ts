import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUILTIN_SCENES, createEngine, type Scene } from "@meridian/sound";
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

  it("leaves one-shot voices to the engine", async () => {
    const scene = (BUILTIN_SCENES[0] as { scene: Scene }).scene;
    const feed = await VoiceFeed.start(scene, 1, 48000);
    if (!feed) throw new Error("no voice thread here");
    const engine = createEngine({ sampleRate: 48000, seed: 1, voices: feed.voices });
    engine.setScene(scene);
    // A one-shot makes a voice the thread does not run: the engine plays it itself.
    expect(engine.trigger("tap")).toBe(true);
    await feed.ready(4096);
    const l = new Float32Array(4096);
    const r = new Float32Array(4096);
    engine.process(l, r, 4096);
    expect(l.some((v) => v !== 0)).toBe(true);
    await feed.stop();
  });

  it("fails within a second or so when the thread is gone, instead of waiting", async () => {
    const scene = (BUILTIN_SCENES[0] as { scene: Scene }).scene;
    const feed = await VoiceFeed.start(scene, 1, 48000);
    if (!feed) throw new Error("no voice thread here");
    // Gone before it produced anything.
    await (feed as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    const t0 = performance.now();
    await expect(feed.ready(4096)).rejects.toThrow(/voice thread exited/);
    expect(performance.now() - t0).toBeLessThan(5000);
    await expect(feed.ready(40 * 4096)).rejects.toThrow(/more than/);
    await feed.stop();
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
