import type { CliIO } from "./io";

/** Reads a password from stdin (first line), for --password-stdin; never from argv. */
export async function readSecretLine(io: CliIO): Promise<string> {
  const stdin = io.stdin ?? process.stdin;
  let data = "";
  for await (const chunk of stdin) {
    data += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (data.includes("\n")) break;
  }
  return data.split(/\r?\n/)[0] ?? "";
}
