import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScene, type StudioScene, toEngineScene } from "@meridian/core";
import { planNarration } from "@meridian/voice/narration";
import { afterAll, describe, expect, it } from "vitest";
import { renderInto } from "./pipeline";
import { readWav, WavWriter } from "./wav-writer";

const dir = mkdtempSync(join(tmpdir(), "meridian-voice-render-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SR = 16000;
const STORY = "library-rainy-night";
/** The story's last two sentences: a story of a few seconds. */
const startAt = planNarration({ kind: "story", id: STORY }).sentences.length - 2;

function scene(voice: boolean, extra: Record<string, unknown> = {}): StudioScene {
  const r = parseScene({
    version: 2,
    fadeIn: 0.5,
    fadeOut: 1,
    layers: [{ id: "rain", generator: "rain", gainDb: -6 }],
    voiceLayers: voice ? [{ id: "story", content: { kind: "story", id: STORY }, startAt, ...extra }] : [],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scene;
}

async function render(s: StudioScene, name: string, seconds: number, seed = 3) {
  const path = join(dir, name);
  const outcome = await renderInto(await WavWriter.create(path, SR), {
    scene: toEngineScene(s),
    seconds,
    sampleRate: SR,
    seed,
    voiceLayers: s.voiceLayers ?? [],
  });
  const bytes = readFileSync(path);
  return { outcome, bytes, wav: readWav(bytes) };
}

const rms = (x: Float32Array, from: number, to: number) => {
  let e = 0;
  for (let i = from; i < to; i++) e += (x[i] ?? 0) ** 2;
  return Math.sqrt(e / Math.max(1, to - from));
};

describe("renders with voice layers", () => {
  it("speaks the story, then the rain goes on alone; the same seed gives the same bytes", async () => {
    const seconds = 40;
    const withVoice = await render(scene(true), "voice.wav", seconds);
    const bed = await render(scene(false), "bed.wav", seconds);
    const again = await render(scene(true), "again.wav", seconds);
    expect(withVoice.outcome.frames).toBe(seconds * SR);
    expect(Buffer.compare(withVoice.bytes, again.bytes)).toBe(0);

    // The voice is what the two renders differ by (same bed, same seed).
    const float = (x: Int16Array | undefined) => Float32Array.from(x ?? [], (v) => v / 32768);
    const l = float(withVoice.wav.samples[0]);
    const b = float(bed.wav.samples[0]);
    const diff = l.map((v, i) => v - (b[i] ?? 0));
    const sec = (t: number) => Math.round(t * SR);
    // Speech in the first seconds, then (well past the two sentences) none at all.
    let lastVoiced = 0;
    for (let t = 0; t + 0.5 <= seconds; t += 0.5) if (rms(diff, sec(t), sec(t + 0.5)) > 1e-3) lastVoiced = t;
    expect(rms(diff, sec(1), sec(6))).toBeGreaterThan(5e-3);
    expect(lastVoiced).toBeGreaterThan(3);
    expect(lastVoiced).toBeLessThan(25);
    expect(rms(diff, sec(30), sec(38))).toBeLessThan(1e-4);
    // The rain never stops.
    expect(rms(l, sec(30), sec(38))).toBeGreaterThan(3e-3);
  }, 180_000);

  it("leaves a muted voice layer out (nothing synthesised, the bed alone)", async () => {
    const muted = await render(scene(true, { mute: true }), "muted.wav", 6);
    const bed = await render(scene(false), "bed6.wav", 6);
    expect(Buffer.compare(muted.bytes, bed.bytes)).toBe(0);
  }, 60_000);

  it("gives a different seed a different voice", async () => {
    const a = await render(scene(true, { style: "whisper" }), "w1.wav", 5, 1);
    const b = await render(scene(true, { style: "whisper" }), "w2.wav", 5, 2);
    const bedA = await render(scene(false), "b1.wav", 5, 1);
    expect(Buffer.compare(a.bytes, b.bytes)).not.toBe(0);
    expect(Buffer.compare(a.bytes, bedA.bytes)).not.toBe(0);
  }, 60_000);
});
