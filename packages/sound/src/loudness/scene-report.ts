/**
 * What a scene does at the master, measured on an offline render: integrated loudness (BS.1770),
 * true peak before and after the limiter, the crest factor, and how hard the limiter works
 * (share of 10 ms frames it turns down by more than 1 dB). The scene is rendered well under the
 * limiter (linear), brought back up, and then passed through the engine's own limiter, so one
 * render gives both sides.
 */
import { renderScene } from "../analysis/render";
import { Limiter } from "../engine/limiter";
import type { GeneratorDef } from "../generator";
import type { Scene } from "../scene";
import { integratedLoudness } from "./meter";
import { truePeakDb } from "./true-peak";

export interface SceneLevelReport {
  /** Integrated loudness of the limited output (LUFS). */
  readonly lufs: number;
  /** True peak of the limited output (dBTP). */
  readonly truePeakDb: number;
  /** True peak the mix would have without the limiter (dBTP). */
  readonly unlimitedTruePeakDb: number;
  /** Sample peak over RMS of the unlimited mix (dB). */
  readonly crestDb: number;
  /** Share (0–1) of 10 ms frames the limiter turns down by more than 1 dB. */
  readonly limitedShare: number;
  /** Largest gain reduction in one 10 ms frame (dB, energy). */
  readonly maxReductionDb: number;
}

export interface ReportOptions {
  readonly seconds: number;
  readonly seed?: number;
  readonly sampleRate?: number;
  /** Render with the scene's fade-in (default: none, the steady state). */
  readonly withFadeIn?: boolean;
  readonly lookup?: (id: string) => GeneratorDef | undefined;
}

/** Headroom of the linear render: the loudest scenes peak near +12 dBFS unlimited. */
const HEADROOM_DB = 30;
const FRAME_SECONDS = 0.01;

export function sceneLevelReport(scene: Scene, opts: ReportOptions): SceneLevelReport {
  const sampleRate = opts.sampleRate ?? 48000;
  const quiet: Scene = {
    ...scene,
    ...(opts.withFadeIn ? {} : { fadeIn: 0 }),
    masterGainDb: (scene.masterGainDb ?? 0) - HEADROOM_DB,
  };
  const dry = renderScene(quiet, { seconds: opts.seconds, seed: opts.seed ?? 1, sampleRate }, opts.lookup);
  const up = 10 ** (HEADROOM_DB / 20);
  const n = dry.l.length;
  const ul = new Float32Array(n);
  const ur = new Float32Array(n);
  let peak = 0;
  let energy = 0;
  for (let i = 0; i < n; i++) {
    const a = (dry.l[i] as number) * up;
    const b = (dry.r[i] as number) * up;
    ul[i] = a;
    ur[i] = b;
    peak = Math.max(peak, Math.abs(a), Math.abs(b));
    energy += a * a + b * b;
  }
  const ll = ul.slice();
  const lr = ur.slice();
  const limiter = new Limiter(sampleRate);
  limiter.process(ll, lr, 0, n);
  // The limiter delays its output by its latency: compare like with like.
  const lat = limiter.latency;
  const frame = Math.round(sampleRate * FRAME_SECONDS);
  let frames = 0;
  let over = 0;
  let maxReductionDb = 0;
  for (let f = 0; f + frame + lat <= n; f += frame) {
    let eu = 0;
    let el = 0;
    for (let k = f; k < f + frame; k++) {
      eu += (ul[k] as number) ** 2 + (ur[k] as number) ** 2;
      el += (ll[k + lat] as number) ** 2 + (lr[k + lat] as number) ** 2;
    }
    if (eu < 1e-12) continue;
    const gr = 10 * Math.log10(eu / Math.max(el, 1e-30));
    frames++;
    if (gr > 1) over++;
    if (gr > maxReductionDb) maxReductionDb = gr;
  }
  const rms = Math.sqrt(energy / (2 * n));
  return {
    lufs: integratedLoudness(sampleRate, [ll, lr]),
    truePeakDb: truePeakDb([ll, lr]),
    unlimitedTruePeakDb: truePeakDb([ul, ur]),
    crestDb: rms > 0 ? 20 * Math.log10(peak / rms) : 0,
    limitedShare: frames > 0 ? over / frames : 0,
    maxReductionDb,
  };
}
