/**
 * Runs the Flite program (compiled to WASI) on one piece of text at a time: mono PCM out.
 *
 * Instantiating the 21 MB module costs ~100 ms (it copies the voices into memory), far more than
 * synthesising a sentence, so one instance is reused: its memory is snapshotted before the first
 * run and restored before every later one, which puts the C program back to its starting state.
 * This is only sound when `_start` returns normally (the shadow-stack pointer is a hidden global
 * that a proc_exit unwind would leave moved), so after any proc_exit the instance is dropped.
 */
import { createWasi, WasiExit, type WasiRun } from "./wasi";
import { type WasmMemory, type WasmModule, wasm } from "./wasm";

export interface FliteRunOptions {
  readonly voice: string;
  /** Duration multiplier: > 1 speaks slower. */
  readonly durationStretch: number;
  /** Multiplier on the voice's pitch (1 = its own). */
  readonly f0Scale: number;
}

export interface Pcm {
  readonly sampleRate: number;
  readonly samples: Float32Array;
}

const OUT = "out.wav";

function fliteArgs(text: string, opts: FliteRunOptions): string[] {
  return [
    "flite",
    "-voice",
    opts.voice,
    "--setf",
    `duration_stretch=${opts.durationStretch.toFixed(4)}`,
    "--setf",
    `f0_shift=${opts.f0Scale.toFixed(4)}`,
    "-t",
    text,
    "-o",
    `/${OUT}`,
  ];
}

interface Live {
  readonly wasi: WasiRun;
  readonly memory: WasmMemory;
  readonly start: () => void;
  readonly snapshot: Uint8Array;
}

export class FliteMachine {
  private live: Live | undefined;

  constructor(private readonly module: WasmModule) {}

  private fresh(): Live {
    const wasi = createWasi([]);
    const instance = new wasm.Instance(this.module, { wasi_snapshot_preview1: wasi.imports });
    const { memory, _start } = instance.exports as { memory: WasmMemory; _start: () => void };
    wasi.bind(memory);
    return { wasi, memory, start: _start, snapshot: new Uint8Array(memory.buffer).slice() };
  }

  /** Instantiates now (about 100 ms) rather than on the first sentence. */
  warm(): void {
    this.live ??= this.fresh();
  }

  run(text: string, opts: FliteRunOptions): Pcm {
    const live = this.live ?? this.fresh();
    this.live = undefined;
    const heap = new Uint8Array(live.memory.buffer);
    heap.set(live.snapshot);
    if (heap.length > live.snapshot.length) heap.fill(0, live.snapshot.length);
    live.wasi.reset(fliteArgs(text, opts));
    try {
      live.start();
    } catch (error) {
      if (!(error instanceof WasiExit)) throw error;
      if (error.code !== 0) throw new Error(`flite exited with ${error.code}: ${live.wasi.stderr()}`);
    }
    const wav = live.wasi.file(OUT);
    if (!live.wasi.exited()) this.live = live;
    if (!wav) throw new Error(`flite wrote no audio: ${live.wasi.stderr()}`);
    return parseWav(wav);
  }
}

/** Reads a 16-bit PCM RIFF/WAVE file (mono or the first channel). */
export function parseWav(bytes: Uint8Array): Pcm {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (p: number) =>
    String.fromCharCode(bytes[p] ?? 0, bytes[p + 1] ?? 0, bytes[p + 2] ?? 0, bytes[p + 3] ?? 0);
  if (tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a WAVE file");
  let p = 12;
  let channels = 1;
  let sampleRate = 0;
  while (p + 8 <= bytes.length) {
    const id = tag(p);
    const size = v.getUint32(p + 4, true);
    if (id === "fmt ") {
      channels = v.getUint16(p + 10, true);
      sampleRate = v.getUint32(p + 12, true);
    } else if (id === "data") {
      const avail = Math.min(size, bytes.length - p - 8);
      const n = Math.floor(avail / 2 / channels);
      const samples = new Float32Array(n);
      for (let i = 0; i < n; i++) samples[i] = v.getInt16(p + 8 + i * 2 * channels, true) / 32768;
      return { sampleRate, samples };
    }
    p += 8 + size + (size & 1);
  }
  throw new Error("WAVE file has no data chunk");
}
