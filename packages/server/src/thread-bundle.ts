/**
 * A worker thread's code, built once with esbuild and cached: `entry` and everything it imports
 * as one CommonJS script, so the thread needs no TypeScript loader (the same code runs under tsx
 * and wherever the server runs). A failed build is not cached: the next call tries again. Used by
 * the import's parse thread and the presets' level thread.
 */
import { fileURLToPath } from "node:url";

/** Builds a thread's code (tests swap in one that fails). */
export type ThreadBundler = () => Promise<string>;

/** The thread's code: `entry` and everything it imports, as one CommonJS script. */
export async function esbuildBundle(entry: string): Promise<string> {
  const { build } = await import("esbuild");
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const code = out.outputFiles[0]?.text;
  if (code === undefined) throw new Error(`esbuild gave no output for ${entry}`);
  return code;
}

export class CachedBundle {
  readonly #defaultBundler: ThreadBundler;
  #bundler: ThreadBundler;
  #bundle: Promise<string> | undefined;

  constructor(entry: URL) {
    this.#defaultBundler = () => esbuildBundle(fileURLToPath(entry));
    this.#bundler = this.#defaultBundler;
  }

  /** The code (built on first use, then cached); a failed build rejects and is forgotten. */
  get(): Promise<string> {
    if (this.#bundle) return this.#bundle;
    const building = this.#bundler().catch((error: unknown) => {
      if (this.#bundle === building) this.#bundle = undefined;
      throw error;
    });
    this.#bundle = building;
    return building;
  }

  /** Tests: builds with `next` from now on; returns what puts the default back. */
  replace(next: ThreadBundler): () => void {
    this.#bundler = next;
    this.#bundle = undefined;
    return () => {
      this.#bundler = this.#defaultBundler;
      this.#bundle = undefined;
    };
  }
}
