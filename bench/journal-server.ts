/** Child process for the journal benchmark: a real studio server on a free loopback port,
 * configured from the environment like `meridian serve` (DATABASE_URL, MERIDIAN_PG_POOL, …). */
import { serve, serveOptionsFromEnv } from "@meridian/server";

const server = await serve({
  ...serveOptionsFromEnv(process.env),
  port: 0,
  host: "127.0.0.1",
  dataDir: process.env.MERIDIAN_DATA_DIR ?? "",
  webDistDir: null,
  log: () => {},
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
