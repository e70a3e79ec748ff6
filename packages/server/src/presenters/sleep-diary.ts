import type { SleepDiary } from "@meridian/core";
import type { SleepDiaryRecord } from "../store/ritual-store";

export function presentSleepDiary(d: SleepDiaryRecord): SleepDiary {
  return {
    ...d.fields,
    nightOf: d.nightOf,
    id: d.id,
    sessionId: d.sessionId,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    derived: { ...d.derived, adjustedTimes: [...d.derived.adjustedTimes] },
  };
}
