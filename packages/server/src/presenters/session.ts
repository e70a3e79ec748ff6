import { redactMaskedSession, type Session } from "@meridian/core";
import type { RitualSessionRecord } from "../store/ritual-store";

/** A stored session as the API shows it. A masked, unrevealed session hides its scene, media and
 * assignment (core's redactMaskedSession), so nothing tells the person which sound they heard. */
export function presentSession(s: RitualSessionRecord): Session {
  return redactMaskedSession({
    id: s.id,
    status: s.status,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    timeZone: s.timeZone,
    localDate: s.localDate,
    checkIn: s.checkIn,
    checkOut: s.checkOut,
    scene: s.scene,
    media: s.media,
    entryId: s.entryId,
    promptId: s.promptId,
    condition: s.condition,
    updatedAt: s.updatedAt,
  });
}
