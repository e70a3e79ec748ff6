/**
 * Offline render helpers for tests, calibration and benchmarks: a generator alone in a
 * one-layer scene through the full engine (binaural placement, master, limiter).
 */
import { createEngine, type Engine } from "../engine/engine";
import type { GeneratorDef } from "../generator";
import type { Motion, Position, Scene } from "../scene";

export interface RenderOptions {
  readonly sampleRate?: number;
  readonly seed?: number;
  readonly seconds: number;
  /** Block size passed to `process` (default 1024). */
  readonly block?: number;
  readonly params?: Readonly<Record<string, number>>;
  readonly position?: Position;
  readonly motion?: Motion;
  readonly gainDb?: number;
  /** Called before each block with the frame about to be rendered (automation). */
  readonly onBlock?: (engine: Engine, frame: number) => void;
}

export interface Stereo {
  readonly l: Float32Array;
  readonly r: Float32Array;
  readonly sampleRate: number;
}

export function soloScene(
  def: GeneratorDef,
  opts: Pick<RenderOptions, "params" | "position" | "motion" | "gainDb">,
): Scene {
  return {
    version: 1,
    fadeIn: 0,
    layers: [
      {
        id: "solo",
        generator: def.id,
        params: opts.params ?? {},
        gainDb: opts.gainDb ?? 0,
        ...(opts.position ? { position: opts.position } : {}),
        ...(opts.motion ? { motion: opts.motion } : {}),
      },
    ],
  };
}

export function renderScene(
  scene: Scene,
  opts: RenderOptions,
  lookup?: (id: string) => GeneratorDef | undefined,
): Stereo {
  const sampleRate = opts.sampleRate ?? 48000;
  const engine = createEngine({
    sampleRate,
    seed: opts.seed ?? 1,
    ...(lookup ? { generators: lookup } : {}),
  });
  engine.setScene(scene);
  const total = Math.round(opts.seconds * sampleRate);
  const l = new Float32Array(total);
  const r = new Float32Array(total);
  const block = opts.block ?? 1024;
  for (let f = 0; f < total; f += block) {
    const n = Math.min(block, total - f);
    opts.onBlock?.(engine, f);
    engine.process(l.subarray(f), r.subarray(f), n);
  }
  return { l, r, sampleRate };
}

export function renderGenerator(def: GeneratorDef, opts: RenderOptions): Stereo {
  return renderScene(soloScene(def, opts), opts, (id) => (id === def.id ? def : undefined));
}
