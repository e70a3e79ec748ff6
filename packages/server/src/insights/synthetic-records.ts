/**
 * Synthetic ritual records (sessions, sleep diaries, check-ups) for `meridian demo` and the
 * insights benchmark. Deterministic for a seed; clearly not anyone's data. Sessions use the
 * built-in scenes as snapshots, so their triggers map like real ones; a few triggers carry a
 * plausible extra drop in anxiety (rain, whispering, hair brushing, waves), the rest none.
 */
import {
  addDays,
  type CheckIn,
  type CheckOut,
  deriveSleep,
  INSTRUMENTS,
  type InstrumentId,
  localToInstant,
  type SleepDiaryInput,
  scoreInstrument,
  seededRandom,
} from "@meridian/core";
import { BUILTIN_SCENES, type BuiltinScene } from "@meridian/sound";
import type { CheckupRecord, RitualSessionRecord, SleepDiaryRecord } from "../store/ritual-store";
import { sceneTriggers } from "./observations";

export interface SyntheticRitualOptions {
  userId: string;
  timeZone: string;
  /** First day, YYYY-MM-DD (local). */
  first: string;
  days: number;
  seed?: number;
  /** Prefix of every id (ids must be unique in the store). */
  idPrefix: string;
  /** Share of days with a session (default 1). */
  sessionShare?: number;
  /** Share of nights with a sleep diary (default 1). */
  diaryShare?: number;
  /** Share of sessions abandoned before the check-out (default 0.06). */
  abandonShare?: number;
  /** A GAD-7 and a PHQ-8 every this many days (default 14; 0 = none). */
  checkupEveryDays?: number;
  /** Written into every check-out's note, e.g. "Demo data". */
  note?: string | null;
}

export interface SyntheticRitualRecords {
  sessions: RitualSessionRecord[];
  diaries: SleepDiaryRecord[];
  checkups: CheckupRecord[];
}

/** Extra anxiety change (points, 0–100 scale) when the trigger is present. The rest: none. */
export const SYNTHETIC_TRIGGER_EFFECTS: Readonly<Record<string, number>> = {
  rain: -9,
  whispering: -6,
  "hair-brushing": -4,
  waves: -3,
};

const EVENING_SCENES = [
  "library-rain",
  "whispered-bedtime",
  "night-cabin",
  "ocean-sleep",
  "ear-to-ear-brushing",
  "attic-storm",
];
const DAYTIME_SCENES = [
  "focus-brown",
  "keyboard-cafe",
  "forest-stream",
  "seaside-journal",
  "autumn-walk",
  "fingertips-orbit",
  "fireside-letters",
];

