/**
 * The slice of the WebAssembly JS API this package uses, typed here because the consumers'
 * configurations differ (Node's types declare only part of the WebAssembly namespace, the DOM
 * lib all of it); the global object is the same in Node and in a Worker.
 */

/** A compiled module (opaque). */
export type WasmModule = object;

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}

export type WasmImports = Record<string, (...args: never[]) => unknown>;

interface WasmInstance {
  readonly exports: Record<string, unknown>;
}

interface WasmApi {
  compile(bytes: ArrayBuffer | ArrayBufferView): Promise<WasmModule>;
  compileStreaming?: (source: Response | PromiseLike<Response>) => Promise<WasmModule>;
  Instance: new (module: WasmModule, imports: Record<string, WasmImports>) => WasmInstance;
}

export const wasm: WasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
