import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planNarration } from "@meridian/voice/narration";
import { afterAll, describe, expect, it } from "vitest";
import { readWav } from "../audio/wav-writer";
import { captureIO } from "../test/capture-io";
import { runRender } from "./render";

const dir = mkdtempSync(join(tmpdir(), "meridian-render-voice-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const STORY = "seaside-cottage";
const startAt = planNarration({ kind: "story", id: STORY }).sentences.length - 1;
const bed = {
  version: 2,
  fadeIn: 0.2,
  fadeOut: 0.5,
  layers: [{ id: "sea", generator: "waves", gainDb: -6 }],
};

function sceneFile(name: string, scene: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(scene));
  return path;
}

async function render(ref: string, out: string, seconds: string): Promise<{ code: number; err: string }> {
  const io = captureIO();
  const code = await runRender([ref, "--duration", seconds, "--out", out, "--sample-rate", "16000"], io);
  return { code, err: io.err() };
}

const samples = (file: string) =>
  Float32Array.from(readWav(readFileSync(file)).samples[0] ?? [], (v) => v / 32768);

describe("meridian render with voice layers", () => {
  it("narrates a scene file's story over the bed, deterministically", async () => {
    const voiced = sceneFile("voiced.json", {
      ...bed,
      voiceLayers: [{ id: "story", content: { kind: "story", id: STORY }, startAt }],
    });
    const plain = sceneFile("plain.json", bed);
    const a = join(dir, "a.wav");
    const b = join(dir, "b.wav");
    const c = join(dir, "c.wav");
    for (const [ref, out] of [
      [voiced, a],
      [voiced, b],
      [plain, c],
    ] as const) {
      const r = await render(ref, out, "5s");
      expect(r.code, r.err).toBe(0);
    }
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const x = samples(a);
    const y = samples(c);
    let e = 0;
    for (let i = 0; i < x.length; i++) e += ((x[i] ?? 0) - (y[i] ?? 0)) ** 2;
    expect(Math.sqrt(e / x.length)).toBeGreaterThan(3e-3);
  }, 180_000);

  it("lists and renders the built-in scenes with a story by id or name", async () => {
    const io = captureIO();
    expect(await runRender(["--list"], io)).toBe(0);
    expect(io.out()).toContain("night-train-story");
    expect(io.out()).toContain("library-rain");
    const out = join(dir, "seaside.wav");
    const r = await render("Seaside cottage story with waves", out, "2s");
    expect(r.code, r.err).toBe(0);
    expect(samples(out).length).toBe(32000);
    const close = await render("seaside story", join(dir, "x.wav"), "2s");
    expect(close.code).toBe(2);
    expect(close.err).toMatch(/did you mean .*seaside-story/);
  }, 120_000);

  it("refuses voice content that isn't built in, naming the field", async () => {
    const bad = sceneFile("bad.json", {
      ...bed,
      voiceLayers: [{ id: "v", content: { kind: "story", id: "diary" } }],
    });
    const r = await render(bad, join(dir, "bad.wav"), "2s");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/voiceLayers\[0\]\.content\.id: must be the id of a built-in story/);
  });
});
