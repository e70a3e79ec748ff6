import { serve, serveOptionsFromEnv } from "@meridian/server";
import { parse } from "../args";
import type { CliIO } from "../io";

export const serveHelp = `Usage: meridian serve

Runs the studio. Settings come from the environment:
  PORT (4711), HOST (127.0.0.1), MERIDIAN_DATA_DIR (./data), DATABASE_URL (postgres://… for PostgreSQL)
`;

export async function runServe(args: string[], io: CliIO): Promise<number> {
  const { values } = parse(args, { help: { type: "boolean", short: "h" } }, false);
  if (values.help) {
    io.stdout.write(serveHelp);
    return 0;
  }
  const server = await serve({
    ...serveOptionsFromEnv(io.env ?? process.env),
    log: (line) => io.stdout.write(`${line}\n`),
  });
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) resolve();
    io.signal?.addEventListener("abort", () => resolve(), { once: true });
    process.once("SIGTERM", () => resolve());
  });
  await server.close();
  return 0;
}
