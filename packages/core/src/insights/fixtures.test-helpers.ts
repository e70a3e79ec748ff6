/** Small hand-made inputs shared by the insights tests. */
import { addDays } from "./dates";
import type { SessionObservation } from "./types";

export function session(
  id: string,
  localDate: string,
  hourLocal: number,
  anxietyBefore: number,
  anxietyAfter: number | null,
  triggers: string[] = [],
  extra: Partial<SessionObservation> = {},
): SessionObservation {
  return {
    id,
    startedAt: `${localDate}T${String(Math.floor(hourLocal)).padStart(2, "0")}:00:00.000Z`,
    localDate,
    hourLocal,
    checkIn: { pleasantness: 4, energy: 5, anxiety: anxietyBefore },
    checkOut:
      anxietyAfter === null
        ? null
        : {
            pleasantness: 5 + (Number(id.replace(/\D/g, "")) % 3),
            energy: 4,
            anxiety: anxietyAfter,
            tingles: 3,
          },
    triggers,
    ...extra,
  };
}

/** Anxiety changes with rain (7 sessions) and without (11), as in the Welch fixture "rainVsNot". */
export const RAIN_CHANGES = [-18, -12, -25, -9, -20, -14, -16];
export const OTHER_CHANGES = [-5, -11, 2, -8, -3, -15, 0, -6, -9, -1, -4];

/**
 * 18 complete sessions, one a day from 2025-03-01 at 10:00: the first 7 with rain, the next 6 with
 * fire, all 18 with brushing except the last; "tapping" twice (sessions 14 and 15); plus one
 * session without a check-out.
 */
export function eighteenSessions(): SessionObservation[] {
  const changes = [...RAIN_CHANGES, ...OTHER_CHANGES];
  const sessions = changes.map((change, i) => {
    const triggers: string[] = [];
    if (i < 7) triggers.push("rain");
    if (i >= 7 && i < 13) triggers.push("fire");
    if (i === 13 || i === 14) triggers.push("tapping");
    return session(`s${i}`, addDays("2025-03-01", i), 10, 60, 60 + change, triggers, {
      presetId: i % 2 === 0 ? "preset-even" : "preset-odd",
    });
  });
  sessions.push(session("s-open", "2025-03-20", 10, 55, null, ["rain"]));
  return sessions;
}
