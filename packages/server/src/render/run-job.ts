import { WavLayerSource } from "./media-source";
import { openAudioWriter, type RenderOutcome, renderInto } from "./pipeline";
import type { RenderJobSpec } from "./render-thread";

/** Progress reports at most this often. */
const PROGRESS_EVERY_MS = 200;

/** One server render job (in a worker thread, or on the event loop with `yieldEveryMs`). */
export async function runRenderJob(
  spec: RenderJobSpec,
  signal: AbortSignal,
  onProgress: (done: number, total: number) => void,
  yieldEveryMs?: number,
): Promise<RenderOutcome> {
  const media: WavLayerSource[] = [];
  try {
    for (const input of spec.media ?? []) {
      const source = await WavLayerSource.open(input, spec.sampleRate, spec.scene.masterGainDb ?? 0);
      if (source) media.push(source);
    }
  } catch (error) {
    for (const m of media) await m.close().catch(() => {});
    throw error;
  }
  let writer: Awaited<ReturnType<typeof openAudioWriter>>;
  try {
    writer = await openAudioWriter(spec.format, spec.out, spec.sampleRate);
  } catch (error) {
    for (const m of media) await m.close().catch(() => {});
    throw error;
  }
  let last = 0;
  return renderInto(
    writer,
    {
      scene: spec.scene,
      seconds: spec.seconds,
      sampleRate: spec.sampleRate,
      seed: spec.seed,
      media,
      ...(spec.voiceLayers ? { voiceLayers: spec.voiceLayers } : {}),
    },
    {
      signal,
      ...(yieldEveryMs !== undefined ? { yieldEveryMs } : {}),
      onProgress: (done, total) => {
        const now = performance.now();
        if (now - last >= PROGRESS_EVERY_MS || done === total) {
          last = now;
          onProgress(done, total);
        }
      },
    },
  );
}
