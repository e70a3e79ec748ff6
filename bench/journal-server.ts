/** Child process for the journal benchmark: a real studio server on a free loopback port. */
import { serve } from "@meridian/server";

const server = await serve({
  port: 0,
  host: "127.0.0.1",
  dataDir: process.env.MERIDIAN_DATA_DIR ?? "",
  databaseUrl: process.env.DATABASE_URL || undefined,
  webDistDir: null,
  log: () => {},
});
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
