/**
 * What mixing an own WAV layer costs a server render: `npx tsx packages/server/src/render/measure-media.ts [seconds]`
 * renders rain alone and rain plus a 20 s 44.1 kHz WAV (resampled, looped, orbiting), twice
 * each, on the event loop, and prints the speed in × realtime.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseScene, toEngineScene } from "@meridian/core";
import { toneWav } from "../media/testing";
import { WavLayerSource } from "./media-source";
import { renderInto } from "./pipeline";
import { WavWriter } from "./wav-writer";

const seconds = Number(process.argv[2] ?? 300);
const dir = mkdtempSync(join(tmpdir(), "meridian-measure-"));
try {
  const wav = join(dir, "hum.wav");
  writeFileSync(wav, toneWav({ seconds: 20, amplitude: 0.2, sampleRate: 44100 }));
  const parsed = parseScene({
    version: 2,
    layers: [{ id: "rain", generator: "rain" }],
    mediaLayers: [{ id: "hum", mediaId: "m", motion: { kind: "orbit", period: 10 } }],
  });
  if (!parsed.ok) throw new Error("the measuring scene is invalid");
  const layer = parsed.scene.mediaLayers[0];
  if (!layer) throw new Error("no media layer");
  for (const withMedia of [false, true, false, true]) {
    const source = withMedia
      ? await WavLayerSource.open({ layer, path: wav, matchedGainDb: 0 }, 48000, 0)
      : null;
    const writer = await WavWriter.create(join(dir, "out.wav"), 48000);
    const o = await renderInto(writer, {
      scene: toEngineScene(parsed.scene),
      seconds,
      sampleRate: 48000,
      seed: 1,
      media: source ? [source] : [],
    });
    const label = withMedia ? "rain + own WAV (orbit)" : "rain only";
    console.log(
      `${label.padEnd(24)} ${seconds} s in ${o.wallSeconds.toFixed(2)} s wall = ${(seconds / o.wallSeconds).toFixed(0)}× realtime`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
