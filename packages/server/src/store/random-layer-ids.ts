import { randomBytes } from "node:crypto";
import { withRandomMediaLayerIds } from "@meridian/core";

/**
 * A scene about to be stored, with every own-audio layer id that is not random (an older web app
 * made them from the file's name: "after-the-funeral-mum-s-voice") replaced by a random one
 * (core's scene-ids.ts). Ids stay plain at rest, so they must say nothing. Applied by the
 * encrypting store to every scene it writes (presets, session snapshots, imports), rather than
 * refusing such ids: share links and pages made before still carry them, and the person never
 * sees an id. The answer carries the new ids.
 */
export const withRandomLayerIds = <T>(scene: T): T => withRandomMediaLayerIds(scene, (n) => randomBytes(n));
