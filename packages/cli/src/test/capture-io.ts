import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import type { CliIO } from "../io";

export interface CapturedIO extends CliIO {
  out(): string;
  err(): string;
}

/** A CliIO whose output is collected for assertions; env points at a fresh data directory. */
export function captureIO(
  options: { stdin?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
): CapturedIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (c: Buffer) => {
    out += c.toString("utf8");
  });
  stderr.on("data", (c: Buffer) => {
    err += c.toString("utf8");
  });
  return {
    stdout,
    stderr,
    isTTY: false,
    stdin: Readable.from([options.stdin ?? ""]),
    env: options.env ?? { MERIDIAN_DATA_DIR: mkdtempSync(join(tmpdir(), "meridian-cli-")) },
    ...(options.signal ? { signal: options.signal } : {}),
    out: () => out,
    err: () => err,
  };
}