function sceneById(id: string): BuiltinScene {
  const found = BUILTIN_SCENES.find((s) => s.id === id);
  if (!found) throw new Error(`No built-in scene ${id}`);
  return found;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const pad = (n: number) => String(n).padStart(2, "0");
const clock = (minutes: number) => {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
};

/** Answers for every item of a choice instrument that add up to `total`. */
function answersFor(instrumentId: InstrumentId, total: number): Record<string, number> {
  const items = INSTRUMENTS[instrumentId].items.filter(
    (i) => i.kind === "choice" && !("optional" in i && i.optional),
  );
  const answers: Record<string, number> = {};
  let left = total;
  items.forEach((item, k) => {
    const value = Math.min(3, Math.ceil(left / (items.length - k)));
    answers[item.id] = value;
    left -= value;
  });
  return answers;
}

export function syntheticRitualRecords(options: SyntheticRitualOptions): SyntheticRitualRecords {
  const {
    userId,
    timeZone,
    first,
    days,
    seed = 1,
    idPrefix,
    sessionShare = 1,
    diaryShare = 1,
    abandonShare = 0.06,
    checkupEveryDays = 14,
    note = null,
  } = options;
  const random = seededRandom(seed);
  const normal = () => {
    const u = Math.max(random(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const at = (date: string, minutes: number) =>
    new Date(localToInstant(date, clock(minutes), timeZone).instantMs).toISOString();
  const triggersOf = new Map(BUILTIN_SCENES.map((s) => [s.id, sceneTriggers(s.scene)]));

  const out: SyntheticRitualRecords = { sessions: [], diaries: [], checkups: [] };
  for (let i = 0; i < days; i++) {
    const date = addDays(first, i);
    let evening: RitualSessionRecord | null = null;
    if (random() < sessionShare) {
      const isEvening = random() < 0.65;
      const startMinutes = isEvening ? 19 * 60 + 30 + random() * 195 : 13 * 60 + random() * 240;
      const { id: sceneId, scene } = sceneById(pick(isEvening ? EVENING_SCENES : DAYTIME_SCENES));
      const startedAt = at(date, startMinutes);
      const endedAt = new Date(
        Date.parse(startedAt) + (15 + Math.floor(random() * 30)) * 60_000,
      ).toISOString();
      const anxiety = clamp(Math.round(45 + 15 * normal()), 5, 95);
      const checkIn: CheckIn = {
        pleasantness: clamp(Math.round(4.5 + 1.3 * normal()), 1, 9),
        energy: clamp(Math.round((isEvening ? 4 : 5.5) + 1.3 * normal()), 1, 9),
        anxiety,
        stress: clamp(Math.round(5 + 2 * normal()), 0, 10),
      };
      const effect = (triggersOf.get(sceneId) ?? []).reduce(
        (sum, t) => sum + (SYNTHETIC_TRIGGER_EFFECTS[t] ?? 0),
        0,
      );
      const abandoned = random() < abandonShare;
      const tingles = clamp(Math.round(2.5 + 2 * normal()), 0, 10);
      const checkOut: CheckOut | null = abandoned
        ? null
        : {
            pleasantness: clamp(checkIn.pleasantness + Math.round(1 + normal()), 1, 9),
            energy: clamp(checkIn.energy - Math.round(0.5 + normal()), 1, 9),
            anxiety: clamp(Math.round(anxiety - 4 + effect + 7 * normal()), 0, 100),
            stress: clamp((checkIn.stress ?? 5) - Math.round(1 + normal()), 0, 10),
            tingles,
            tingleLocations: tingles > 0 ? [pick(["scalp", "neck", "shoulders"] as const)] : [],
            relaxation: clamp(Math.round(6 + 1.5 * normal()), 0, 10),
            ...(note !== null ? { note } : {}),
          };
      const session: RitualSessionRecord = {
        id: `${idPrefix}s-${i}`,
        userId,
        clientId: null,
        status: abandoned ? "abandoned" : "checked-out",
        startedAt,
        endedAt,
        timeZone,
        localDate: date,
        checkIn,
        checkOut,
        scene: scene as unknown as Record<string, unknown>,
        media: [{ kind: "preset", presetId: sceneId, name: scene.name ?? sceneId }],
        entryId: null,
        promptId: null,
        condition: { kind: "open" },
        createdAt: startedAt,
        updatedAt: endedAt,
      };
      out.sessions.push(session);
      if (isEvening) evening = session;
    }

    if (random() < diaryShare) {
      const intoBed = 22 * 60 + 30 + random() * 60;
      const awakenings = Math.floor(random() * 3);
      const fields: SleepDiaryInput = {
        nightOf: date,
        timeZone,
        intoBed: clock(intoBed),
        triedToSleep: clock(intoBed + 10 + random() * 20),
        minutesToFallAsleep: clamp(Math.round(24 - (evening ? 6 : 0) + 9 * normal()), 2, 90),
        awakenings,
        minutesAwake: awakenings === 0 ? 0 : clamp(Math.round(8 + 6 * normal()) * awakenings, 2, 90),
        finalAwakening: clock(6 * 60 + 30 + random() * 45),
        outOfBed: clock(7 * 60 + 20 + random() * 25),
        quality: clamp(Math.round(3.1 + (evening ? 0.3 : 0) + 0.8 * normal()), 1, 5),
        rested: clamp(Math.round(3 + 0.8 * normal()), 1, 5),
        listened: evening !== null,
      };
      const written = at(addDays(date, 1), 7 * 60 + 45);
      out.diaries.push({
        id: `${idPrefix}d-${i}`,
        userId,
        nightOf: date,
        fields,
        derived: deriveSleep(fields),
        sessionId: evening?.id ?? null,
        createdAt: written,
        updatedAt: written,
      });
    }

    if (checkupEveryDays > 0 && i % checkupEveryDays === 0) {
      for (const [k, instrumentId] of (["gad7", "phq8"] as const).entries()) {
        const answers = answersFor(instrumentId, clamp(Math.round(7 + 1.2 * normal()), 5, 9));
        const result = scoreInstrument(INSTRUMENTS[instrumentId], answers);
        const completedAt = at(date, 12 * 60 + k * 4);
        out.checkups.push({
          id: `${idPrefix}c-${i}-${instrumentId}`,
          userId,
          instrumentId,
          answers,
          total: result.total,
          bandId: result.band?.id ?? null,
          completedAt,
          localDate: date,
          timeZone,
          createdAt: completedAt,
        });
      }
    }
  }
  return out;
}
