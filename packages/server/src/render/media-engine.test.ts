import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScene } from "@meridian/core";
import { createEngine } from "@meridian/sound";
import { afterAll, describe, expect, it } from "vitest";
import { toneWav } from "../media/testing";
import { WavLayerSource } from "./media-source";
import { renderInto } from "./pipeline";
import { readWav, WavWriter } from "./wav-writer";

const dir = mkdtempSync(join(tmpdir(), "meridian-media-engine-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SR = 16000;

function mediaLayer(extra: Record<string, unknown>) {
  const r = parseScene({ version: 2, layers: [], mediaLayers: [{ id: "hum", mediaId: "m1", ...extra }] });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scene.mediaLayers[0] as NonNullable<(typeof r.scene.mediaLayers)[number]>;
}

describe("own audio in renders plays through the engine", () => {
  it("is placed and moved by the engine exactly like a PCM layer fed the same samples", async () => {
    const path = join(dir, "hum.wav");
    writeFileSync(
      path,
      toneWav({ seconds: 1.5, amplitude: 0.2, frequency: 700, channels: 1, sampleRate: 22050 }),
    );
    const layer = mediaLayer({
      loop: false,
      gainDb: -3,
      position: { azimuth: -60, distance: 0.5 },
      motion: { kind: "orbit", period: 2 },
    });
    const source = await WavLayerSource.open({ layer, path, matchedGainDb: 2 }, SR, 0);
    if (!source) throw new Error("a WAV");
    expect(source.engineReady).toBe(true);
    const out = join(dir, "out.wav");
    const scene = { version: 1 as const, layers: [], fadeIn: 0, fadeOut: 0, makeupGainDb: 4 };
    await renderInto(await WavWriter.create(out, SR), {
      scene,
      seconds: 2,
      sampleRate: SR,
      seed: 1,
      media: [source],
    });
    const got = readWav(readFileSync(out)).samples as [Int16Array, Int16Array];

    // The reference: the engine alone, the file's samples pushed into a PCM layer. Gains: file
    // matched +2, layer −3, and the make-up gain the engine adds is taken back off (−4).
    const wav = readWav(readFileSync(path));
    const mono = Float32Array.from(wav.samples[0] ?? [], (v) => v / 32768);
    const engine = createEngine({ sampleRate: SR, seed: 1 });
    engine.setScene({
      ...scene,
      pcmLayers: [
        {
          id: "hum",
          loop: false,
          gainDb: -1 - 4,
          position: layer.position,
          motion: layer.motion,
          mute: false,
        },
      ],
    });
    engine.pushPcm("hum", mono, 1, 22050, { endOfStream: true });
    const l = new Float32Array(2 * SR);
    const r = new Float32Array(2 * SR);
    engine.process(l, r, 2 * SR);
    let worst = 0;
    let energy = 0;
    for (let i = 0; i < l.length; i++) {
      worst = Math.max(worst, Math.abs((got[0][i] ?? 0) / 32768 - (l[i] ?? 0)));
      worst = Math.max(worst, Math.abs((got[1][i] ?? 0) / 32768 - (r[i] ?? 0)));
      energy += (l[i] ?? 0) ** 2;
    }
    expect(Math.sqrt(energy / l.length)).toBeGreaterThan(0.01);
    expect(worst).toBeLessThan(2 / 32768);
    // It moved: the orbit takes it from the left ear round to the right within the render.
    const side = (a: number, b: number) => {
      let e = 0;
      for (let i = a; i < b; i++) e += ((got[0][i] ?? 0) - (got[1][i] ?? 0)) / 32768;
      return e;
    };
    expect(Math.sign(side(0, SR / 4))).not.toBe(Math.sign(side(SR / 2, (3 * SR) / 4)));
  });
});
