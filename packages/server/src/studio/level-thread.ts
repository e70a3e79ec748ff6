/**
 * Thread entry of a preset's level measurement (bundled with esbuild by level-runner.ts, so it
 * needs no TypeScript loader). Waits for scenes, measures each one's make-up gain with the same
 * offline pass the route used to run on the event loop, and posts the gain back.
 */
import { parentPort } from "node:worker_threads";
import { measureMakeupGainDb, type Scene } from "@meridian/sound";

export interface LevelRequest {
  id: number;
  scene: Scene;
  seconds: number;
}

export type LevelReply = { id: number; gainDb: number } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on("message", (m: LevelRequest) => {
    try {
      port.postMessage({
        id: m.id,
        gainDb: measureMakeupGainDb(m.scene, { seconds: m.seconds }),
      } satisfies LevelReply);
    } catch (error) {
      port.postMessage({
        id: m.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LevelReply);
    }
  });
}
