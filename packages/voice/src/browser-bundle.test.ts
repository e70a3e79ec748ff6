/**
 * The browser entry bundles with Vite as a Worker would: flite.wasm is emitted as an asset of the
 * app (not inlined, not fetched from elsewhere) and the script names no other origin.
 */
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type Rollup } from "vite";
import { describe, expect, it } from "vitest";
import { fliteWasmPath } from "./node";

describe("browser entry bundle", () => {
  it("emits flite.wasm as a same-origin asset and fetches nothing else", { timeout: 120_000 }, async () => {
    const result = await build({
      configFile: false,
      logLevel: "silent",
      root: fileURLToPath(new URL("..", import.meta.url)),
      build: {
        write: false,
        assetsInlineLimit: 0,
        rollupOptions: {
          input: fileURLToPath(new URL("./browser.ts", import.meta.url)),
          preserveEntrySignatures: "exports-only",
        },
      },
    });
    const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
    const chunks = output.output.filter((o): o is Rollup.OutputChunk => o.type === "chunk");
    const assets = output.output.filter((o): o is Rollup.OutputAsset => o.type === "asset");

    const wasmAssets = assets.filter((a) => a.fileName.endsWith(".wasm"));
    expect(wasmAssets).toHaveLength(1);
    const wasm = wasmAssets[0] as Rollup.OutputAsset;
    expect(wasm.source.length).toBe(statSync(fliteWasmPath()).size);

    const code = chunks.map((c) => c.code).join("\n");
    expect(code).toContain(`/${wasm.fileName}`);
    expect(code).not.toMatch(/https?:\/\//);
    expect(code).not.toMatch(/["'`]\/\/[a-z0-9]/i);
    expect(code).not.toContain("base64");
    expect(code.length).toBeLessThan(40_000);
  });
});
