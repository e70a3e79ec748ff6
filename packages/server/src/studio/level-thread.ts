/**
 * Thread entry of the studio's offline renders (bundled with esbuild by level-runner.ts, so it
 * needs no TypeScript loader). Waits for requests (level-work.ts), answers each and posts the
 * answer back, or the error's message.
 */
import { parentPort } from "node:worker_threads";
import { answer, type LevelReply, type LevelRequest } from "./level-work";

const port = parentPort;
if (port) {
  port.on("message", (m: LevelRequest) => {
    try {
      port.postMessage(answer(m) satisfies LevelReply);
    } catch (error) {
      port.postMessage({
        id: m.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LevelReply);
    }
  });
}
