/**
 * One row of figures per generator (alone, defaults, front, 1 m) and per built-in scene, for
 * before/after comparisons: integrated loudness (BS.1770, after the limiter), true peak before
 * and after the limiter, spectral centroid and the share of power in 2–10 kHz (of L+R), and
 * limiter activity (share of 10 ms frames turned down by more than 1 dB). Each sound is rendered
 * 30 dB under the limiter (linear), brought back up and passed through a fresh limiter, so one
 * render gives both sides. Uses only modules that predate the scene make-up gains, so the same
 * file runs in an older checkout (copy it there) for the "before" column.
 *
 *   npx tsx packages/sound/scripts/level-table.ts [--seconds 60] [--gens] [--scenes] [ids…]
 *
 * Prints one JSON object per line.
 */
import { renderScene, soloScene } from "../src/analysis/render";
import { bandFraction, welch } from "../src/analysis/spectrum";
import { Limiter } from "../src/engine/limiter";
import type { GeneratorDef } from "../src/generator";
import { GENERATORS } from "../src/generators/index";
import { integratedLoudness } from "../src/loudness/meter";
import { truePeakDb } from "../src/loudness/true-peak";
import type { Scene } from "../src/scene";
import { BUILTIN_SCENES } from "../src/scenes/index";

const FS = 48000;
const HEADROOM_DB = 30;

export interface Row {
  readonly kind: "generator" | "scene";
  readonly id: string;
  readonly lufs: number;
  readonly truePeakDb: number;
  readonly unlimitedTruePeakDb: number;
  readonly centroidHz: number;
  readonly share2to10k: number;
  readonly limitedShare: number;
  readonly maxReductionDb: number;
}

function measure(
  kind: Row["kind"],
  id: string,
  scene: Scene,
  seconds: number,
  lookup?: (id: string) => GeneratorDef | undefined,
): Row {
  const quiet: Scene = { ...scene, fadeIn: 0, masterGainDb: (scene.masterGainDb ?? 0) - HEADROOM_DB };
  const dry = renderScene(quiet, { seconds, seed: 1, sampleRate: FS }, lookup);
  const up = 10 ** (HEADROOM_DB / 20);
  const n = dry.l.length;
  const ul = new Float32Array(n);
  const ur = new Float32Array(n);
  const mid = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    ul[i] = (dry.l[i] as number) * up;
    ur[i] = (dry.r[i] as number) * up;
    mid[i] = ((ul[i] as number) + (ur[i] as number)) * 0.5;
  }
  const ll = ul.slice();
  const lr = ur.slice();
  const limiter = new Limiter(FS);
  limiter.process(ll, lr, 0, n);
  const lat = limiter.latency;
  const frame = Math.round(FS * 0.01);
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
    maxReductionDb = Math.max(maxReductionDb, gr);
  }
  const psd = welch(mid, 4096);
  let num = 0;
  let den = 0;
  for (let k = 1; k < psd.length; k++) {
    const f = (k * FS) / 4096;
    if (f < 20) continue;
    num += f * (psd[k] as number);
    den += psd[k] as number;
  }
  const r = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    kind,
    id,
    lufs: r(integratedLoudness(FS, [ll, lr]), 2),
    truePeakDb: r(truePeakDb([ll, lr]), 2),
    unlimitedTruePeakDb: r(truePeakDb([ul, ur]), 2),
    centroidHz: Math.round(den > 0 ? num / den : 0),
    share2to10k: r(bandFraction(psd, FS, 2000, 10000), 4),
    limitedShare: r(frames > 0 ? over / frames : 0, 4),
    maxReductionDb: r(maxReductionDb, 2),
  };
}

const args = process.argv.slice(2);
const secIdx = args.indexOf("--seconds");
const seconds = secIdx >= 0 ? Number(args[secIdx + 1]) : 60;
const ids = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--seconds");
const wantGens = args.includes("--gens") || !args.includes("--scenes");
const wantScenes = args.includes("--scenes") || !args.includes("--gens");
if (wantGens) {
  for (const def of GENERATORS) {
    if (ids.length > 0 && !ids.includes(def.id)) continue;
    const scene = soloScene(def, {});
    const row = measure("generator", def.id, scene, seconds, (id) => (id === def.id ? def : undefined));
    console.log(JSON.stringify(row));
  }
}
if (wantScenes) {
  for (const { id, scene } of BUILTIN_SCENES) {
    if (ids.length > 0 && !ids.includes(id)) continue;
    console.log(JSON.stringify(measure("scene", id, scene, seconds)));
  }
}
