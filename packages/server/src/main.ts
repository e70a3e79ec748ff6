import { serve, serveOptionsFromEnv } from "./serve";

// The server's entry point (`tsx packages/server/src/main.ts`): configuration from the
// environment, then serve until SIGINT/SIGTERM.
try {
  const server = await serve(serveOptionsFromEnv(process.env));
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, shutting down…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("Error while shutting down:", error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error("Meridian could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
}
